// The app shell: hash routes -> screen modules (loaded on demand), the frame, and what happens
// when the session is lost. Each screen module exports `title` (a catalog key) and
// `render(ctx)`, which makes its own API calls and returns the screen's DOM. A screen's first visit
// costs at most two API requests in all: the app's GET /api/me (which also feeds the frame: the
// counts and the Acties panel's list) and one of the screen's own.
// ctx: params (from the route pattern), route, me, navigate(hash, {replace}), updateMe(me) after a
// call that answers Me, actionDone(id) after a questionnaire was completed (the frame follows
// without a new GET /api/me), flash(key, kind, params) for the next screen, showView(node),
// rerender(), onRouteChange(handle): the screen follows a change of its own route's parameters
// in place (handle(params) answers true), e.g. the dossier page opening a message.
import { api, errorReference, errorText, request, setSessionLostHandler } from './api.js';
import { h } from './dom.js';
import { button, messageArea } from './forms.js';
import { configuredOfficeName, renderActionsPanel, renderHeader, setSkipLinkText } from './frame.js';
import { applyBrand, loadSite } from './site.js';
import { useStyles } from './styles.js';
import { preferredLanguage, rememberLanguage, t, useLanguage, useTexts } from './i18n.js';
import { dropAllDrafts } from './drafts.js';
import { hasUnsentWork, leaveAllowed, stopGuarding } from './leave-guard.js';
import { clearPendingSecondFactor, meIsFresh, rememberReturnTo, setFlash, setMe, state, takeFlash } from './state.js';

// auth: the screen needs a session (GET /api/me before it renders; that Me also feeds the frame).
// texts: the catalog groups it needs besides core (i18n.js), loaded with the screen's module;
// styles: its own stylesheets besides portal.css (styles.js), loaded before it shows.
const ROUTES = [
  { name: 'login', pattern: /^\/login$/, auth: false, texts: ['account'], load: () => import('./screens/login.js') },
  { name: 'request-link', pattern: /^\/wachtwoord$/, auth: false, texts: ['account'], load: () => import('./screens/request-link.js') },
  { name: 'invitation', pattern: /^\/activeren\/([^/]+)$/, auth: false, texts: ['account'], load: () => import('./screens/invitation.js') },
  { name: 'set-password', pattern: /^\/wachtwoord-instellen\/([^/]+)$/, auth: false, texts: ['account'], load: () => import('./screens/set-password.js') },
  { name: 'second-factor', pattern: /^\/tweede-stap$/, auth: false, texts: ['account'], load: () => import('./screens/second-factor.js') },
  // Public (issue 18): anyone may check an account number received by e-mail, letter or phone.
  { name: 'iban-check', pattern: /^\/rekening-controleren$/, auth: false, texts: ['signing'], load: () => import('./screens/payments-check.js') },
  { name: 'home', pattern: /^\/home$/, auth: true, styles: ['home'], load: () => import('./screens/home.js') },
  { name: 'my-details', pattern: /^\/mijn-gegevens$/, auth: true, texts: ['account'], styles: ['details'], load: () => import('./screens/my-details.js') },
  // The optional query: the search and the status filter (?zoek=...&status=a,b), so Back returns to them.
  { name: 'dossiers', pattern: /^\/dossiers(?:\?([^/]*))?$/, auth: true, styles: ['dossiers'], load: () => import('./screens/dossiers/list.js') },
  // The optional parts: the open tab, then in Berichten an open message ("nieuw": a new one) and
  // its reply form; each view has its own address, so Back, a reload or a link opens it again.
  { name: 'dossier', pattern: /^\/dossiers\/([^/]+)(?:\/([a-z-]+))?(?:\/([^/]+))?(?:\/(beantwoorden))?$/, auth: true, load: () => import('./screens/dossier/page.js') },
  { name: 'actions', pattern: /^\/acties$/, auth: true, load: () => import('./screens/actions.js') },
  // The optional part: the page being filled in ("overzicht": the overview), so Back steps through the pages.
  { name: 'questionnaire', pattern: /^\/vragenlijst\/([^/]+)(?:\/(\d+|overzicht))?$/, auth: true, texts: ['questionnaire'], styles: ['questionnaire'], load: () => import('./screens/questionnaire/screen.js') },
];
// auth 'optional': a logged-in client keeps the logged-in header (their Me is asked quietly).
const NOT_FOUND = { name: 'not-found', auth: 'optional', load: () => import('./screens/not-found.js') };

