// "Bericht" with the manual's counter ("24 van 4000 tekens") and limit: reaching 4,000 shows the
// "Maximum bereikt" dialog and whatever lies past 4,000 is cut, typed or pasted. Counted as the
// server counts (docs/api.md): text.length, UTF-16 code units, as a textarea holds the text.
// The visible counter follows every keystroke; screen readers hear it only after a pause.
import { infoDialog } from '../../dialog.js';
import { h, toggleReference, uid } from '../../dom.js';
import { t } from '../../i18n.js';

const SPEAK_AFTER_MS = 1200;

/** Cut to max, never between the two halves of a character outside the BMP (an emoji). */
function cut(text, max) {
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

export function messageBodyField({ label, max = 4000, value = '' }) {
  const id = uid('body');
  const errorId = `${id}-error`;
  const counterId = `${id}-counter`;
  const textarea = h('textarea', { id, name: 'body', rows: '10', required: true, spellcheck: 'true' });
  textarea.value = value;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const counter = h('p', { class: 'counter', id: counterId });
  const spoken = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  toggleReference(textarea, 'aria-describedby', counterId, true);
  const element = h('div', { class: 'field' }, h('label', { for: id }, label), error, textarea, counter, spoken);
  let timer = null;
  let warning = null;

  const countText = () => t('compose.counter', { count: String(textarea.value.length), max: String(max) });

  function showMaximum() {
    if (warning) return; // one dialog at a time, however fast the keys come
    warning = infoDialog({
      title: t('compose.maxTitle'),
      content: [h('p', {}, t('compose.maxText', { max: String(max) }))],
      closeLabel: t('compose.maxOk'),
      onClose: () => { warning = null; },
    });
  }

  function update() {
    counter.textContent = countText();
    counter.classList.toggle('is-full', textarea.value.length >= max);
    clearTimeout(timer);
    timer = setTimeout(() => { spoken.textContent = countText(); }, SPEAK_AFTER_MS);
  }

  // At the limit with nothing selected, an insertion can only be cut again: refuse it and say why.
  textarea.addEventListener('beforeinput', (event) => {
    const full = textarea.value.length >= max && textarea.selectionStart === textarea.selectionEnd;
    if (full && event.inputType.startsWith('insert') && event.cancelable) {
      event.preventDefault();
      showMaximum();
    }
  });
  let before = textarea.value.length;
  textarea.addEventListener('input', () => {
    let reached = false;
    if (textarea.value.length > max) {
      const caret = Math.min(textarea.selectionStart, max);
      textarea.value = cut(textarea.value, max);
      textarea.setSelectionRange(caret, caret);
      reached = true;
    } else if (textarea.value.length === max && before < max) {
      reached = true;
    }
    before = textarea.value.length;
    update();
    if (!error.hidden) setError(null);
    if (reached) showMaximum();
  });

  function setError(text) {
    error.textContent = text || '';
    error.hidden = !text;
    element.classList.toggle('has-error', Boolean(text));
    if (text) textarea.setAttribute('aria-invalid', 'true');
    else textarea.removeAttribute('aria-invalid');
    toggleReference(textarea, 'aria-describedby', errorId, Boolean(text));
  }

  counter.textContent = countText();
  return { element, input: textarea, setError };
}
