// "Inloggen met passkey" on the login page: the browser lists the passkeys it holds for this site
// (no e-mail typed) and the fingerprint, face or device PIN unlocks one: both steps at once.
// Where the browser supports it, the passkeys are also offered in the e-mail field's autofill
// (conditional UI); pressing the button cancels that waiting request and asks in a dialog instead.
import { api, request as apiRequest } from '../api.js';
import { h } from '../dom.js';
import { button, showError } from '../forms.js';
import { t } from '../i18n.js';
import { afterLogin } from '../login-result.js';
import { cancelled, conditionalSupported, getPasskey, passkeysSupported } from '../webauthn.js';

const USED_KEY = 'portal.passkeyUsed';

/** This browser added or used a passkey for the portal (a hint only: nothing secret is kept). */
export function rememberPasskey() {
  try {
    localStorage.setItem(USED_KEY, '1');
  } catch {
    // Storage refused (private mode): the button still works.
  }
}

function rememberedPasskey() {
  try {
    return localStorage.getItem(USED_KEY) === '1';
  } catch {
    return false;
  }
}

async function signIn(ctx, request) {
  // Public, like /api/site: a 401 here says nothing about a session (no "logged out" detour).
  const options = await apiRequest('POST', '/api/session/passkey/options', {}, { ignoreSessionLoss: true });
  const credential = await getPasskey(options, request);
  const result = await api.post('/api/session/passkey', { credential });
  rememberPasskey();
  afterLogin(result, ctx);
}

export function passkeyLogin(ctx, errors) {
  if (!passkeysSupported()) return null;
  let waiting = null;
  const modal = async () => {
    waiting?.abort();
    errors.clear();
    try {
      await signIn(ctx, {});
    } catch (error) {
      if (cancelled(error)) errors.show(t('passkeys.cancelled'));
      else showError(errors, error);
    }
  };
  const startConditional = async () => {
    // Only a browser that added or used a passkey here asks for the autofill: every other login
    // page stays without a request of its own (and the browser without an empty passkey list).
    if (!rememberedPasskey() || !(await conditionalSupported())) return;
    waiting = new AbortController();
    try {
      await signIn(ctx, { mediation: 'conditional', signal: waiting.signal });
    } catch {
      // The autofill is an offer, not a request the user made: its failures stay silent (the
      // button still works, and says what went wrong).
    }
  };
  queueMicrotask(startConditional);
  // Leaving the login page (to the second step, or anywhere) ends the waiting autofill request:
  // the browser allows one passkey request at a time.
  window.addEventListener('hashchange', () => waiting?.abort(), { once: true });
  const start = button(t('passkeys.signIn'), { kind: 'secondary', type: 'button', on: { click: modal } });
  start.classList.add('passkey-sign-in');
  return h('div', { class: 'passkey-login' },
    h('p', { class: 'or' }, t('passkeys.or')),
    h('div', { class: 'button-row' }, start),
    h('p', { class: 'field-hint' }, t('passkeys.signInHint')));
}

/** The second step after the password: one of this account's passkeys (the server allows only those). */
export function passkeyStep(ctx, errors, restart) {
  const use = async () => {
    errors.clear();
    try {
      const options = await api.post('/api/session/second-factor/passkey/options', {});
      const credential = await getPasskey(options);
      const result = await api.post('/api/session/second-factor/passkey', { credential });
      rememberPasskey();
      afterLogin(result, ctx);
    } catch (error) {
      if (error.code === 'login_expired') restart(error);
      else if (cancelled(error)) errors.show(t('passkeys.cancelled'));
      else showError(errors, error);
    }
  };
  const start = button(t('passkeys.useNow'), { type: 'button', on: { click: use } });
  start.classList.add('passkey-step');
  return h('div', { class: 'button-row' }, start);
}
