// One question of a questionnaire as a form control, by type (docs/api.md "Questionnaires"):
// a label, its help text, an error text tied by aria-describedby, and read()/isEmpty() for what
// is sent. Values are shown as the client writes them (a Dutch decimal comma, an IBAN in groups).
import { h, toggleReference, uid } from '../../dom.js';
import { currentLanguage, t } from '../../i18n.js';

const INPUTS = {
  short_text: { type: 'text', maxLength: 200 },
  long_text: { tag: 'textarea', maxLength: 4000 },
  number: { type: 'text', inputmode: 'decimal' },
  amount: { type: 'text', inputmode: 'decimal', prefix: '€' },
  date: { type: 'date' },
  email: { type: 'email', autocomplete: 'email', spellcheck: 'false' },
  phone: { type: 'tel', autocomplete: 'tel' },
  iban: { type: 'text', autocapitalize: 'characters', spellcheck: 'false' },
  bsn: { type: 'text', inputmode: 'numeric', spellcheck: 'false' },
};

export function isEmptyValue(value) {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** A stored value as the client would type it. */
function shown(type, value) {
  if (isEmptyValue(value)) return '';
  const text = String(value);
  if ((type === 'amount' || type === 'number') && currentLanguage() === 'nl') return text.replace('.', ',');
  if (type === 'iban') return text.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
  return text;
}

/** English writes 1,250.50: drop the thousands commas, since the server reads a comma as decimal. */
function sent(type, text) {
  if ((type === 'amount' || type === 'number') && currentLanguage() === 'en' && /^[€\s]*\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
    return text.replace(/,/g, '');
  }
  return text;
}

function labelText(question) {
  return question.required ? question.label : `${question.label} ${t('questionnaire.optional')}`;
}

/** Help and error texts under the label (in `head`); `targets` are the controls they describe. */
function frame(question, wrapper, head, targets) {
  const errorId = uid('q-error');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  if (question.help) {
    const hintId = uid('q-hint');
    head.append(h('p', { class: 'field-hint', id: hintId }, question.help));
    for (const target of targets()) toggleReference(target, 'aria-describedby', hintId, true);
  }
  head.append(error);
  return (text) => {
    error.textContent = text || '';
    error.hidden = !text;
    wrapper.classList.toggle('has-error', Boolean(text));
    for (const target of targets()) {
      toggleReference(target, 'aria-describedby', errorId, Boolean(text));
      if (text) target.setAttribute('aria-invalid', 'true');
      else target.removeAttribute('aria-invalid');
    }
  };
}

function textQuestion(question, initial) {
  const spec = INPUTS[question.type] || INPUTS.short_text;
  const id = uid(`q-${question.id}`);
  const input = h(spec.tag || 'input', {
    id, name: question.id, type: spec.tag ? null : spec.type, inputmode: spec.inputmode, autocomplete: spec.autocomplete || 'off',
    spellcheck: spec.spellcheck, autocapitalize: spec.autocapitalize, 'aria-required': question.required ? 'true' : null,
    rows: spec.tag ? '5' : null,
  });
  if (spec.maxLength) input.maxLength = spec.maxLength;
  input.value = shown(question.type, initial);
  const control = spec.prefix ? h('div', { class: 'input-prefix' }, h('span', { 'aria-hidden': 'true' }, spec.prefix), input) : input;
  const head = h('div', { class: 'question-head' }, h('label', { for: id }, labelText(question)));
  const wrapper = h('div', { class: ['field', 'question', `question-${question.type}`], dataset: { question: question.id } }, head, control);
  const setError = frame(question, wrapper, head, () => [input]);
  input.addEventListener('input', () => setError(null));
  return {
    element: wrapper, setError, focus: () => input.focus(), controls: [input],
    read: () => {
      const text = input.value.trim();
      return text ? sent(question.type, question.type === 'long_text' ? input.value.trim() : text) : null;
    },
  };
}

function choiceQuestion(question, initial) {
  const multiple = question.type === 'multiple_choice';
  const options = question.type === 'yes_no'
    ? [{ value: true, label: t('questionnaire.yes') }, { value: false, label: t('questionnaire.no') }]
    : question.options || [];
  const name = uid(`q-${question.id}`);
  const chosen = multiple ? (Array.isArray(initial) ? initial : []) : [initial];
  const inputs = options.map((option) => {
    const input = h('input', {
      type: multiple ? 'checkbox' : 'radio', name, id: uid(name), value: String(option.value),
      checked: chosen.some((value) => value === option.value),
    });
    input.optionValue = option.value;
    return input;
  });
  const legendId = uid('q-legend');
  const wrapper = h('fieldset', {
    class: ['choice-group', 'question', `question-${question.type}`], dataset: { question: question.id },
    role: multiple ? null : 'radiogroup', 'aria-labelledby': legendId, 'aria-required': !multiple && question.required ? 'true' : null,
  },
  h('legend', { id: legendId }, labelText(question)),
  h('div', { class: 'question-head' }),
  h('div', { class: ['options', options.length === 2 && !multiple ? 'options-inline' : null] },
    inputs.map((input, index) => h('div', { class: multiple ? 'checkbox' : 'radio' }, input, h('label', { for: input.id }, options[index].label)))));
  const setError = frame(question, wrapper, wrapper.querySelector('.question-head'), () => inputs);
  for (const input of inputs) input.addEventListener('change', () => setError(null));
  return {
    element: wrapper, setError, focus: () => (inputs.find((input) => input.checked) || inputs[0])?.focus(), controls: inputs,
    read: () => {
      const picked = inputs.filter((input) => input.checked).map((input) => input.optionValue);
      return multiple ? picked : (picked.length ? picked[0] : null);
    },
  };
}

/** Any question but a group (see group.js). */
export function questionWidget(question, initial) {
  const choice = ['yes_no', 'single_choice', 'multiple_choice'].includes(question.type);
  const widget = choice ? choiceQuestion(question, initial) : textQuestion(question, initial);
  return { question, ...widget, isEmpty: () => isEmptyValue(widget.read()) };
}

/** show_if: shown only when the named answer equals the value (a multiple choice: contains it). */
export function conditionMet(showIf, lookup) {
  if (!showIf) return true;
  const value = lookup(showIf.question);
  if (Array.isArray(value)) return value.includes(showIf.equals);
  return value === showIf.equals;
}
