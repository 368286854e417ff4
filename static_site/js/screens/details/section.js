// One titled part of "Mijn gegevens": a <section> named by its own heading.
import { h, uid } from '../../dom.js';

export function section(idBase, title, ...content) {
  const headingId = uid(idBase);
  const heading = h('h2', { id: headingId, class: 'section-title', tabindex: '-1' }, title);
  const element = h('section', { class: 'panel', 'aria-labelledby': headingId, id: idBase }, heading, ...content);
  return element;
}
