// "Nieuw bericht" and "Beantwoorden" (manual 2.1.1.5): "Aan" the office, "Onderwerp" and
// "Bericht" (both required, a message per empty field), "+ Bijlagen" with a bin per attachment,
// "Versturen". One idempotency key per draft, made once: a double click or a retry after a
// failure creates one message. A failed send keeps the draft and its uploads as they are. What is
// typed and attached is kept on the device (drafts.js) as it changes, until sent or discarded.
import { api, segment } from '../../api.js';
import { confirmDialog } from '../../dialog.js';
import { dropDraft, saveDraft } from '../../drafts.js';
import { h, uid } from '../../dom.js';
import { button, field, form, messageArea, showError } from '../../forms.js';
import { formatSize, t } from '../../i18n.js';
import { icon } from '../../icons.js';
import { limitsText } from './limits.js';
import { messageBodyField } from './body-field.js';
import { originalBlock } from './original.js';

const SUBJECT_MAX = 200;

// The "+ Bijlagen" dialog and the upload code load when first needed (most messages have no
// attachments): the form itself stays small.
const loadAttachDialog = () => import('./attach-dialog.js');

/** Deletes an upload that will not be sent (fire and forget, as before). */
function discard(dossierId, uploadId) {
  import('../../uploads.js').then((uploads) => uploads.discardUpload(dossierId, uploadId)).catch(() => {});
}

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Older browsers: the same 122 random bits, shaped as a UUID.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** replyTo: the opened Message (the reply's original), or null for "Nieuw bericht"; limits: the
 * accepted types and sizes, from the dossier page's answer; saved: the kept draft to go on with.
 * Returns {element, focus, isDirty}. */
export function composeView({ dossierId, accountId, officeName, limits, replyTo = null, saved = null, onSent, onClose }) {
  const draft = { key: saved?.key || newKey(), attachments: saved ? [...saved.attachments] : [] };
  const headingId = uid('compose');
  const errors = messageArea('error');
  const subject = field({ label: t('compose.subject'), name: 'subject', autocomplete: 'off' });
  subject.input.maxLength = SUBJECT_MAX;
  if (replyTo) subject.input.value = `${t('compose.re')}${replyTo.subject || ''}`.slice(0, SUBJECT_MAX);
  if (saved && typeof saved.subject === 'string') subject.input.value = saved.subject.slice(0, SUBJECT_MAX);
  const body = messageBodyField({ label: t('compose.body'), value: saved?.body || '' });

  function isDirty() {
    return Boolean(body.input.value.trim() || draft.attachments.length || (!replyTo && subject.input.value.trim()));
  }

  function keep() {
    if (!isDirty()) {
      dropDraft(accountId, dossierId);
      return;
    }
    saveDraft(accountId, dossierId, {
      replyTo: replyTo?.id || null, subject: subject.input.value, body: body.input.value, key: draft.key,
      attachments: draft.attachments.map(({ upload_id: uploadId, file_name: fileName, size }) => ({ upload_id: uploadId, file_name: fileName, size })),
    });
  }
  subject.input.addEventListener('input', keep);
  body.input.addEventListener('input', keep);
  const attachedList = h('ul', { class: 'attachment-list', 'aria-label': t('compose.attachments') });
  const limitsHint = h('p', { class: 'field-hint' }, limitsText(limits));
  const addButton = h('button', { type: 'button', class: ['button', 'button-secondary', 'with-icon'], on: { click: () => attach() } },
    icon('plus'), t('compose.attach'));

  function showAttachments() {
    attachedList.replaceChildren(...draft.attachments.map((upload) => h('li', { class: 'attachment-row' },
      icon('paperclip'),
      h('span', { class: 'attachment-name' }, upload.file_name, ' ', h('span', { class: 'file-size' }, formatSize(upload.size))),
      h('button', {
        type: 'button', class: 'icon-button', 'aria-label': t('compose.removeAttachment', { name: upload.file_name }),
        title: t('compose.removeAttachment', { name: upload.file_name }),
        on: { click: () => removeAttachment(upload) },
      }, icon('trash')))));
    attachedList.hidden = draft.attachments.length === 0;
  }

  function removeAttachment(upload) {
    draft.attachments = draft.attachments.filter((entry) => entry !== upload);
    discard(dossierId, upload.upload_id);
    showAttachments();
    keep();
    addButton.focus();
  }

  let opening = false; // the dialog's module on its way: a second click opens no second dialog
  async function attach() {
    errors.clear();
    if (opening) return;
    opening = true;
    let openAttachDialog;
    try {
      ({ openAttachDialog } = await loadAttachDialog());
    } catch {
      errors.show(t('error.network_error'));
      return;
    } finally {
      opening = false;
    }
    if (!addButton.isConnected) return; // the form was left meanwhile
    openAttachDialog({
      dossierId, limits,
      attachedCount: () => draft.attachments.length,
      onAdd: (uploads) => {
        draft.attachments.push(...uploads);
        showAttachments();
        keep();
      },
    });
  }

  const fieldFor = (code) => ({ subject_required: subject, subject_too_long: subject, body_required: body, body_too_long: body })[code] || null;

  async function send() {
    errors.clear();
    const problems = [];
    if (!subject.input.value.trim()) problems.push([subject, 'error.subject_required']);
    if (!body.input.value.trim()) problems.push([body, 'error.body_required']);
    subject.setError(null);
    body.setError(null);
    for (const [target, key] of problems) target.setError(t(key));
    if (problems.length) {
      problems[0][0].input.focus();
      return;
    }
    const message = {
      subject: subject.input.value.trim(),
      body: body.input.value,
      attachments: draft.attachments.map((upload) => upload.upload_id),
      idempotency_key: draft.key,
    };
    if (replyTo) message.in_reply_to = replyTo.id;
    try {
      const sent = await api.post(`/api/dossiers/${segment(dossierId)}/messages`, message);
      onSent(sent, draft.attachments.length);
    } catch (error) {
      // Both fields may be wrong at once: the answer lists them; else one code for one field.
      const fields = error.fields || [];
      if (fields.length > 1) {
        for (const entry of fields) fieldFor(entry.type)?.setError(t(`error.${entry.type}`));
        fieldFor(fields[0].type)?.input.focus();
      } else {
        showError(errors, error, fieldFor);
      }
    }
  }

  async function cancel() {
    if (isDirty()) {
      const sure = await confirmDialog({
        title: t('compose.discardTitle'), text: t('compose.discardText'), confirmLabel: t('compose.discard'), danger: true,
      });
      if (!sure) return;
    }
    for (const upload of draft.attachments) discard(dossierId, upload.upload_id);
    draft.attachments = [];
    body.input.value = '';
    subject.input.value = '';
    dropDraft(accountId, dossierId);
    onClose();
  }

  const heading = h('h3', { id: headingId, class: 'view-title', tabindex: '-1' }, t(replyTo ? 'compose.replyTitle' : 'compose.newTitle'));
  showAttachments();
  const element = h('section', { class: 'compose', 'aria-labelledby': headingId },
    heading,
    errors.element,
    form(send,
      h('p', { class: 'compose-to' }, h('span', { class: 'label' }, t('compose.to')), ' ', officeName || ''),
      subject.element,
      body.element,
      h('div', { class: 'field attachments' },
        h('p', { class: 'label' }, t('compose.attachments')),
        limitsHint, attachedList, addButton),
      h('div', { class: 'button-row' },
        h('button', { type: 'submit', class: ['button', 'button-primary', 'with-icon'] }, icon('send'), t('compose.send')),
        button(t('dialog.cancel'), { kind: 'secondary', type: 'button', on: { click: cancel } }))),
    replyTo ? originalBlock(replyTo) : null);
  return { element, focus: () => heading.focus(), isDirty };
}
