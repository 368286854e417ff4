// "Betaalinstructie" (issue 18): what a party must pay into the office's escrow account. The dossier
// page shows it in a collapsed section (dossier/sections.js) that loads on opening (the page's first
// visit stays at two API requests); Home lists each instruction as a line that opens into the same
// full card (the terms came with GET /api/home, so opening costs no read). Opening the full
// instruction, on either page, records that the client saw this version (POST .../opened). The
// account number only ever comes from the portal:
// the warning says so, and "Rekeningnummer controleren" checks any number received elsewhere.
import { api, segment } from '../api.js';
import { h, uid } from '../dom.js';
import { messageArea } from '../forms.js';
import { currentLanguage, formatDate, t } from '../i18n.js';
import { disclosure } from '../disclosure.js';
import { icon } from '../icons.js';

/** "€ 412.375,50" from the API's exact "412375.50" (integer arithmetic: no float rounding). */
export function formatAmount(amount) {
  const [euros = '0', cents = '00'] = String(amount ?? '0').split('.');
  const nl = currentLanguage() === 'nl';
  const grouped = new Intl.NumberFormat(nl ? 'nl-NL' : 'en-GB').format(BigInt(euros));
  return `€${nl ? ' ' : ''}${grouped}${nl ? ',' : '.'}${cents}`;
}

/** What the copy button puts on the clipboard: no grouping, the language's decimal sign. */
function plainAmount(amount) {
  return currentLanguage() === 'nl' ? String(amount).replace('.', ',') : String(amount);
}

function copyButton(label, value, status) {
  return h('button', {
    type: 'button', class: 'button button-secondary copy-button no-print', 'aria-label': t('payments.copyLabel', { what: label }),
    on: {
      click: async () => {
        try {
          await navigator.clipboard.writeText(value);
          status.show(t('payments.copied', { what: label }));
        } catch {
          status.show(t('payments.copyFailed'));
        }
      },
    },
  }, icon('copy'), t('payments.copy'));
}

function row(label, value, copy) {
  return h('div', { class: 'summary-row payment-row' },
    h('dt', {}, label),
    h('dd', {}, h('span', { class: 'payment-value' }, value), copy || null));
}

function versionList(version, status, { copies }) {
  return h('dl', { class: 'summary payment-terms' },
    row(t('payments.amount'), formatAmount(version.amount),
      copies && copyButton(t('payments.amount'), plainAmount(version.amount), status)),
    row(t('payments.iban'), h('span', { class: 'iban' }, version.iban_grouped),
      copies && copyButton(t('payments.iban'), version.iban, status)),
    row(t('payments.holder'), version.holder),
    row(t('payments.reference'), version.reference,
      copies && copyButton(t('payments.reference'), version.reference, status)),
    row(t('payments.dueDate'), formatDate(version.due_date)),
    row(t('payments.purpose'), version.purpose));
}

export function warning() {
  return h('p', { class: 'payment-warning', role: 'note' }, icon('alert'), h('strong', {}, t('payments.warning')), ' ',
    h('a', { href: '#/rekening-controleren' }, t('payments.checkLink')));
}

function printCard(card) {
  // Only this instruction on paper: the rest of the page is hidden while printing.
  card.classList.add('print-target');
  document.body.classList.add('print-payment');
  const done = () => {
    card.classList.remove('print-target');
    document.body.classList.remove('print-payment');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/** One instruction in full: current terms with copy buttons, print, warning, earlier versions. */
export function paymentCard(item) {
  const status = messageArea('status');
  const current = item.current || {};
  const earlier = Array.isArray(item.earlier) ? item.earlier : [];
  const card = h('article', { class: 'card payment-card', 'aria-labelledby': uid('payment') });
  const headingId = card.getAttribute('aria-labelledby');
  // append() would write a null out as the text "null": what is not there is left out.
  card.append(...[
    h('h3', { id: headingId, class: 'payment-title' }, current.purpose || t('payments.title'),
      item.changed ? h('span', { class: 'badge badge-changed' }, t('payments.changed')) : null),
    item.changed ? h('p', { class: 'payment-changed-note' }, t('payments.changedNote')) : null,
    versionList(current, status, { copies: true }),
    status.element,
    warning(),
    h('div', { class: 'button-row no-print' },
      h('button', { type: 'button', class: 'button button-secondary', on: { click: () => printCard(card) } },
        icon('printer'), t('payments.print'))),
    earlier.length
      ? h('details', { class: 'payment-earlier' },
        h('summary', {}, t('payments.earlier', { count: earlier.length })),
        earlier.map((version) => h('div', { class: 'payment-old' },
          h('p', { class: 'payment-old-title' }, t('payments.version', { number: version.version })),
          versionList(version, status, { copies: false }))))
      : null].filter(Boolean));
  return card;
}

/** Tell staff the client saw the current version (once per page; already-seen ones not again). */
function markOpened(item) {
  if (item.opened) return;
  item.opened = true;
  api.post(`/api/dossiers/${segment(item.dossier_id)}/payments/${segment(item.id)}/opened`, { version: item.current.version })
    .catch(() => { item.opened = false; });
}

/** The dossier page's section body (screens/dossier/sections.js loads this module when the
 * section is first opened): the instructions read and shown; false when they could not be read. */
export async function showPayments(body, dossierId) {
  try {
    const found = await api.get(`/api/dossiers/${segment(dossierId)}/payments`);
    const items = found?.items || [];
    body.replaceChildren(...(items.length ? items.map(paymentCard) : [h('p', { class: 'empty' }, t('payments.none'))]));
    items.forEach(markOpened);
    return true;
  } catch (error) {
    if (!error?.handled) {
      const area = messageArea('error');
      area.show(t('payments.loadFailed'));
      body.replaceChildren(area.element);
    }
    return false;
  }
}

/** Home: a line per instruction (from GET /api/home) that opens into the dossier page's full card
 * (amount, IBAN in groups of four, holder, reference, due date, copy buttons, print, warning).
 * Opening it is what counts as "opened" for staff: Home's first paint stays at its two requests,
 * and a line scrolled past unread is not reported as read. */
export function homePayments(items) {
  if (!items.length) return null;
  return h('section', { class: 'home-payments', 'aria-labelledby': 'home-payments-title' },
    h('h2', { id: 'home-payments-title' }, t('payments.title')),
    h('ul', { class: 'item-list' }, items.map((item) => {
      const body = h('div', { id: uid('home-payment'), class: 'home-payment-card', hidden: true });
      const label = h('span', {}, `${item.current.purpose} (${t('payments.dossier')} ${item.dossier_number})`,
        h('span', { class: 'payment-summary-terms' },
          ` ${formatAmount(item.current.amount)} · ${t('payments.dueBy', { date: formatDate(item.current.due_date) })}`));
      const toggle = disclosure(body, label, { onOpen: () => {
        if (!body.firstChild) {
          body.append(paymentCard(item),
            h('p', {}, h('a', { href: `#/dossiers/${encodeURIComponent(item.dossier_id)}/betaalinstructie` }, t('payments.toDossier'))));
        }
        markOpened(item);
      } });
      return h('li', { class: 'payment-summary' }, toggle,
        item.changed ? h('span', { class: 'badge badge-changed' }, t('payments.changed')) : null, body);
    })),
    warning());
}
