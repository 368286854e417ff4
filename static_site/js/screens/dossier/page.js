// One dossier (#/dossiers/<id>[/<tab>], manual 2.1.1): the header (number, description, status),
// "Voortgang (x/y)" collapsed, and four tabs with their counts. Screen load: one call, GET the
// dossier with ?tab= (the header, progress, every tab's counts and the open tab's first page);
// another tab's list is fetched when it is first opened.
import { api, segment } from '../../api.js';
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { tabCounts } from './counts.js';
import { itemsPanel } from './items.js';
import { messagesPanel } from './messages.js';
import { progressSection } from './progress.js';
import { tabs } from './tabs.js';
import { appointmentSection } from '../appointment.js';
import { approvalSection } from '../approval.js';

export const title = 'dossier.title';

// The address names the tab in Dutch, like the rest of the routes.
const TABS = [
  { key: 'correspondence', slug: 'correspondentie' },
  { key: 'documents', slug: 'documenten' },
  { key: 'supplied', slug: 'aangeleverd' },
  { key: 'messages', slug: 'berichten' },
];

function notFound() {
  return h('div', { class: 'screen' },
    h('h1', {}, t('dossier.notFoundTitle')),
    h('p', {}, t('dossier.notFound')),
    h('p', {}, h('a', { href: '#/dossiers' }, t('dossier.back'))));
}

function header(dossier, me) {
  // With a single dossier "Dossiers" opens this page directly: a way back to the list would loop.
  const many = (Number(me.counts?.dossiers_total) || 0) > 1;
  return h('div', { class: 'dossier-header' },
    many ? h('p', { class: 'back-link' }, h('a', { href: '#/dossiers' }, t('dossier.back'))) : null,
    h('p', { class: 'dossier-number' }, t('dossier.number'), ' ', h('span', { class: 'number' }, dossier.number || '')),
    h('h1', {}, dossier.description || dossier.number || t('dossier.title')),
    h('p', { class: 'dossier-status' }, `${t('dossier.status')}: `,
      h('span', { class: ['badge', dossier.in_progress ? 'badge-progress' : 'badge-closed'] }, dossier.status_label || dossier.status || '')));
}

export async function render(ctx) {
  const [dossierId, slug] = ctx.params;
  const open = TABS.find((tab) => tab.slug === slug) || TABS[0];
  let dossier;
  try {
    dossier = await api.get(`/api/dossiers/${segment(dossierId)}?tab=${open.key}`);
  } catch (error) {
    if (error.status === 404) return notFound();
    throw error;
  }
  const counts = tabCounts(dossier.tabs);
  const panels = {};
  const stale = new Set();
  for (const { key } of TABS.slice(0, 3)) panels[key] = itemsPanel({ dossierId: dossier.id, tab: key, counts });
  panels.messages = messagesPanel({
    dossierId: dossier.id, me: ctx.me, counts, limits: dossier.attachment_limits,
    // A sent attachment is a new "Door mij aangeleverd" item: that list is read again when opened.
    onSent: () => { stale.add('supplied'); },
  });

  const widget = tabs({
    idBase: 'dossier',
    label: t('dossier.tabsLabel'),
    selected: open.key,
    items: TABS.map(({ key }) => ({ key, text: t(`dossier.tab.${key}`), panel: panels[key].element, counts: counts.get(key) })),
    onSelect: (key) => {
      const tab = TABS.find((entry) => entry.key === key);
      // The address follows the tab without a new render (replaceState fires no hashchange).
      history.replaceState(null, '', `#/dossiers/${encodeURIComponent(dossier.id)}/${tab.slug}`);
      if (!panels[key].loaded || stale.delete(key)) panels[key].load().catch(() => {});
    },
  });
  counts.subscribe((key, value) => widget.setCounts(key, value));

  // The open tab's list came with the dossier, so the page appears complete at once.
  const first = dossier.first_page?.tab === open.key ? dossier.first_page : undefined;
  await panels[open.key].load(first);
  return h('div', { class: 'screen dossier' },
    header(dossier, ctx.me),
    progressSection(dossier.progress),
    appointmentSection(dossier.appointment),
    approvalSection(dossier.id, dossier.approval_requested),
    widget.element);
}
