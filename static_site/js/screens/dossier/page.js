// One dossier (#/dossiers/<id>[/<tab>], manual 2.1.1): the header (number, description, status),
// "Voortgang (x/y)" collapsed, and four tabs with their counts. Screen load: one call, GET the
// dossier with ?tab= (the header, progress, every tab's counts and the open tab's first page);
// another tab's list is fetched when it is first opened. Each tab (and in Berichten each message
// and form) has its own address; the page follows address changes in place (ctx.onRouteChange),
// so Back and Forward step through tabs and messages without loading the dossier again. What a
// visit may never use loads with import() when first needed (the first visit's bytes budget): the
// item tabs' code, the message view and form (messages.js), the sections' bodies (sections.js).
import { api, segment } from '../../api.js';
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { tabCounts } from './counts.js';
import { messageArea } from '../../forms.js';
import { messagesPanel } from './messages.js';
import { progressSection } from './progress.js';
import { tabs } from './tabs.js';
import { approvalSection, paymentsSection } from './sections.js';

export const title = 'dossier.title';

// The address names the tab in Dutch, like the rest of the routes.
const TABS = [
  { key: 'correspondence', slug: 'correspondentie' },
  { key: 'documents', slug: 'documenten' },
  { key: 'supplied', slug: 'aangeleverd' },
  { key: 'messages', slug: 'berichten' },
];

/** A tab of items (items.js): its panel is there at once, its code loads when the tab is first
 * opened (a visit opened at Berichten need not load it). Same face as the panel: {element, loaded, load}. */
function itemsTab(options) {
  const element = h('div', { class: 'items' });
  let panel = null;
  return {
    element,
    get loaded() {
      return Boolean(panel);
    },
    async load(first) {
      panel = panel || import('./items.js').then((module) => {
        element.replaceChildren();
        return module.itemsPanel({ ...options, element });
      });
      let ready;
      try {
        ready = await panel;
      } catch (error) {
        panel = null; // the next opening tries again
        const area = messageArea('error');
        area.show(t('error.network_error'));
        element.replaceChildren(area.element);
        throw error;
      }
      return ready.load(first);
    },
  };
}

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
  const [dossierId, slug, messageId, action] = ctx.params;
  const open = TABS.find((tab) => tab.slug === slug) || TABS[0];
  // "#/dossiers/<id>/betaalinstructie" (Home's link) opens the payment instruction at once.
  const showPayment = slug === 'betaalinstructie';
  const showApproval = slug === 'goedkeuring'; // the Acties entry of a draft awaiting approval
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
  for (const { key } of TABS.slice(0, 3)) panels[key] = itemsTab({ dossierId: dossier.id, tab: key, counts });
  panels.messages = messagesPanel({
    dossierId: dossier.id, me: ctx.me, counts, limits: dossier.attachment_limits,
    // A sent attachment is a new "Door mij aangeleverd" item: that list is read again when opened.
    onSent: () => { stale.add('supplied'); },
    go: ctx.navigate,
  });
  const addressOf = (tab) => (tab.key === 'messages' ? panels.messages.path()
    : `#/dossiers/${encodeURIComponent(dossier.id)}/${tab.slug}`);
  let following = false; // selecting a tab because the address changed: the address is already right

  const widget = tabs({
    idBase: 'dossier',
    label: t('dossier.tabsLabel'),
    selected: open.key,
    items: TABS.map(({ key }) => ({ key, text: t(`dossier.tab.${key}`), panel: panels[key].element, counts: counts.get(key) })),
    onSelect: (key) => {
      const tab = TABS.find((entry) => entry.key === key);
      // A tab chosen is a step in the history (Back returns to the previous tab); pushState fires
      // no hashchange, so nothing renders again.
      if (!following) history.pushState(null, '', addressOf(tab));
      if (!panels[key].loaded || stale.delete(key)) panels[key].load().catch(() => {});
    },
  });
  counts.subscribe((key, value) => widget.setCounts(key, value));

  // The open tab's list came with the dossier, so the page appears complete at once.
  const first = dossier.first_page?.tab === open.key ? dossier.first_page : undefined;
  // The appointment's code comes only with an appointment (most dossiers have none), beside the list.
  const [appointment] = await Promise.all([
    dossier.appointment ? import('../appointment.js').then((module) => module.appointmentSection(dossier.appointment)) : null,
    panels[open.key].load(first),
  ]);
  if (open.key === 'messages' && messageId) await panels.messages.route(messageId, action, { initial: true });
  ctx.onRouteChange((params) => {
    const [id, nextSlug, nextMessage, nextAction] = params;
    if (id !== dossierId) return false;
    const tab = TABS.find((entry) => entry.slug === nextSlug) || TABS[0];
    following = true;
    widget.select(tab.key);
    following = false;
    if (tab.key === 'messages') panels.messages.route(nextMessage, nextAction);
    return true;
  });
  return h('div', { class: 'screen dossier' },
    header(dossier, ctx.me),
    progressSection(dossier.progress),
    Number(ctx.me.counts?.payments) > 0 ? paymentsSection(dossier.id, { open: showPayment }) : null,
    appointment,
    approvalSection(dossier.id, dossier.approval_requested,
      { open: showApproval, onApproved: () => ctx.actionDone?.(dossier.id) }),
    widget.element);
}
