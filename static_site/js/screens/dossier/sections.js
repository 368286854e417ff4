// The dossier page's collapsed sections, "Betaalinstructie" and "Concept-akte ter goedkeuring":
// only their headings come with the page. What shows them (payments.js, approval.js) is loaded
// with their content when the section is first opened, so the page's first visit stays small and
// at two API requests.
import { h, uid } from '../../dom.js';
import { messageArea } from '../../forms.js';
import { t, useTexts } from '../../i18n.js';
import { disclosure } from '../../disclosure.js';

/** The section's module, once its error texts (i18n group "signing") are there too. */
async function withTexts(module) {
  const [loaded] = await Promise.all([module, useTexts(['signing'])]);
  return loaded;
}

/** show(body): loads the module and the content into body; true once shown (else tried again on the next opening). */
function collapsed({ idBase, className, bodyClass, titleKey, failedKey, show }) {
  const body = h('div', { id: uid(idBase), class: bodyClass, hidden: true });
  let loaded = false;
  const load = async () => {
    loaded = true;
    body.replaceChildren(h('p', { class: 'loading' }, t('app.loading')));
    try {
      loaded = await show(body);
    } catch {
      // The module itself could not be loaded (offline): the section says so, the next opening tries again.
      loaded = false;
      const area = messageArea('error');
      area.show(t(failedKey));
      body.replaceChildren(area.element);
    }
  };
  const toggle = disclosure(body, t(titleKey), { onOpen: () => { if (!loaded) load(); } });
  const section = h('section', { class: className, 'aria-label': t(titleKey) },
    h('h2', { class: 'progress-title' }, toggle), body);
  return { section, toggle };
}

/** Collapsed, fetched when first opened (or at once with `open`: Home's link to it). */
export function paymentsSection(dossierId, { open = false } = {}) {
  const { section, toggle } = collapsed({
    idBase: 'payments', className: 'payments panel', bodyClass: 'payments-body', titleKey: 'payments.title', failedKey: 'payments.loadFailed',
    show: async (body) => (await withTexts(import('../payments.js'))).showPayments(body, dossierId),
  });
  if (open) toggle.click();
  return section;
}

/** The section, or null: its state read when the party first opens it (the page already said a
 * draft awaits this party), or at once with `open` (#/dossiers/<id>/goedkeuring, the Acties entry's
 * link); `onApproved` runs after Akkoord (the draft leaves the Acties panel and count at once). */
export function approvalSection(dossierId, requested, { open = false, onApproved } = {}) {
  if (!requested) return null;
  const { section, toggle } = collapsed({
    idBase: 'approval', className: 'panel approval', bodyClass: null, titleKey: 'approval.title', failedKey: 'error.network_error',
    show: async (body) => (await withTexts(import('../approval.js'))).showApproval(body, dossierId, onApproved),
  });
  if (open) toggle.click();
  return section;
}
