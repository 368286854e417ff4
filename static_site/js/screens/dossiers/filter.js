// "Filter" (manual 2.1): a disclosure with a checkbox per status, each with its number of dossiers.
// Nothing ticked shows every dossier (the default); each change applies at once.
import { h, uid } from '../../dom.js';
import { formatNumber, t } from '../../i18n.js';
import { icon } from '../../icons.js';

export function filterBlock(statuses, chosen, onChange) {
  const bodyId = uid('filter');
  const boxes = statuses.map((status) => {
    const id = uid(`status-${status.key}`);
    const box = h('input', { type: 'checkbox', id, value: status.key, checked: chosen.includes(status.key) });
    box.addEventListener('change', () => {
      onChange(boxes.filter((entry) => entry.box.checked).map((entry) => entry.box.value));
      summary();
    });
    return {
      box,
      element: h('div', { class: 'checkbox' }, box,
        h('label', { for: id }, status.label || status.key, ' ', h('span', { class: 'muted' }, `(${formatNumber(status.count)})`))),
    };
  });
  const active = h('span', { class: 'filter-active' });
  const summary = () => {
    const count = boxes.filter((entry) => entry.box.checked).length;
    active.textContent = count ? ` (${formatNumber(count)})` : '';
  };
  const body = h('fieldset', { id: bodyId, class: 'choice-group filter-body', hidden: true },
    h('legend', {}, t('dossiers.filterLegend')),
    boxes.map((entry) => entry.element));
  const toggle = h('button', {
    type: 'button', class: ['button', 'button-secondary', 'with-icon'], 'aria-expanded': 'false', 'aria-controls': bodyId,
    on: {
      click: () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        body.hidden = !open;
      },
    },
  }, icon('filter'), t('dossiers.filter'), active);
  summary();
  // Open from the start when a remembered filter is active, so it is visible why rows are missing.
  if (chosen.length) {
    toggle.setAttribute('aria-expanded', 'true');
    body.hidden = false;
  }
  return h('div', { class: 'filter' }, toggle, body);
}
