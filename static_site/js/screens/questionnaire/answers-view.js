// The answers as read (the API's Result: `display` texts per shown question, groups per block),
// for the overview before "Versturen" (with "Wijzigen" per page) and for the result after it,
// which is also what "Printen" prints.
import { h, uid } from '../../dom.js';
import { t } from '../../i18n.js';
import { icon } from '../../icons.js';

function answerRows(answers) {
  return answers.map((answer) => {
    if (answer.type === 'group') {
      // A <dl> may hold only dt/dd groups (wrapped in a div): the group's name is its term and
      // its blocks, each with its own list, are the description.
      return h('div', { class: 'answer-group' },
        h('dt', { class: 'answer-group-title' }, answer.label || ''),
        h('dd', {}, (answer.items || []).length
          ? (answer.items || []).map((item) => h('div', { class: 'answer-block' },
            h('p', { class: 'answer-block-title' }, item.label || ''),
            h('dl', { class: 'summary answers' }, answerRows(item.answers || []))))
          : h('p', { class: 'muted' }, '—')));
    }
    return h('div', { class: 'summary-row' }, h('dt', {}, answer.label || ''), h('dd', { class: 'answer-value' }, answer.display ?? '—'));
  });
}

/** onChange(pageNumber) adds "Wijzigen" to each page; without it the answers are read-only. */
export function answersView(result, { onChange } = {}) {
  return (result.pages || []).map((page) => {
    const headingId = uid('answers-page');
    return h('section', { class: 'answers-page panel', 'aria-labelledby': headingId },
      h('div', { class: 'answers-head' },
        h('h2', { id: headingId }, page.title || ''),
        onChange
          ? h('button', {
            type: 'button', class: ['button', 'button-secondary', 'with-icon', 'no-print'],
            'aria-label': t('questionnaire.changeNamed', { title: page.title || '' }), on: { click: () => onChange(page.number) },
          }, icon('pencil'), t('questionnaire.change'))
          : null),
      (page.answers || []).length ? h('dl', { class: 'summary answers' }, answerRows(page.answers)) : h('p', { class: 'muted' }, '—'));
  });
}
