// Acties (manual: questionnaires to fill in): every open questionnaire with its dossier, due date
// and note, and "Invullen"; 50 a page with "Meer laden". Screen load: GET /api/actions (one call).
import { actionItem } from '../actions-list.js';
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { button, messageArea, showError } from '../forms.js';
import { t } from '../i18n.js';

export const title = 'actionsPage.title';

export async function render(ctx) {
  const first = await api.get('/api/actions');
  const errors = messageArea('error');
  const list = h('ul', { id: 'action-list', class: 'action-list action-list-page', 'aria-label': t('actionsPage.listLabel') });
  const more = h('div', { class: 'button-row' });
  const empty = h('p', { class: 'empty' }, t('actions.none'));

  const showPage = (page) => {
    replace(more);
    list.append(...(page.items || []).map((action) => actionItem(action, { detailed: true })));
    empty.hidden = list.children.length > 0;
    list.hidden = list.children.length === 0;
    if (page.next_token) {
      more.append(button(t('dossiers.more'), {
        kind: 'secondary', type: 'button',
        on: {
          click: async () => {
            try {
              showPage(await api.get(`/api/actions?next_token=${encodeURIComponent(page.next_token)}`));
            } catch (error) {
              showError(errors, error);
            }
          },
        },
      }));
    }
  };
  showPage(first);
  return h('div', { class: 'screen' },
    h('h1', {}, t('actionsPage.title')),
    h('p', { class: 'lead' }, t('actionsPage.intro')),
    errors.element, list, empty, more);
}
