// A repeating group (one block per child or heir): "+ Kind toevoegen" adds a block, each block has
// its own remove button, the blocks are numbered ("Kind 1", "Kind 2"). A sub-question's show_if
// looks at an earlier answer in the same block.
import { h, uid } from '../../dom.js';
import { t } from '../../i18n.js';
import { icon } from '../../icons.js';
import { conditionMet, isEmptyValue, questionWidget } from './questions.js';

export function groupWidget(question, initial) {
  const itemLabel = question.item_label || t('questionnaire.item');
  const min = Math.max(0, Number(question.min_items ?? 1));
  const max = Number(question.max_items) || 50;
  const legendId = uid('q-legend');
  const errorId = uid('q-error');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const blocksArea = h('div', { class: 'group-blocks' });
  const blocks = [];
  const add = h('button', { type: 'button', class: ['button', 'button-secondary', 'with-icon'], on: { click: () => addBlock({}, true) } },
    icon('plus'), t('questionnaire.addItem', { item: itemLabel }));
  const element = h('fieldset', { class: ['question', 'question-group'], dataset: { question: question.id }, 'aria-labelledby': legendId },
    h('legend', { id: legendId }, question.label),
    h('div', { class: 'question-head' }, question.help ? h('p', { class: 'field-hint' }, question.help) : null, error),
    blocksArea, add);

  function refresh() {
    blocks.forEach((block, index) => {
      const name = `${itemLabel} ${index + 1}`;
      block.legend.textContent = name;
      block.removeText.textContent = t('questionnaire.removeItem', { item: name });
      block.remove.hidden = blocks.length <= Math.max(min, 1);
    });
    add.hidden = blocks.length >= max;
  }

  function addBlock(values, focus) {
    const legend = h('legend', {});
    const widgets = (question.questions || []).map((sub) => ({ sub, widget: questionWidget(sub, values?.[sub.id]) }));
    const removeText = h('span', {});
    const remove = h('button', { type: 'button', class: ['button', 'button-link', 'with-icon', 'block-remove'] }, icon('trash'), removeText);
    const block = { legend, widgets, remove, removeText };
    block.element = h('fieldset', { class: 'group-block' }, legend, widgets.map(({ widget }) => widget.element), remove);
    remove.addEventListener('click', () => {
      blocks.splice(blocks.indexOf(block), 1);
      block.element.remove();
      refresh();
      add.focus();
    });
    blocks.push(block);
    blocksArea.append(block.element);
    refresh();
    applyVisibility();
    if (focus) widgets[0]?.widget.focus();
  }

  function visibleIn(block) {
    const values = {};
    const shown = [];
    for (const entry of block.widgets) {
      const visible = conditionMet(entry.sub.show_if, (id) => values[id] ?? null);
      entry.widget.element.hidden = !visible;
      if (!visible) entry.widget.setError(null);
      if (visible) {
        values[entry.sub.id] = entry.widget.read();
        shown.push(entry);
      }
    }
    return shown;
  }

  function applyVisibility() {
    for (const block of blocks) visibleIn(block);
  }

  const items = Array.isArray(initial) && initial.length ? initial : Array.from({ length: Math.max(min, 1) }, () => ({}));
  for (const values of items) addBlock(values, false);
  element.addEventListener('input', applyVisibility);
  element.addEventListener('change', applyVisibility);

  return {
    question,
    element,
    applyVisibility,
    focus: () => {
      if (blocks.length) blocks[0].widgets[0]?.widget.focus();
      else add.focus();
    },
    setError(text) {
      error.textContent = text || '';
      error.hidden = !text;
      element.classList.toggle('has-error', Boolean(text));
      if (!text) for (const block of blocks) for (const { widget } of block.widgets) widget.setError(null);
    },
    /** "children.1.birth_date": the message at that block's question; false when there is no such field. */
    setSubError(index, subId, text) {
      const entry = blocks[index]?.widgets.find(({ sub }) => sub.id === subId);
      if (!entry) return null;
      entry.widget.setError(text);
      return entry.widget;
    },
    read: () => blocks.map((block) => {
      const answer = {};
      for (const { sub, widget } of visibleIn(block)) {
        const value = widget.read();
        if (!isEmptyValue(value)) answer[sub.id] = value;
      }
      return answer;
    }),
    isEmpty: () => blocks.length === 0,
    /** The required sub-questions left empty, each marked; the first one's widget (to focus) or null. */
    checkRequired(message) {
      let first = null;
      for (const block of blocks) {
        for (const { sub, widget } of visibleIn(block)) {
          const missing = sub.required && widget.isEmpty();
          widget.setError(missing ? message : null);
          if (missing && !first) first = widget;
        }
      }
      return first;
    },
  };
}
