// Native <dialog> (modal: focus is trapped, Escape closes) labelled by its heading. On close the
// dialog leaves the page and focus goes back to what opened it, or to a given fallback.
import { button } from './forms.js';
import { h, uid } from './dom.js';
import { t } from './i18n.js';

export function createDialog(title, { className } = {}) {
  const titleId = uid('dialog-title');
  const body = h('div', { class: 'dialog-body' });
  const dialog = h('dialog', { class: ['dialog', className], 'aria-labelledby': titleId },
    h('h2', { id: titleId, class: 'dialog-title' }, title), body);
  const opener = document.activeElement;
  const handle = {
    dialog,
    body,
    // Set when the opener may be gone after the action (a removed row).
    returnFocusTo: null,
    open() {
      document.body.append(dialog);
      dialog.showModal();
    },
    close(value = '') {
      if (dialog.open) dialog.close(value);
    },
  };
  dialog.addEventListener('close', () => {
    dialog.remove();
    const target = [handle.returnFocusTo, opener].find((element) => element && element.isConnected);
    (target || document.querySelector('main h1'))?.focus();
  });
  return handle;
}

/** Asks a yes/no question; resolves true only on the confirm button. Cancel has the initial focus. */
export function confirmDialog({ title, text, confirmLabel, danger = false, returnFocusTo = null }) {
  return new Promise((resolve) => {
    const handle = createDialog(title);
    handle.returnFocusTo = returnFocusTo;
    let answer = false;
    const cancel = button(t('dialog.cancel'), { kind: 'secondary', type: 'button', on: { click: () => handle.close() } });
    cancel.autofocus = true;
    const confirm = button(confirmLabel, {
      kind: danger ? 'danger' : 'primary', type: 'button',
      on: { click: () => { answer = true; handle.close('confirm'); } },
    });
    handle.body.append(h('p', {}, text), h('div', { class: 'button-row' }, confirm, cancel));
    handle.dialog.addEventListener('close', () => resolve(answer));
    handle.open();
  });
}

/** Shows content with one close button (details of an account, a recovery code). */
export function infoDialog({ title, content, closeLabel = t('dialog.close'), className, onClose }) {
  const handle = createDialog(title, { className });
  const close = button(closeLabel, { kind: 'primary', type: 'button', on: { click: () => handle.close() } });
  handle.body.append(...content, h('div', { class: 'button-row' }, close));
  if (onClose) handle.dialog.addEventListener('close', onClose);
  handle.open();
  return handle;
}
