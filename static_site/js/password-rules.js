// Live check of the manual's password rule while the user types. The list shows each rule; one
// polite live region says what is still missing, and only when that changes (not on every key).
import { h, srOnly, uid } from './dom.js';
import { t } from './i18n.js';

export const RULES = [
  { key: 'length', test: (value) => [...value].length >= 8 },
  { key: 'capital', test: (value) => /\p{Lu}/u.test(value) },
  { key: 'digit', test: (value) => /\p{Nd}/u.test(value) },
];

export function meetsRules(value) {
  return RULES.every((rule) => rule.test(value));
}

/** Returns {element, id, update(value)}; call update on every input event. */
export function passwordRules() {
  const id = uid('rules');
  const items = RULES.map((rule) => {
    const state = srOnly('');
    const item = h('li', { class: 'rule is-unmet', dataset: { rule: rule.key } }, state, t(`rules.${rule.key}`));
    return { rule, item, state };
  });
  const summary = h('p', { class: 'rules-summary', 'aria-live': 'polite' });
  const element = h('div', { class: 'rules', id }, h('ul', { class: 'rules-list' }, items.map((entry) => entry.item)), summary);
  let lastSummary = null;

  // The server judges more than the list (the most common passwords, the length limit): after it
  // refused this very value, the summary says so instead of "voldoet aan de eisen" (one verdict).
  let refused = null;
  const update = (value) => {
    const missing = [];
    for (const { rule, item, state } of items) {
      const met = rule.test(value);
      item.classList.toggle('is-met', met);
      item.classList.toggle('is-unmet', !met);
      state.textContent = `${t(met ? 'rules.met' : 'rules.unmet')} `;
      if (!met) missing.push(t(`rules.${rule.key}`).toLowerCase());
    }
    // Nothing typed yet: no summary, the list itself says enough.
    const rejected = refused !== null && value === refused;
    const text = !value ? '' : missing.length ? t('rules.missing', { rules: missing.join(', ') })
      : rejected ? t('rules.refused') : t('rules.allMet');
    if (text !== lastSummary) {
      summary.textContent = text;
      summary.classList.toggle('is-met', Boolean(value) && !missing.length && !rejected);
      summary.classList.toggle('is-refused', rejected);
      lastSummary = text;
    }
  };
  /** The server refused this value: the summary agrees until the value changes. */
  const refuse = (value) => {
    refused = value;
    update(value);
  };
  update('');
  return { element, id, update, refuse };
}
