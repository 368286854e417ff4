// DOM building without innerHTML: every string becomes a text node, so server or user data can
// never turn into markup. The strict CSP forbids inline handlers and styles; listeners go via `on`.

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'type', 'href', 'src', 'alt', 'id', 'name']);

/**
 * h('button', {class: 'primary', on: {click: save}}, 'Opslaan')
 * Attributes with null/undefined/false are left out; true renders as an empty attribute.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

export function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (name === 'text') element.textContent = value;
    else if (name === 'on') for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (PROPERTIES.has(name)) element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

let counter = 0;
/** Unique ids tie labels, hints and error texts to their inputs. */
export function uid(prefix = 'id') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Text for screen readers only (kept visible to assistive tech, hidden on screen by CSS). */
export function srOnly(text) {
  return h('span', { class: 'visually-hidden' }, text);
}

/** Adds or removes one id in a space-separated ARIA reference list (aria-describedby). */
export function toggleReference(element, attribute, id, present) {
  const ids = new Set((element.getAttribute(attribute) || '').split(/\s+/).filter(Boolean));
  if (present) ids.add(id);
  else ids.delete(id);
  if (ids.size) element.setAttribute(attribute, [...ids].join(' '));
  else element.removeAttribute(attribute);
}
