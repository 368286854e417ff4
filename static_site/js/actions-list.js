// The open questionnaires and drafts awaiting approval ("Acties"), shared by the frame's panel (on every page) and the Acties
// page. The panel costs no call of its own: GET /api/me carries the first few open questionnaires
// (and the open count), and Me is fetched with every screen anyway.
import { h, srOnly } from './dom.js';
import { formatDay, t, tn } from './i18n.js';

function dossierText(dossier) {
  if (!dossier) return '';
  return [dossier.number, dossier.description].filter(Boolean).join(' – ');
}

/** A draft deed awaiting this party's answer (kind 'approval', from Me): "Concept-akte ter
 * goedkeuring", the document and its version, the dossier, the date asked for, and a link to the
 * dossier page with its approval section open. */
function approvalItem(action) {
  return h('li', { class: 'action-item action-approval' },
    h('p', { class: 'action-title' }, t('approval.title')),
    h('p', { class: 'action-meta' }, `${action.title || ''} ${t('approval.version', { number: action.version })}`),
    h('p', { class: 'action-meta' }, srOnly(`${t('actions.dossier')}: `), dossierText(action.dossier)),
    action.due_date ? h('p', { class: 'action-meta' }, t('actions.due', { date: formatDay(action.due_date) })) : null,
    h('a', { href: `#/dossiers/${encodeURIComponent(action.dossier?.id || action.id)}/goedkeuring`, class: 'button button-secondary action-fill',
      'aria-label': t('actions.reviewNamed', { title: action.title || '' }) }, t('actions.review')));
}

/** One open questionnaire: title, dossier, due date and "Invullen" (named with the title for screen readers). */
export function actionItem(action, { detailed = false } = {}) {
  if (action.kind === 'approval') return approvalItem(action);
  const saved = Array.isArray(action.saved_pages) ? action.saved_pages.length : 0;
  return h('li', { class: 'action-item' },
    h('p', { class: 'action-title' }, action.title || ''),
    h('p', { class: 'action-meta' }, srOnly(`${t('actions.dossier')}: `), dossierText(action.dossier)),
    action.due_date ? h('p', { class: 'action-meta' }, t('actions.due', { date: formatDay(action.due_date) })) : null,
    detailed && action.note ? h('p', { class: 'action-note' }, action.note) : null,
    detailed && saved ? h('p', { class: 'action-meta' }, tn('actions.progress', saved, { total: action.page_count })) : null,
    // Named with the title: several "Invullen" links must be told apart by screen reader users.
    h('a', { href: `#/vragenlijst/${encodeURIComponent(action.id)}`, class: 'button button-secondary action-fill', 'aria-label': t('actions.fillNamed', { title: action.title || '' }) },
      t('actions.fill')));
}

/** The panel's list, from Me: its first open questionnaires, and how many more the Acties page has. */
export function actionsPanelList(me) {
  const open = Number(me.counts?.actions_open) || 0;
  const items = Array.isArray(me.actions) ? me.actions : [];
  if (!items.length) return null; // the count and the link to the Acties page still lead the way
  return h('div', { class: 'panel-actions' },
    h('ul', { class: 'action-list', 'aria-label': t('actions.listLabel') }, ...items.map((action) => actionItem(action))),
    open > items.length ? h('p', { class: 'panel-text' }, t('actions.more', { count: open - items.length })) : null);
}
