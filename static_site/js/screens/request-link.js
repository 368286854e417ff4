// "Instellen wachtwoord": ask for a link to set (or reset) the password. The answer is the same
// whether or not the address has an account, so the screen never reveals that either.
import { api } from '../api.js';
import { h } from '../dom.js';
import { button, field, form, messageArea, showError, validate } from '../forms.js';
import { t } from '../i18n.js';

export const title = 'requestLink.title';

/** Shared with the invitation screen: e-mail + "Verstuur", then a neutral "sent" message. */
export function linkRequestForm(extraBody = {}) {
  const email = field({ label: t('login.email'), name: 'email', type: 'email', autocomplete: 'email', spellcheck: false });
  const errors = messageArea('error');
  const done = messageArea('status');
  const wrapper = h('div', { class: 'card' });

  const submit = async () => {
    errors.clear();
    if (!validate([email])) return;
    try {
      await api.post('/api/password-links', { email: email.input.value.trim(), ...extraBody });
      // The form goes; the status region stays, so the confirmation is announced. "Ander
      // e-mailadres" brings the form back with the address as typed, for a typo (issue 16.7).
      entry.remove();
      done.show(t('requestLink.sent'));
      wrapper.append(again);
    } catch (error) {
      showError(errors, error, (code) => (code === 'email_invalid' || code === 'email_not_ascii' ? email : null));
    }
  };
  const entry = h('div', {}, errors.element, form(submit, email.element, h('div', { class: 'button-row' }, button(t('requestLink.submit')))));
  const again = h('p', { class: 'aside-link' }, h('button', {
    type: 'button', class: ['button', 'button-link'],
    on: {
      click: () => {
        again.remove();
        done.clear();
        wrapper.append(entry);
        email.input.focus();
        email.input.select();
      },
    },
  }, t('requestLink.otherAddress')));
  wrapper.append(done.element, entry);
  return wrapper;
}

export function render() {
  return h('div', { class: 'screen narrow' },
    h('h1', {}, t('requestLink.title')),
    h('p', {}, t('requestLink.intro')),
    linkRequestForm(),
    h('p', { class: 'aside-link' }, h('a', { href: '#/login' }, t('requestLink.back'))));
}
