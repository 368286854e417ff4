// "+ Bijlagen" (manual 2.1.1.5): a dialog to choose files with "Bladeren" or by dropping them,
// the chosen files listed each with a cross, "+ Meer toevoegen", "Upload 2 bestanden" (a progress
// bar per file, then the server's check), and "Annuleer", which closes without adding anything
// (uploads made meanwhile are deleted). A file the check refuses keeps its message on its row and
// is never attached; when every file of the dialog is checked, the dialog closes and adds them.
import { createDialog } from '../../dialog.js';
import { h, uid } from '../../dom.js';
import { button, messageArea } from '../../forms.js';
import { errorText } from '../../api.js';
import { formatSize, t, tn } from '../../i18n.js';
import { icon } from '../../icons.js';
import { browserCheck, discardUpload, uploadFile } from '../../uploads.js';
import { limitsText } from './limits.js';

/** onAdd(uploads) receives the checked uploads ({upload_id, file_name, size}) when the dialog completes. */
export function openAttachDialog({ dossierId, limits, attachedCount, onAdd }) {
  const dialog = createDialog(t('attach.title'), { className: 'attach-dialog' });
  const rows = []; // {file, state: 'chosen'|'uploading'|'checking'|'done'|'failed', upload, element, ...}
  const rejected = messageArea('error');
  const announce = h('p', { class: 'visually-hidden', role: 'status' });
  const hintId = uid('attach-limits');
  const input = h('input', { type: 'file', multiple: true, accept: limits.extensions.join(','), hidden: true, 'aria-describedby': hintId });
  const pick = () => { if (!busy) input.click(); };
  const browse = button(t('attach.browse'), { kind: 'secondary', type: 'button', on: { click: pick } });
  // A touch screen cannot drag files into a page: there it only says to choose them (16.14).
  const touch = Boolean(window.matchMedia?.('(hover: none) and (pointer: coarse)').matches);
  const zone = h('div', { class: 'dropzone' }, icon('upload'), h('p', {}, t(touch ? 'attach.dropTouch' : 'attach.drop')), browse);
  const list = h('ul', { class: 'file-list', 'aria-label': t('attach.chosen') });
  const addMore = h('button', { type: 'button', class: ['button', 'button-link', 'with-icon'], on: { click: pick } },
    icon('plus'), t('attach.more'));
  const upload = button('', { type: 'button', on: { click: () => start() } });
  const finish = button(t('attach.add'), { type: 'button', on: { click: () => complete() } });
  const cancel = button(t('dialog.cancel'), { kind: 'secondary', type: 'button', on: { click: () => dialog.close() } });
  let busy = false;
  let completed = false;

  const live = () => rows.filter((row) => row.state !== 'failed');

  function refresh() {
    const chosen = rows.filter((row) => row.state === 'chosen').length;
    upload.textContent = tn('attach.upload', chosen);
    upload.hidden = chosen === 0;
    finish.hidden = chosen > 0 || !rows.some((row) => row.state === 'done');
    addMore.hidden = rows.length === 0;
    list.hidden = rows.length === 0;
    for (const control of [upload, finish, addMore, browse]) control.setAttribute('aria-disabled', String(busy));
    // While uploading, the button says so and looks inactive (it takes no clicks: see start()).
    if (busy) upload.textContent = t('attach.uploadingAll');
    upload.hidden = chosen === 0 && !busy;
  }

  function remove(row) {
    if (busy && (row.state === 'uploading' || row.state === 'checking')) return;
    if (row.state === 'done') discardUpload(dossierId, row.upload.upload_id);
    rows.splice(rows.indexOf(row), 1);
    row.element.remove();
    announce.textContent = t('attach.removed', { name: row.file.name });
    refresh();
    (rows.at(-1)?.cross || (addMore.hidden ? browse : addMore)).focus();
  }

  /** "te groot" says the file's size and the limit, in the same units. */
  function refusal(code, file) {
    if (code === 'file_too_large') {
      return t('error.file_too_large_sized', { size: formatSize(file.size), max: formatSize(limits.max_size) });
    }
    return t(`error.${code}`);
  }

  function addRow(file) {
    const row = { file, state: 'chosen' };
    row.status = h('p', { class: 'file-status' });
    row.progress = h('progress', { max: '100', value: '0', hidden: true, 'aria-label': t('attach.progress', { name: file.name }) });
    row.cross = h('button', {
      type: 'button', class: 'icon-button file-remove', 'aria-label': t('attach.remove', { name: file.name }), title: t('attach.remove', { name: file.name }),
      on: { click: () => remove(row) },
    }, icon('cross'));
    row.element = h('li', { class: 'file-row' },
      h('div', { class: 'file-main' }, h('p', { class: 'file-name' }, file.name, ' ', h('span', { class: 'file-size' }, formatSize(file.size))),
        row.progress, row.status),
      row.cross);
    rows.push(row);
    list.append(row.element);
  }

  function choose(files) {
    if (busy) return;
    const problems = [];
    let added = 0;
    for (const file of files) {
      const code = browserCheck(file, limits);
      if (code) {
        problems.push(`${file.name}: ${refusal(code, file)}`);
      } else if (attachedCount() + live().length >= limits.max_attachments) {
        problems.push(`${file.name}: ${t('error.too_many_attachments')}`);
      } else {
        addRow(file);
        added += 1;
      }
    }
    if (problems.length) rejected.show(problems[0], ...problems.slice(1));
    else rejected.clear();
    if (added) announce.textContent = tn('attach.chosenCount', live().length);
    refresh();
  }

  function setState(row, state, text = '') {
    row.state = state;
    row.element.classList.toggle('is-failed', state === 'failed');
    row.element.classList.toggle('is-done', state === 'done');
    row.progress.hidden = state !== 'uploading';
    row.status.textContent = text;
  }

  async function send(row) {
    setState(row, 'uploading', t('attach.uploading'));
    try {
      row.upload = await uploadFile(dossierId, row.file, {
        onProgress: (share) => { row.progress.value = Math.round(share * 100); },
        onPhase: () => setState(row, 'checking', t('attach.checking')),
      });
      // Cancelled while it was on its way: it must not stay behind as an upload.
      if (completed || !row.element.isConnected) discardUpload(dossierId, row.upload.upload_id);
      setState(row, 'done', t('attach.done'));
    } catch (error) {
      setState(row, 'failed', error?.code === 'file_too_large' ? refusal(error.code, row.file) : errorText(error));
    }
  }

  async function start() {
    if (busy) return;
    const chosen = rows.filter((row) => row.state === 'chosen');
    if (!chosen.length) return;
    busy = true;
    refresh();
    await Promise.all(chosen.map(send));
    busy = false;
    if (completed) return; // closed meanwhile (Annuleer): what arrived was handed over then
    refresh();
    const failed = rows.filter((row) => row.state === 'failed');
    if (!failed.length) {
      complete();
      return;
    }
    announce.textContent = tn('attach.failedCount', failed.length);
    failed[0].cross.focus();
  }

  function complete() {
    if (busy) return;
    completed = true;
    onAdd(rows.filter((row) => row.state === 'done').map((row) => row.upload));
    dialog.close('added');
  }

  input.addEventListener('change', () => {
    choose([...input.files]);
    input.value = ''; // the same file may be chosen again after removing it
  });
  // The whole dialog takes dropped files, not just the zone: a near miss must not open the file.
  for (const target of [dialog.dialog]) {
    target.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('is-over'); });
    target.addEventListener('dragleave', () => zone.classList.remove('is-over'));
    target.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('is-over');
      choose([...(event.dataTransfer?.files || [])]);
    });
  }
  dialog.dialog.addEventListener('close', () => {
    if (dialog.dialog.returnValue === 'added') return;
    completed = true; // what is still on its way is discarded when it arrives (send())
    const done = rows.filter((row) => row.state === 'done');
    // Annuleer while files upload stops the rest, not what already arrived: those stay attached
    // (16.14). Annuleer with nothing on its way drops the dialog's files, as it says.
    if (busy && done.length) {
      onAdd(done.map((row) => row.upload));
      return;
    }
    for (const row of done) discardUpload(dossierId, row.upload.upload_id);
  });

  dialog.body.append(
    h('p', { id: hintId, class: 'field-hint' }, limitsText(limits)),
    rejected.element, zone, input, list, addMore, announce,
    h('div', { class: 'button-row' }, upload, finish, cancel));
  refresh();
  dialog.open();
  return dialog;
}
