// What the app remembers between screens. The session itself is an HttpOnly cookie the page never sees.

const RETURN_KEY = 'portal.returnTo';
const PENDING_KEY = 'portal.secondFactor';
// A Me this fresh is not fetched again (it just came with a login or an update).
const ME_FRESH_MS = 5000;

export const state = {
  me: null,
  meAt: 0,
  // Set once a session was seen on this page, so a later 401 reads as "session expired".
  hadSession: false,
  flash: null,
};

export function setMe(me) {
  state.me = me;
  state.meAt = me ? Date.now() : 0;
  if (me) state.hadSession = true;
}

export function meIsFresh() {
  return Boolean(state.me) && Date.now() - state.meAt < ME_FRESH_MS;
}

/** A one-time notice shown above the next screen: {key, kind: 'info' | 'error', params}. */
export function setFlash(key, kind = 'info', params = {}) {
  state.flash = { key, kind, params };
}

export function takeFlash() {
  const flash = state.flash;
  state.flash = null;
  return flash;
}

function session(action, key, value) {
  try {
    if (action === 'get') return sessionStorage.getItem(key);
    if (action === 'set') sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // sessionStorage unavailable: the app still works, it only forgets across reloads.
  }
  return null;
}

export function rememberReturnTo(hash) {
  session('set', RETURN_KEY, hash);
}

/** Where to go after login; only in-app routes, so a crafted value cannot send the user elsewhere. */
export function takeReturnTo() {
  const hash = session('get', RETURN_KEY);
  session('remove', RETURN_KEY);
  return hash && /^#\/[\w\-/]*(\?[\w\-=&%.,+]*)?$/.test(hash) && !hash.startsWith('#/login') ? hash : null;
}

export function setPendingSecondFactor(pending) {
  session('set', PENDING_KEY, JSON.stringify(pending));
}

export function getPendingSecondFactor() {
  try {
    const pending = JSON.parse(session('get', PENDING_KEY) || 'null');
    return pending && Array.isArray(pending.methods) ? pending : null;
  } catch {
    return null;
  }
}

export function clearPendingSecondFactor() {
  session('remove', PENDING_KEY);
}

// The office's name from GET /api/site, for the pages before login (fetched once per page load).
let siteOfficeName = null;

export function setSiteOfficeName(name) {
  siteOfficeName = typeof name === 'string' && name.trim() ? name.trim() : siteOfficeName;
}

export function getSiteOfficeName() {
  return siteOfficeName;
}
