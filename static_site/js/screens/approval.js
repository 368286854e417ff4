// "Concept-akte ter goedkeuring" on the dossier page, only for a party staff named: Download,
// Akkoord (after ticking the confirmation) and Vraag stellen (a message about this very version).
// The version is shown as a short fingerprint of its SHA-256; Akkoord sends the version and hash
// the page showed, so a newer draft published meanwhile is refused rather than approved unseen.
import { api, errorText, segment } from '../api.js';
import { download } from '../download.js';
import { h, replace, uid } from '../dom.js';
import { formatDateTime, formatDay, t } from '../i18n.js';

function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function render(section, dossierId, approval, onApproved) {
  const base = `/api/dossiers/${segment(dossierId)}/approval`;
  const alert = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const fail = (error) => { alert.hidden = false; replace(alert, errorText(error)); };
  const reload = async () => render(section, dossierId, (await api.get(base)).approval, onApproved);

  const confirmId = uid('approval-confirm');
  const confirm = h('input', { type: 'checkbox', id: confirmId });
  const agree = h('form', { class: 'approval-confirm', hidden: true, on: { submit: async (event) => {
    event.preventDefault();
    if (!confirm.checked) { fail({ code: 'approval_confirmation_required' }); return; }
    try {
      await api.post(`${base}/approve`, { version_id: approval.version_id, sha256: approval.sha256, confirmed: true });
      onApproved?.(); // it leaves the Acties panel and count at once
      await reload();
    } catch (error) { if (!error.handled) fail(error); }
  } } },
  h('p', {}, confirm, ' ', h('label', { for: confirmId }, t('approval.confirmText'))),
  h('p', { class: 'button-row' }, h('button', { type: 'submit', class: 'button button-primary' }, t('approval.confirm'))));

  const questionId = uid('approval-question');
  const text = h('textarea', { id: questionId, rows: 4, maxlength: 4000 });
  const ask = h('form', { class: 'approval-question', hidden: true, on: { submit: async (event) => {
    event.preventDefault();
    if (!text.value.trim()) { fail({ code: 'body_required' }); return; }
    try {
      await api.post(`${base}/question`, { version_id: approval.version_id, body: text.value, idempotency_key: newKey() });
      await reload();
      section.querySelector('.approval-status')?.append(' ', t('approval.questionSent'));
    } catch (error) { if (!error.handled) fail(error); }
  } } },
  h('p', {}, h('label', { for: questionId }, t('approval.questionLabel'))), h('p', {}, text),
  h('p', { class: 'button-row' }, h('button', { type: 'submit', class: 'button button-primary' }, t('approval.send'))));

  const approved = approval.state === 'approved';
  replace(section,
    h('p', {}, h('strong', {}, approval.title), ' ', t('approval.version', { number: approval.number })),
    h('p', { class: 'approval-fingerprint' }, t('approval.fingerprint'), ' ', h('code', {}, approval.fingerprint)),
    approval.reset && !approved ? h('p', { class: 'approval-reset' }, t('approval.reset')) : null,
    approval.respond_by && !approved ? h('p', {}, t('approval.respondBy', { date: formatDay(approval.respond_by) })) : null,
    h('p', { class: 'approval-status', role: 'status' },
      approved ? t('approval.approvedAt', { when: formatDateTime(approval.approved_at) }) : t('approval.waiting')),
    h('p', { class: 'button-row' },
      h('button', { type: 'button', class: 'button button-secondary', on: { click: () =>
        download(`/api/dossiers/${segment(dossierId)}/items/${segment(approval.document_id)}/download`).catch(fail) } },
      t('approval.download')),
      approved ? null : h('button', { type: 'button', class: 'button button-primary', on: { click: () => { agree.hidden = false; confirm.focus(); } } }, t('approval.agree')),
      h('button', { type: 'button', class: 'button button-secondary', on: { click: () => { ask.hidden = false; text.focus(); } } }, t('approval.ask'))),
    agree, ask, alert);
}

/** The section's body (screens/dossier/sections.js loads this module when the section is first
 * opened): the state read and shown; false when it could not be read. */
export async function showApproval(body, dossierId, onApproved) {
  try {
    const answer = await api.get(`/api/dossiers/${segment(dossierId)}/approval`);
    if (answer?.approval) render(body, dossierId, answer.approval, onApproved);
    else body.replaceChildren(h('p', { class: 'empty' }, t('approval.none')));
    return true;
  } catch (error) {
    if (!error?.handled) body.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, errorText(error)));
    return false;
  }
}
