// Acties (manual: questionnaires to fill in): the drafts awaiting approval (from Me), every open questionnaire with its dossier, due date
// and note, and "Invullen"; 50 a page with "Meer laden". Screen load: GET /api/actions (one call).
import { actionItem } from '../actions-list.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { messageArea } from '../forms.js';
import { t } from '../i18n.js';
import { pagedList } from '../paged-list.js';

export const title = 'actionsPage.title';

export async function render(ctx) {
  // The first page is the screen: if it cannot be read, the app shows its failure screen.
  const first = await api.get('/api/actions');
  // Drafts awaiting approval come with Me (all of them: one per dossier at most), not with this list.
  const drafts = (ctx?.me?.actions || []).filter((action) => action.kind === 'approval');
  const errors = messageArea('error');
  const list = h('ul', { id: 'action-list', class: 'action-list action-list-page', 'aria-label': t('actionsPage.listLabel') });
  const more = h('div', { class: 'button-row' });
  const empty = h('p', { class: 'empty' }, t('actions.none'));
  const element = h('div', { class: 'screen' },
    h('h1', {}, t('actionsPage.title')),
    h('p', { class: 'lead' }, t('actionsPage.intro')),
    errors.element, list, empty, more);
  const loadPage = (nextToken) => api.get(`/api/actions?next_token=${encodeURIComponent(nextToken)}`);
  await pagedList({ element, list, empty, more, errors, loadPage, row: (action) => actionItem(action, { detailed: true }) })
    .load({ ...first, items: [...drafts, ...(first.items || [])] });
  return element;
}
