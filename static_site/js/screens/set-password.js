// The second e-mail's link: "Stel uw wachtwoord in a.u.b." with the manual's rule, checked live,
// and "Instellen wachtwoord", which also logs the user in (first time: on to "Mijn gegevens").
import { api, segment } from '../api.js';
import { h } from '../dom.js';
import { button, field, form, isPasswordCode, messageArea, showError } from '../forms.js';
import { t } from '../i18n.js';
import { afterLogin } from '../login-result.js';
import { meetsRules, passwordRules } from '../password-rules.js';
import { deadLink } from './invitation.js';

export const title = 'setPassword.title';

/** A password field with the live rule list and a show/hide toggle (shared with "Wachtwoord wijzigen"). */
export function newPasswordField(label, ruleTextId) {
  const rules = passwordRules();
  const password = field({ label, name: 'new-password', type: 'password', autocomplete: 'new-password', describedBy: ruleTextId });
  password.input.setAttribute('aria-describedby', `${password.input.getAttribute('aria-describedby') || ''} ${rules.id}`.trim());
  password.input.addEventListener('input', () => rules.update(password.input.value));
  const toggle = h('input', {
    type: 'checkbox', id: `${password.input.id}-show`,
    on: { change: (event) => { password.input.type = event.target.checked ? 'text' : 'password'; } },
  });
  const show = h('div', { class: 'checkbox' }, toggle, h('label', { for: toggle.id }, t('setPassword.show')));
  password.element.append(show, rules.element);
  return {
    ...password,
    /** A refusal of the server (e.g. too common) also turns the rules' verdict: never red beside green. */
    setError(text) {
      password.setError(text);
      if (text) rules.refuse(password.input.value);
    },
    /** Client-side check before sending; the server stays the judge (common passwords, length). */
    check() {
      if (meetsRules(password.input.value)) return true;
      password.setError(t('rules.notMet'));
      password.input.focus();
      return false;
    },
  };
}

export async function render(ctx) {
  const token = ctx.params[0];
  try {
    await api.get(`/api/password-links/${segment(token)}`);
  } catch (error) {
    return deadLink(error);
  }
  const ruleText = h('p', { id: 'password-rule-text', class: 'rule-text' }, t('setPassword.rules'));
  const password = newPasswordField(t('setPassword.password'), ruleText.id);
  const errors = messageArea('error');

  const submit = async () => {
    errors.clear();
    if (!password.check()) return;
    try {
      afterLogin(await api.post('/api/password', { token, password: password.input.value }), ctx);
    } catch (error) {
      // A link that died meanwhile (410/404) gets the dead-link screen with its way on.
      if (error.status === 410 || error.status === 404) ctx.showView(deadLink(error));
      else showError(errors, error, (code) => (isPasswordCode(code) ? password : null));
    }
  };

  return h('div', { class: 'screen narrow' },
    h('h1', {}, t('setPassword.title')),
    ruleText,
    h('div', { class: 'card' },
      errors.element,
      form(submit, password.element, h('div', { class: 'button-row' }, button(t('setPassword.submit'))))));
}
