// "Bericht" with the manual's counter ("24 van 4000 tekens") and limit: whatever lies past 4,000 is
// cut, typed or pasted, and the first cut shows the "Maximum bereikt" dialog. Reaching exactly 4,000
// cuts nothing and so says nothing but the counter; the dialog comes once, not on every further
// key, until the text is below the limit again. Counted as the
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
  let warned = false;

  const countText = () => t('compose.counter', { count: String(textarea.value.length), max: String(max) });

  function showMaximum() {
    if (warning || warned) return; // once, however fast the keys come
    warned = true;
    // Back in the text, the caret is where it was: focus alone would put it at the start.
    const [start, end] = [textarea.selectionStart, textarea.selectionEnd];
    warning = infoDialog({
      title: t('compose.maxTitle'),
      content: [h('p', {}, t('compose.maxText', { max: String(max) }))],
      closeLabel: t('compose.maxOk'),
      onClose: () => {
        warning = null;
        textarea.setSelectionRange(start, end);
      },
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
  textarea.addEventListener('input', () => {
    let wasCut = false;
    if (textarea.value.length > max) {
      const caret = Math.min(textarea.selectionStart, max);
      textarea.value = cut(textarea.value, max);
      textarea.setSelectionRange(caret, caret);
      wasCut = true;
    }
    if (textarea.value.length < max) warned = false;
    update();
    if (!error.hidden) setError(null);
    if (wasCut) showMaximum();
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
