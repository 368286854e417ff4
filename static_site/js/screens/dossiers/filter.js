// "Filter" (manual 2.1): a disclosure with a checkbox per status, each with its number of dossiers.
// Nothing ticked shows every dossier (the default); each change applies at once. The boxes open in a
// panel anchored to the button, over the list (the toolbar keeps its layout); Escape or a click
// elsewhere closes it, and the button counts the statuses ticked, so a closed filter still shows.
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
  const body = h('fieldset', { id: bodyId, class: 'choice-group filter-body filter-popover', hidden: true },
    h('legend', {}, t('dossiers.filterLegend')),
    boxes.map((entry) => entry.element));
  const toggle = h('button', {
    type: 'button', class: ['button', 'button-secondary', 'with-icon'], 'aria-expanded': 'false', 'aria-controls': bodyId,
    on: { click: () => setOpen(toggle.getAttribute('aria-expanded') !== 'true') },
  }, icon('filter'), t('dossiers.filter'), active);
  const element = h('div', { class: 'filter' }, toggle, body);

  function setOpen(open, { focusButton = false } = {}) {
    toggle.setAttribute('aria-expanded', String(open));
    body.hidden = !open;
    if (open) document.addEventListener('pointerdown', outside, true);
    else document.removeEventListener('pointerdown', outside, true);
    if (focusButton) toggle.focus();
  }

  function outside(event) {
    if (!element.isConnected) document.removeEventListener('pointerdown', outside, true);
    else if (!element.contains(event.target)) setOpen(false);
  }

  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !body.hidden) {
      event.preventDefault();
      setOpen(false, { focusButton: true });
    }
  });
  summary();
  return element;
}
