// Wachtwoord wijzigen: current + new password with the same live rule check as the set-password
// page. The server ends the user's other sessions.
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { button, field, form, isPasswordCode, messageArea, showError, validate } from '../../forms.js';
import { t } from '../../i18n.js';
import { newPasswordField } from '../set-password.js';
import { section } from './section.js';

export function passwordSection(ctx) {
  const errors = messageArea('error');
  const status = messageArea('status');
  const ruleText = h('p', { id: 'change-password-rule-text', class: 'rule-text' }, t('setPassword.rules'));
  const current = field({ label: t('password.current'), name: 'current-password', type: 'password', autocomplete: 'current-password' });
  const next = newPasswordField(t('password.new'), ruleText.id);
  // Lets password managers know whose password changes; never shown.
  const username = h('input', { type: 'email', name: 'username', autocomplete: 'username', value: ctx.me.email || '', hidden: true, readonly: true, tabindex: '-1' });

  const submit = async () => {
    errors.clear();
    status.clear();
    if (!validate([current]) || !next.check()) return;
    try {
      const me = await api.post('/api/me/password', { current_password: current.input.value, new_password: next.input.value });
      current.input.value = '';
      next.input.value = '';
      next.input.dispatchEvent(new Event('input'));
      status.show(t('password.changed'));
      if (me) await ctx.updateMe(me);
    } catch (error) {
      showError(errors, error, (code) => (code === 'invalid_credentials' ? current : isPasswordCode(code) ? next : null));
    }
  };

  return section('details-password', t('password.title'),
    errors.element, status.element, ruleText,
    form(submit, username, current.element, next.element, h('div', { class: 'button-row' }, button(t('password.submit')))));
}
