// Form building blocks: labelled fields with hints and errors tied by aria-describedby, message
// areas that screen readers announce, and submit handling that keeps focus on the button.
import { errorReference, errorText } from './api.js';
import { t } from './i18n.js';
import { h, toggleReference, uid } from './dom.js';

/** A labelled input. Returns {element, input, setError(text|null)}. */
export function field({ label, name, type = 'text', autocomplete, hint, inputmode, value, required = true, describedBy, spellcheck }) {
  const id = uid(name);
  const errorId = `${id}-error`;
  const input = h('input', {
    id, name, type, autocomplete, inputmode, value, required,
    spellcheck: spellcheck === undefined ? null : String(spellcheck),
    autocapitalize: type === 'email' || type === 'password' ? 'none' : null,
  });
  const parts = [h('label', { for: id }, label)];
  if (hint) {
    const hintId = `${id}-hint`;
    parts.push(h('p', { class: 'field-hint', id: hintId }, hint));
    toggleReference(input, 'aria-describedby', hintId, true);
  }
  if (describedBy) toggleReference(input, 'aria-describedby', describedBy, true);
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  parts.push(error, input);
  const element = h('div', { class: 'field' }, parts);
  const setError = (text) => {
    error.textContent = text || '';
    error.hidden = !text;
    element.classList.toggle('has-error', Boolean(text));
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    // The error is read right after the label, before any hint.
    const others = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter((ref) => ref && ref !== errorId);
    const refs = text ? [errorId, ...others] : others;
    if (refs.length) input.setAttribute('aria-describedby', refs.join(' '));
    else input.removeAttribute('aria-describedby');
  };
  input.addEventListener('input', () => { if (!error.hidden) setError(null); });
  return { element, input, setError };
}

/**
 * A message area that exists (empty) from the start: live regions must be in the page before their
 * text changes to be announced. kind 'error' -> role=alert, otherwise role=status.
 */
export function messageArea(kind = 'error') {
  const element = h('div', { class: ['notice', `notice-${kind}`], role: kind === 'error' ? 'alert' : 'status' });
  return {
    element,
    show(text, ...extra) {
      element.replaceChildren(h('p', {}, text), ...extra.filter(Boolean).map((node) => (node instanceof Node ? node : h('p', {}, node))));
    },
    clear() {
      element.replaceChildren();
    },
  };
}

export function button(label, { kind = 'primary', type = 'submit', on } = {}) {
  return h('button', { type, class: ['button', `button-${kind}`], on }, label);
}

/** A form whose submit runs `handler` once at a time; the browser's own validation bubbles are off (wrong language). */
export function form(handler, ...children) {
  const element = h('form', { novalidate: true, class: 'form' }, children);
  let busy = false;
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const submit = element.querySelector('button[type="submit"]');
    // aria-disabled instead of disabled: a disabled button would drop keyboard focus to <body>.
    submit?.setAttribute('aria-disabled', 'true');
    submit?.classList.add('is-busy');
    element.setAttribute('aria-busy', 'true');
    try {
      await handler(event);
    } finally {
      busy = false;
      submit?.removeAttribute('aria-disabled');
      submit?.classList.remove('is-busy');
      element.removeAttribute('aria-busy');
    }
  });
  return element;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks required fields (and e-mail shape); marks the first problem and focuses it. */
export function validate(fields) {
  let first = null;
  for (const item of fields) {
    const value = item.input.value.trim();
    let problem = null;
    if (!value) problem = t('form.required');
    else if (item.input.type === 'email' && !EMAIL.test(value)) problem = t('form.emailInvalid');
    item.setError(problem);
    if (problem && !first) first = item;
  }
  first?.input.focus();
  return !first;
}

/**
 * Shows an API error: on a field when the code belongs to one (fieldFor(code) -> field), else in
 * the message area. Errors the app already handled (lost session) show nothing.
 */
export function showError(area, error, fieldFor = () => null) {
  if (error?.handled) return;
  const target = fieldFor(error?.code);
  if (target) {
    area.clear();
    target.setError(errorText(error));
    target.input.focus();
    return;
  }
  area.show(errorText(error), errorReference(error));
}

/** Password codes from the API belong on the password field. */
export function isPasswordCode(code) {
  return typeof code === 'string' && code.startsWith('password_');
}
