// One page of a questionnaire: "Pagina 2 van 5", the page's questions (show_if evaluated live from
// this page's inputs and the answers of earlier pages), "Vorige" and "Volgende". Required answers
// are checked here first; the server's per-field messages land next to their fields.
import { errorText } from '../../api.js';
import { h, uid } from '../../dom.js';
import { button, form, messageArea } from '../../forms.js';
import { formatNumber, t } from '../../i18n.js';
import { groupWidget } from './group.js';
import { conditionMet, isEmptyValue, questionWidget } from './questions.js';

/** Another device saved meanwhile: load again where the saved answers say to go on (the address
 * names a page; without it the questionnaire resumes at its first unsaved page). */
function reloadFresh() {
  history.replaceState(null, '', location.hash.replace(/\/(\d+|overzicht)$/, ''));
  location.reload();
}

/**
 * working: every answer known so far (saved, or typed and kept by "Vorige"), changed in place.
 * onNext(answers) saves (resolves when done, rejects with the ApiError); onPrevious() only moves.
 */
export function pageView({ questionnaire, number, working, onNext, onPrevious }) {
  const page = questionnaire.pages.find((entry) => entry.number === number) || questionnaire.pages[0];
  const entries = page.questions.map((question) => ({
    question,
    visible: true,
    widget: question.type === 'group' ? groupWidget(question, working[question.id]) : questionWidget(question, working[question.id]),
  }));
  const onPage = new Set(entries.map((entry) => entry.question.id));
  const errors = messageArea('error');
  const headingId = uid('page');
  const heading = h('h2', { id: headingId, tabindex: '-1', class: 'page-title' }, page.title || '');

  function applyVisibility() {
    const values = {};
    for (const entry of entries) {
      const lookup = (id) => (onPage.has(id) ? values[id] ?? null : working[id] ?? null);
      entry.visible = conditionMet(entry.question.show_if, lookup);
      entry.widget.element.hidden = !entry.visible;
      if (!entry.visible) entry.widget.setError(null);
      values[entry.question.id] = entry.visible ? entry.widget.read() : null;
    }
  }

  /** This page's answers as the API takes them: shown questions that have a value. */
  function collect() {
    applyVisibility();
    const answers = {};
    for (const entry of entries) {
      if (!entry.visible) continue;
      const value = entry.widget.read();
      if (!isEmptyValue(value)) answers[entry.question.id] = value;
    }
    return answers;
  }

  /** Keep what was typed (for "Vorige", and for coming back to this page later). */
  function keep() {
    const answers = collect();
    for (const id of onPage) delete working[id];
    Object.assign(working, answers);
  }

  function checkRequired() {
    applyVisibility();
    let first = null;
    for (const entry of entries) {
      if (!entry.visible) continue;
      const { question, widget } = entry;
      let missing = question.required && widget.isEmpty();
      widget.setError(missing ? t('error.required') : null);
      if (!missing && widget.checkRequired) {
        const inner = widget.checkRequired(t('error.required'));
        if (inner) {
          missing = true;
          first = first || inner;
        }
      }
      if (missing && !first) first = widget;
    }
    return first;
  }

  /** The API's fields: "partner_name", "children" or "children.1.birth_date". */
  function showServerErrors(fields) {
    let first = null;
    for (const problem of fields) {
      const [id, index, subId] = String(problem.field || '').split('.');
      const entry = entries.find((candidate) => candidate.question.id === id);
      if (!entry) continue;
      const text = errorText({ code: problem.code || problem.type });
      let target = entry.widget;
      if (subId !== undefined && entry.widget.setSubError) target = entry.widget.setSubError(Number(index), subId, text) || entry.widget;
      if (target === entry.widget) entry.widget.setError(text);
      first = first || target;
    }
    return first;
  }

  async function next() {
    errors.clear();
    const missing = checkRequired();
    if (missing) {
      errors.show(t('error.answers_invalid'));
      missing.focus();
      return;
    }
    const answers = collect();
    keep();
    try {
      await onNext(answers);
    } catch (error) {
      if (error.handled) return;
      errors.show(errorText(error));
      const first = error.code === 'answers_invalid' ? showServerErrors(error.fields) : null;
      if (first) first.focus();
      if (error.code === 'conflict' || error.code === 'questionnaire_completed') {
        errors.element.append(h('div', { class: 'button-row' },
          button(t('questionnaire.reload'), { kind: 'secondary', type: 'button', on: { click: reloadFresh } })));
      }
    }
  }

  const body = h('div', { class: 'questions' }, entries.map((entry) => entry.widget.element));
  body.addEventListener('input', applyVisibility);
  body.addEventListener('change', applyVisibility);
  applyVisibility();

  const previous = number > 1
    ? button(t('questionnaire.previous'), { kind: 'secondary', type: 'button', on: { click: () => { keep(); onPrevious(); } } })
    : null;
  const element = h('section', { class: 'questionnaire-page panel', 'aria-labelledby': headingId },
    h('p', { class: 'page-count' }, t('questionnaire.pageOf', { page: formatNumber(page.number), total: formatNumber(questionnaire.page_count) })),
    heading,
    page.intro ? h('p', { class: 'page-intro' }, page.intro) : null,
    errors.element,
    form(next, body,
      h('p', { class: 'field-hint save-hint' }, t('questionnaire.saveHint')),
      h('div', { class: 'button-row step-buttons' }, previous, button(t('questionnaire.next')))));
  return {
    element,
    focus: () => heading.focus(),
    showServerErrors: (fields) => {
      errors.show(t('error.answers_invalid'));
      showServerErrors(fields)?.focus();
    },
  };
}