const main = document.getElementById('main');
const header = document.getElementById('site-header');
const aside = document.getElementById('actions-panel');
let renderCount = 0;
let firstRender = true;
// The screen's handler for changes of its own route (set by ctx.onRouteChange, dropped with the screen).
let inPlace = null;

function currentPath() {
  return location.hash.replace(/^#/, '') || '/';
}

function match(path) {
  for (const route of ROUTES) {
    const found = route.pattern.exec(path);
    if (found) return { route, params: found.slice(1).map((part) => (part === undefined ? undefined : decodeURIComponent(part))) };
  }
  return { route: NOT_FOUND, params: [] };
}

export function navigate(hash, { replace = false } = {}) {
  if (replace) {
    history.replaceState(null, '', hash);
    show();
  } else if (location.hash === hash) {
    show();
  } else {
    location.hash = hash; // hashchange renders it
  }
}

/** Any API call answered 401 with a session code lands here (see api.js). */
function sessionLost(error) {
  // Unsent work is kept as a draft and comes back after the login: no question now.
  stopGuarding();
  const { route } = match(currentPath());
  if (route.auth === true) rememberReturnTo(location.hash);
  if (state.hadSession || error.code === 'session_expired') setFlash('error.session_expired', 'error');
  else if (route.auth !== true && route.name !== 'login') setFlash(`error.${error.code}`, 'error');
  setMe(null);
  state.hadSession = false;
  navigate('#/login');
}

async function logout() {
  if (!(await leaveAllowed())) return;
  try {
    await api.delete('/api/session', undefined, { ignoreSessionLoss: true });
  } catch {
    // Already gone or unreachable: the user still leaves; the cookie expires on its own.
  }
  setMe(null);
  state.hadSession = false;
  clearPendingSecondFactor();
  dropAllDrafts();
  setFlash('login.loggedOut');
  navigate('#/login');
}

async function switchLanguage(lang, focusId) {
  rememberLanguage(lang);
  await useLanguage(lang);
  await show({ focusId, full: true });
}

/** A screen changed Me (language, 2-step, notifications): refresh the frame, or everything if the language changed. */
async function updateMe(me, { focusId } = {}) {
  setMe(me);
  rememberLanguage(me.language);
  if (await useLanguage(me.language)) await show({ focusId, full: true });
  else renderActionsPanel(aside, me, currentRouteName());
}

function currentRouteName() {
  return match(currentPath()).route.name;
}

/** A questionnaire was completed: it leaves the Acties count and panel at once. */
function actionDone(id) {
  if (!state.me) return;
  const open = Number(state.me.counts?.actions_open) || 0;
  state.me.counts = { ...(state.me.counts || {}), actions_open: Math.max(0, open - 1) };
  state.me.actions = (state.me.actions || []).filter((action) => action.id !== id);
  frame(match(currentPath()).route);
}

/** Me if there is a session, without treating its absence as a lost session. */
async function quietMe() {
  try {
    setMe(await request('GET', '/api/me', undefined, { ignoreSessionLoss: true }));
  } catch {
    // no session: the logged-out header
  }
}

function frame(route) {
  const me = route.auth ? state.me : null;
  if (me) applyBrand(me);
  renderHeader(header, { me, routeName: route.name, onLanguage: switchLanguage, onLogout: logout });
  renderActionsPanel(aside, me, route.name);
  setSkipLinkText();
}

function placeFlash(view) {
  const flash = takeFlash();
  if (!flash) return;
  const area = messageArea(flash.kind);
  area.show(t(flash.key, flash.params));
  // Right under the heading: that is where focus lands after navigation.
  const heading = view.querySelector('h1');
  if (heading) heading.after(area.element);
  else view.prepend(area.element);
}

function failure(error) {
  const area = messageArea('error');
  area.show(errorText(error), errorReference(error));
  const retry = button(t('app.retry'), { type: 'button', on: { click: () => show({ full: true }) } });
  return h('div', { class: 'screen' }, h('h1', {}, t('app.failed')), area.element, h('div', { class: 'button-row' }, retry));
}

/** full: render the screen anew even where it could follow the address in place (language, retry). */
async function show({ focusId, full = false } = {}) {
  const id = ++renderCount;
  const path = currentPath();
  if (!path.startsWith('/')) return; // an in-page anchor, not a route
  if (path === '/') {
    navigate('#/home', { replace: true });
    return;
  }
  const { route, params } = match(path);
  if (!full && inPlace && inPlace.route === route.name && inPlace.handle(params)) return;
  inPlace = null;
  stopGuarding();
  main.setAttribute('aria-busy', 'true');
  // The screen being replaced takes no more clicks or typing (they would land in a form that is
  // about to vanish); present() lifts this with the next screen.
  if (main.firstChild) main.inert = true;
  if (!main.firstChild) main.append(h('p', { class: 'loading' }, t('app.loading')));
  let view;
  try {
    if (route.auth === true && !meIsFresh()) setMe(await api.get('/api/me'));
    if (route.auth === 'optional' && !state.me) await quietMe();
    if (route.auth !== true) await loadSite();
    if (id !== renderCount) return;
    if (route.auth && state.me) {
      rememberLanguage(state.me.language);
      await useLanguage(state.me.language);
    }
    const [screen] = await Promise.all([route.load(), useTexts(route.texts), useStyles(route.styles)]);
    if (id !== renderCount) return;
    let handle = null;
    const ctx = {
      params, route: route.name, me: route.auth ? state.me || null : null,
      navigate, updateMe, actionDone, rerender: (options) => show({ ...options, full: true }), flash: setFlash, showView: (node) => present(node),
      onRouteChange: (fn) => { handle = fn; },
    };
    view = await screen.render(ctx);
    if (id !== renderCount) return;
    if (handle) inPlace = { route: route.name, handle };
    document.title = `${t(screen.title)} – ${(route.auth && state.me?.office_name) || configuredOfficeName() || t('app.title')}`;
  } catch (error) {
    if (id !== renderCount || error?.handled) return;
    view = failure(error);
  }
  frame(route);
  placeFlash(view);
  present(view, focusId);
}

function present(view, focusId) {
  main.replaceChildren(view);
  main.inert = false;
  main.removeAttribute('aria-busy');
  const heading = main.querySelector('h1');
  heading?.setAttribute('tabindex', '-1');
  // Move focus on navigation so screen readers start at the new page; not on the very first load.
  const target = (focusId && document.getElementById(focusId)) || (firstRender ? null : heading);
  target?.focus();
  firstRender = false;
}

async function boot() {
  await useLanguage(preferredLanguage());
  setSessionLostHandler(sessionLost);
  // The skip link must not change the hash (that is the router's), so it moves focus itself.
  document.getElementById('skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    (main.querySelector('h1') || main).focus();
  });
  window.addEventListener('hashchange', async (event) => {
    // Unsent work: ask first; staying puts the address of the work back (a new entry: the one the
    // user went back to stays behind it).
    if (hasUnsentWork() && !(await leaveAllowed(location.hash))) {
      history.pushState(null, '', new URL(event.oldURL).hash);
      return;
    }
    show();
  });
  await show();
}

boot();
