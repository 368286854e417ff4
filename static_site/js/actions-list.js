// The open questionnaires ("Acties"), shared by the frame's panel (on every page) and the Acties
// page. The panel must not cost every page an extra call, so the list is cached: fetched again
// only when Me's open count differs from the cached one or the cache is a few minutes old, and
// dropped by the screens that change it (saving or completing a questionnaire).
import { api } from './api.js';
import { h, srOnly } from './dom.js';
import { formatDay, t, tn } from './i18n.js';

const MAX_AGE_MS = 5 * 60 * 1000;
const PANEL_SHOWN = 5;
let cache = null; // {owner, count, at, page}: owner is the account, so a next login never sees it
let pending = null; // {owner, count, promise}: one request however often the frame renders meanwhile

export function forgetActions() {
  cache = null;
  pending = null;
}

export function rememberActions(owner, count, page) {
  cache = { owner, count, at: Date.now(), page };
}

export function loadActions(owner, count) {
  if (cache && cache.owner === owner && cache.count === count && Date.now() - cache.at < MAX_AGE_MS) return Promise.resolve(cache.page);
  if (pending && pending.owner === owner && pending.count === count) return pending.promise;
  const promise = api.get('/api/actions').then((page) => {
    rememberActions(owner, count, page);
    return page;
  }).finally(() => {
    if (pending?.promise === promise) pending = null;
  });
  pending = { owner, count, promise };
  return promise;
}

function dossierText(dossier) {
  if (!dossier) return '';
  return [dossier.number, dossier.description].filter(Boolean).join(' – ');
}

/** One open questionnaire: title, dossier, due date and "Invullen" (named with the title for screen readers). */
export function actionItem(action, { detailed = false } = {}) {
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

/** The panel's list: filled in when the (cached) list arrives; on failure the count and link remain. */
export function actionsPanelList(owner, count) {
  const list = h('ul', { class: 'action-list', 'aria-label': t('actions.listLabel') });
  const wrapper = h('div', { class: 'panel-actions' }, list);
  loadActions(owner, count).then((page) => {
    const items = page?.items || [];
    list.replaceChildren(...items.slice(0, PANEL_SHOWN).map((action) => actionItem(action)));
    if (items.length > PANEL_SHOWN || page?.next_token) {
      wrapper.append(h('p', { class: 'panel-text' }, t('actions.more', { count: count - PANEL_SHOWN })));
    }
  }).catch(() => {
    // The count and the link to the Acties page still lead the way; a lost session is handled by api.js.
    wrapper.remove();
  });
  return wrapper;
}
