// A screen's own stylesheet (css/<name>.css) besides portal.css: added to the head once, when the
// first screen that needs it is entered, and awaited before that screen shows (no unstyled flash).
const added = new Map();

export function useStyles(names = []) {
  return Promise.all(names.map((name) => {
    if (!added.has(name)) {
      added.set(name, new Promise((resolve) => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = `/css/${name}.css`;
        link.addEventListener('load', resolve);
        // Unreachable: the screen still works, plainer; the next screen that needs it tries again.
        link.addEventListener('error', () => { added.delete(name); link.remove(); resolve(); });
        document.head.append(link);
      }));
    }
    return added.get(name);
  }));
}
