// Dossiers (manual 2.1): "Zoek" on description or dossier number, "Filter" on status (only offered
// when the client's dossiers have two or more statuses; none ticked shows all), 25 a page with
// "Meer laden", and each dossier's unread total. With exactly one dossier, that dossier opens at
// once instead (the list answer's `total` counts the dossiers without search or filter).
// Screen load: GET /api/dossiers (one call).
import { api } from '../../api.js';
import { h, replace, srOnly, uid } from '../../dom.js';
import { button, messageArea, showError } from '../../forms.js';
import { t, tn } from '../../i18n.js';
import { icon } from '../../icons.js';
import { filterBlock } from './filter.js';

export const title = 'dossiers.title';

// The search and filter shown, as the address names them (so "Back" from a dossier finds the list
// as it was left, and a link or reload shows the same); reset for another account.
const remembered = { owner: null, q: '', statuses: [] };
const SEARCH_DELAY_MS = 350;

function query({ q, statuses, nextToken }) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (statuses.length) params.set('status', statuses.join(','));
  if (nextToken) params.set('next_token', nextToken);
  const text = params.toString();
  return `/api/dossiers${text ? `?${text}` : ''}`;
}

function row(dossier) {
  const unread = Number(dossier.unread_total) || 0;
  return h('li', { class: 'dossier-row' },
    h('a', { href: `#/dossiers/${encodeURIComponent(dossier.id)}`, class: 'dossier-link' },
      h('span', { class: 'dossier-number' }, srOnly(`${t('dossier.number')} `), dossier.number || ''),
      h('span', { class: 'dossier-description' }, dossier.description || ''),
      h('span', { class: 'dossier-state' },
        h('span', { class: ['badge', dossier.in_progress ? 'badge-progress' : 'badge-closed'] }, dossier.status_label || dossier.status || '')),
      h('span', { class: 'dossier-unread' },
        unread ? h('span', { class: 'badge badge-unread' }, tn('dossiers.unread', unread)) : srOnly(t('dossiers.noUnread'))),
      h('span', { class: 'dossier-open', 'aria-hidden': 'true' }, icon('chevron'))));
}

/** The search and filter in the address (#/dossiers?zoek=...&status=a,b): each has its own link. */
function fromAddress(text) {
  const params = new URLSearchParams(text || '');
  return { q: (params.get('zoek') || '').trim(), statuses: (params.get('status') || '').split(',').filter(Boolean) };
}

function toAddress({ q, statuses }) {
  const params = new URLSearchParams();
  if (q) params.set('zoek', q);
  if (statuses.length) params.set('status', statuses.join(','));
  const text = params.toString();
  return `#/dossiers${text ? `?${text}` : ''}`;
}

/** A search or filter chosen is a step in the history (replace: while typing, one step in all). */
function follow({ replace: replacing = false } = {}) {
  const target = toAddress(remembered);
  if (location.hash === target) return;
  if (replacing) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
}

export async function render(ctx) {
  if (remembered.owner !== ctx.me.id) Object.assign(remembered, { owner: ctx.me.id, q: '', statuses: [] });
  // The address says what is searched and filtered (Back returns to the list as it was left).
  Object.assign(remembered, fromAddress(ctx.params[0]));
  const first = await api.get(query({ ...remembered }));
  if (Number(first.total) === 1 && first.items?.length === 1 && !remembered.q && !remembered.statuses.length) {
    // Manual: one dossier opens at once. Replace, so "Back" from it returns to Home, not here.
    queueMicrotask(() => ctx.navigate(`#/dossiers/${encodeURIComponent(first.items[0].id)}`, { replace: true }));
    return h('div', { class: 'screen' }, h('p', { class: 'loading' }, t('app.loading')));
  }

  // No dossiers at all: one sentence, not "0 dossiers" with a search box above it (issue 16.13).
  if (Number(first.total) === 0 && !remembered.q && !remembered.statuses.length) {
    return h('div', { class: 'screen dossiers' }, h('h1', {}, t('dossiers.title')), h('p', { class: 'empty' }, t('dossiers.none')));
  }

  const errors = messageArea('error');
  const found = h('p', { class: 'result-count', role: 'status' });
  const list = h('ul', { class: 'dossier-list', 'aria-label': t('dossiers.listLabel') });
  const empty = h('p', { class: 'empty', hidden: true });
  const more = h('div', { class: 'button-row' });
  const searchId = uid('search');
  const search = h('input', { id: searchId, type: 'search', name: 'q', value: remembered.q, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${searchId}-hint` });
  let requestCount = 0;
  let timer = null;

  function showPage(page, { append = false } = {}) {
    if (!append) list.replaceChildren();
    replace(more);
    list.append(...(page.items || []).map(row));
    const filtered = remembered.q || remembered.statuses.length;
    empty.textContent = filtered ? t('dossiers.noMatch') : t('dossiers.none');
    empty.hidden = list.children.length > 0;
    list.hidden = list.children.length === 0;
    // The API counts only the unfiltered total; a filtered list with more pages says "at least".
    if (filtered) found.textContent = tn(page.next_token ? 'dossiers.foundAtLeast' : 'dossiers.found', list.children.length);
    else found.textContent = '';
    if (page.next_token) {
      more.append(button(t('dossiers.more'), {
        kind: 'secondary', type: 'button',
        on: { click: () => reload({ nextToken: page.next_token }) },
      }));
    }
  }

  async function reload({ nextToken = null } = {}) {
    const id = ++requestCount;
    errors.clear();
    try {
      const page = await api.get(query({ ...remembered, nextToken }));
      if (id === requestCount) showPage(page, { append: Boolean(nextToken) });
    } catch (error) {
      if (id === requestCount) showError(errors, error);
    }
  }

  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      remembered.q = search.value.trim();
      follow({ replace: true });
      reload();
    }, SEARCH_DELAY_MS);
  });
  const searchForm = h('form', {
    role: 'search', class: 'search-form', 'aria-label': t('dossiers.searchLabel'),
    on: {
      submit: (event) => {
        event.preventDefault();
        clearTimeout(timer);
        remembered.q = search.value.trim();
        follow();
        reload();
      },
    },
  },
  h('label', { for: searchId }, t('dossiers.search')),
  h('p', { class: 'field-hint', id: `${searchId}-hint` }, t('dossiers.searchHint')),
  h('div', { class: 'search-row' }, search,
    h('button', { type: 'submit', class: ['button', 'button-primary', 'with-icon'] }, icon('search'), t('dossiers.searchButton'))));

  const statuses = first.statuses || [];
  // Only statuses that exist among the client's dossiers; a remembered one that vanished is dropped.
  remembered.statuses = remembered.statuses.filter((key) => statuses.some((status) => status.key === key));
  const filter = statuses.length >= 2
    ? filterBlock(statuses, remembered.statuses, (keys) => { remembered.statuses = keys; follow(); reload(); })
    : null;

  showPage(first);
  return h('div', { class: 'screen dossiers' },
    h('h1', {}, t('dossiers.title')),
    h('p', { class: 'lead' }, tn('dossiers.total', Number(first.total) || 0)),
    h('div', { class: 'list-tools' }, searchForm, filter),
    errors.element, found, list, empty, more);
}
