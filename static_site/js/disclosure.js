// A disclosure button: it shows and hides `body` (aria-expanded, aria-controls) and calls `onOpen`
// each time it opens it, so that a section can read its content when first opened.
import { h } from './dom.js';
import { icon } from './icons.js';

export function disclosure(body, label, { onOpen } = {}) {
  const toggle = h('button', {
    type: 'button', class: 'disclosure', 'aria-expanded': 'false', 'aria-controls': body.id,
    on: {
      click: () => {
        const opening = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(opening));
        body.hidden = !opening;
        if (opening && onOpen) onOpen();
      },
    },
  }, icon('chevron'), label);
  return toggle;
}
