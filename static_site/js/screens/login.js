// Login: e-mail and password (manual 1.2: "Welkom op het klantenportaal van ...", "Wachtwoord",
// "Inloggen", and the link "Instellen wachtwoord" for a forgotten or first password).
// Screen load: GET /api/site for the office's name (once per page load; the page works without it).
import { api, request } from '../api.js';
import { h } from '../dom.js';
import { button, field, form, messageArea, showError, validate } from '../forms.js';
import { configuredOfficeName } from '../frame.js';
import { t } from '../i18n.js';
import { afterLogin } from '../login-result.js';
import { siteInfo } from '../site.js';
import { setSiteOfficeName } from '../state.js';
import { passkeyLogin } from './passkey-login.js';

export const title = 'login.title';

async function officeName() {
  if (!configuredOfficeName()) {
    try {
      // Public: a 401 here says nothing about a session (and must not send the login page to itself).
      setSiteOfficeName((await request('GET', '/api/site', undefined, { ignoreSessionLoss: true }))?.office_name);
    } catch {
      // Unreachable or not configured: the neutral welcome still lets the client log in.
    }
  }
  return configuredOfficeName();
}

export async function render(ctx) {
  const office = await officeName();
  const email = field({ label: t('login.email'), name: 'email', type: 'email', autocomplete: 'username webauthn', spellcheck: false });
  const password = field({ label: t('login.password'), name: 'password', type: 'password', autocomplete: 'current-password' });
  const errors = messageArea('error');

  const submit = async () => {
    errors.clear();
    if (!validate([email, password])) return;
    try {
      const result = await api.post('/api/session', { email: email.input.value.trim(), password: password.input.value });
      afterLogin(result, ctx);
    } catch (error) {
      password.input.value = '';
      showError(errors, error, (code) => (code === 'email_invalid' ? email : null));
      // Wrong credentials: the alert is read out, the user retypes the password.
      if (!error.handled && error.code !== 'email_invalid') password.input.focus();
    }
  };

  return h('div', { class: 'screen narrow' },
    h('h1', {}, office ? t('login.welcomeOffice', { office }) : t('login.welcome')),
    h('div', { class: 'card' },
      errors.element,
      form(submit, email.element, password.element, h('div', { class: 'button-row' }, button(t('login.submit')))),
      passkeyLogin(ctx, errors)),
    h('p', { class: 'aside-link' }, t('login.noPassword'), ' ', h('a', { href: '#/wachtwoord' }, t('login.setPassword'))),
    h('p', { class: 'aside-link' }, t('payments.checkQuestion'), ' ', h('a', { href: '#/rekening-controleren' }, t('payments.checkTitle'))),
    // The portal's version, as on the manual's login screen (issue 16.15).
    siteInfo().version ? h('p', { class: 'portal-version' }, t('login.version', { version: siteInfo().version })) : null);
}
