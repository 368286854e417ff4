// An unknown route: say so and offer the way home.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export const title = 'notFound.title';

export function render() {
  return h('div', { class: 'screen narrow' },
    h('h1', {}, t('notFound.title')),
    h('p', {}, t('notFound.text')),
    h('p', {}, h('a', { href: '#/home' }, t('notFound.home'))));
}
