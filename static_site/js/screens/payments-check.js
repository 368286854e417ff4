// "Rekeningnummer controleren" (issue 18), public: paste an IBAN received by e-mail, letter or phone;
// the portal says whether it is one of the office's escrow accounts, nothing more. Spaces, dashes
// and lower case are fine (the server tidies them); checks are limited per address (429).
import { api } from '../api.js';
import { h } from '../dom.js';
import { button, field, form, messageArea, showError, validate } from '../forms.js';
import { configuredOfficeName } from '../frame.js';
import { t } from '../i18n.js';
import { state } from '../state.js';

export const title = 'payments.checkTitle';

export function render() {
  const iban = field({ label: t('payments.checkField'), name: 'iban', autocomplete: 'off', spellcheck: false,
    hint: t('payments.checkHint') });
  const errors = messageArea('error');
  const result = h('div', { class: 'iban-result', role: 'status', 'aria-live': 'polite' });

  const submit = async () => {
    errors.clear();
    result.replaceChildren();
    if (!validate([iban])) return;
    try {
      const answer = await api.post('/api/iban-checks', { iban: iban.input.value });
      const office = answer.office_name || state.me?.office_name || configuredOfficeName() || t('payments.theOffice');
      result.replaceChildren(answer.registered
        ? h('p', { class: 'iban-yes' }, t('payments.checkYes', { office }))
        : h('div', { class: 'iban-no' },
          h('p', {}, h('strong', {}, t('payments.checkNo', { office }))),
          answer.well_formed ? null : h('p', {}, t('payments.checkMalformed'))));
    } catch (error) {
      showError(errors, error, () => iban);
    }
  };

  return h('div', { class: 'screen narrow' },
    h('h1', {}, t('payments.checkTitle')),
    h('p', { class: 'lead' }, t('payments.checkIntro')),
    h('div', { class: 'card' },
      errors.element,
      form(submit, iban.element, h('div', { class: 'button-row' }, button(t('payments.checkSubmit')))),
      result),
    h('p', { class: 'aside-link' }, h('a', { href: state.me ? '#/home' : '#/login' }, t(state.me ? 'payments.backHome' : 'payments.backLogin'))));
}
