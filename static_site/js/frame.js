// The frame around every screen: the header (office name, menu or language switch) and the
// "Acties" panel that the manual wants visible on every page once logged in, with the open
// first open questionnaires listed (they come with Me, see actions-list.js).
import { actionsPanelList } from './actions-list.js';
import { h, replace, srOnly } from './dom.js';
import { currentLanguage, formatNumber, LANGUAGES, t } from './i18n.js';
import { icon } from './icons.js';
import { siteInfo } from './site.js';
import { getSiteOfficeName } from './state.js';

/** The office name for pages before login: from GET /api/site (the login page asks), else empty. */
export function configuredOfficeName() {
  return getSiteOfficeName() || '';
}

function brand(me) {
  const name = me?.office_name || configuredOfficeName() || t('app.title');
  // The office's logo when configured (a path on this site), named by the office's name.
  const logo = me ? me.office_logo : siteInfo().office_logo;
  const mark = typeof logo === 'string' && /^\/[\w./-]+$/.test(logo) ? h('img', { class: 'brand-logo', src: logo, alt: name }) : name;
  const content = me ? h('a', { href: '#/home', class: 'brand-link' }, mark) : mark;
  return h('p', { class: 'brand' }, content);
}

function languageSwitch(onLanguage) {
  const buttons = LANGUAGES.map((lang) => h('button', {
    type: 'button',
    id: `lang-${lang}`,
    class: 'language-option',
    lang,
    'aria-pressed': String(lang === currentLanguage()),
    on: { click: () => onLanguage(lang, `lang-${lang}`) },
  }, t(`lang.${lang}`)));
  return h('div', { class: 'language-switch', role: 'group', 'aria-label': t('lang.choose') }, buttons);
}

function menu(me, routeName, onLogout) {
  const open = Number(me.counts?.actions_open) || 0;
  const home = h('a', { href: '#/home', class: 'nav-link', 'aria-current': routeName === 'home' ? 'page' : null }, t('nav.home'));
  // On small screens the actions panel sits below the page; this keeps the open count in sight.
  const actions = h('a', { href: '#/acties', class: 'nav-link nav-actions', 'aria-current': routeName === 'actions' ? 'page' : null },
    t('actions.title'), h('span', { class: 'nav-count' }, formatNumber(open)), srOnly(` ${t('actions.open')}`));
  const logout = h('button', { type: 'button', class: 'nav-link nav-button', on: { click: onLogout } }, icon('logout'), t('nav.logout'));
  return h('nav', { 'aria-label': t('nav.label') },
    h('ul', { class: 'nav-list' }, h('li', {}, home), h('li', { class: 'nav-actions-item' }, actions), h('li', {}, logout)));
}

export function renderHeader(header, { me, routeName, onLanguage, onLogout }) {
  replace(header, h('div', { class: 'header-inner' }, brand(me), me ? menu(me, routeName, onLogout) : languageSwitch(onLanguage)));
}

/** routeName 'actions': the page itself lists them, so the panel shows only the count there. */
export function renderActionsPanel(aside, me, routeName) {
  if (!me) {
    aside.hidden = true;
    aside.replaceChildren();
    return;
  }
  const open = Number(me.counts?.actions_open) || 0;
  aside.hidden = false;
  replace(aside,
    h('h2', { id: 'actions-title', class: 'panel-title' }, t('actions.title')),
    h('p', { class: 'actions-count' },
      h('span', { class: 'count' }, formatNumber(open)), ' ', h('span', {}, t('actions.open'))),
    open ? null : h('p', { class: 'panel-text' }, t('actions.none')),
    open && routeName !== 'actions' ? actionsPanelList(me) : null,
    routeName === 'actions' ? null : h('p', {}, h('a', { href: '#/acties' }, t('actions.link'))));
}

export function setSkipLinkText() {
  const skip = document.getElementById('skip-link');
  if (skip) skip.textContent = t('app.skip');
}
