// Tabs as the ARIA pattern has them: a tablist of buttons (role=tab), one panel each, arrow keys
// (and Home/End) move between tabs and open them, only the open tab is in the Tab order. Each
// tab shows its number of items and of unread items, kept current through setCounts().
import { h, srOnly } from '../../dom.js';
import { formatNumber, t, tn } from '../../i18n.js';

export function tabs({ idBase, label, items, selected, onSelect }) {
  const tablist = h('div', { role: 'tablist', 'aria-label': label, class: 'tabs' });
  const entries = new Map();
  for (const item of items) {
    const tabId = `${idBase}-tab-${item.key}`;
    const panelId = `${idBase}-panel-${item.key}`;
    const count = h('span', { class: 'tab-count', 'aria-hidden': 'true' });
    const unread = h('span', { class: 'tab-unread', 'aria-hidden': 'true' });
    const spoken = srOnly('');
    const tab = h('button', {
      type: 'button', role: 'tab', id: tabId, class: 'tab', 'aria-controls': panelId,
      'aria-selected': 'false', tabindex: '-1', dataset: { tab: item.key },
      on: { click: () => select(item.key) },
    }, h('span', { class: 'tab-label' }, item.text), count, unread, spoken);
    const panel = h('div', { role: 'tabpanel', id: panelId, class: 'tab-panel', 'aria-labelledby': tabId, tabindex: '0', hidden: true },
      item.panel);
    entries.set(item.key, { item, tab, panel, count, unread, spoken });
    tablist.append(tab);
  }

  function setCounts(key, { count = 0, unread = 0 } = {}) {
    const entry = entries.get(key);
    if (!entry) return;
    entry.count.textContent = `(${formatNumber(count)})`;
    // The badge shows the bare number (room for four tabs on one line); its title and the spoken text say what it is.
    entry.unread.textContent = unread ? formatNumber(unread) : '';
    entry.unread.title = unread ? t('dossier.unreadBadge', { count: formatNumber(unread) }) : '';
    entry.unread.hidden = !unread;
    // One phrase for screen readers instead of bare numbers: "Correspondentie (2 items, 1 ongelezen)".
    entry.spoken.textContent = `(${tn('dossier.tabItems', count)}${unread ? `, ${t('dossier.tabUnread', { count: formatNumber(unread) })}` : ''})`;
  }

  let current = null;
  function select(key, { focus = false } = {}) {
    const entry = entries.get(key);
    if (!entry) return;
    for (const [other, value] of entries) {
      const on = other === key;
      value.tab.setAttribute('aria-selected', String(on));
      value.tab.tabIndex = on ? 0 : -1;
      value.panel.hidden = !on;
    }
    if (focus) entry.tab.focus();
    if (current !== key) {
      current = key;
      onSelect?.(key);
    }
  }

  tablist.addEventListener('keydown', (event) => {
    const keys = [...entries.keys()];
    const index = keys.indexOf(current);
    let next = null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = keys[(index + 1) % keys.length];
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = keys[(index - 1 + keys.length) % keys.length];
    else if (event.key === 'Home') next = keys[0];
    else if (event.key === 'End') next = keys[keys.length - 1];
    if (next === null) return;
    event.preventDefault();
    select(next, { focus: true });
  });

  for (const item of items) setCounts(item.key, item.counts);
  const element = h('div', { class: 'tabs-block' }, tablist, [...entries.values()].map((entry) => entry.panel));
  // The first tab is opened by the caller (it loads before the page shows): no onSelect for it.
  current = selected;
  select(selected);
  return { element, select, setCounts, current: () => current };
}
