// The dossier page's tab counts, kept in one place: a download or an opened message lowers
// "unread", a sent message raises "count", and whoever shows a number (the tabs) is told at once,
// without asking the API again.
export function tabCounts(initial = {}) {
  const tabs = {};
  for (const [key, value] of Object.entries(initial)) tabs[key] = { count: Number(value?.count) || 0, unread: Number(value?.unread) || 0 };
  const listeners = new Set();
  return {
    get: (key) => tabs[key] || { count: 0, unread: 0 },
    change(key, { count = 0, unread = 0 }) {
      const entry = tabs[key] || (tabs[key] = { count: 0, unread: 0 });
      entry.count = Math.max(0, entry.count + count);
      entry.unread = Math.max(0, entry.unread + unread);
      for (const listener of listeners) listener(key, { ...entry });
    },
    subscribe(listener) {
      listeners.add(listener);
    },
  };
}
