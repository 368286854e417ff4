// 2-staps verificatie (manual 2.2): by SMS (mobile number + password -> code -> recovery code) or,
// stronger, by an authenticator app (password -> QR code and key -> code -> recovery code); off
// again with the password. The recovery code is shown once, in a dialog.
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { button, field, form, messageArea, showError, validate } from '../../forms.js';
import { infoDialog } from '../../dialog.js';
import { t } from '../../i18n.js';
import { recoveryCodeBlock } from '../../login-result.js';
import { section } from './section.js';

/** The answer's SVG as an image URL: an <img> never runs script, and the CSP allows data: images. */
function svgDataUrl(svg) {
  let binary = '';
  for (const byte of new TextEncoder().encode(svg)) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

function passwordField() {
  return field({ label: t('twoFactor.password'), name: 'password', type: 'password', autocomplete: 'current-password', hint: t('twoFactor.passwordHint') });
}

function codeField() {
  return field({ label: t('twoFactor.code'), name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', spellcheck: false });
}

export function twoFactorSection(ctx) {
  let me = ctx.me;
  const errors = messageArea('error');
  const status = messageArea('status');
  const body = h('div', { class: 'two-factor' });
  const element = section('details-two-factor', t('twoFactor.title'), status.element, errors.element, body);
  const heading = element.querySelector('h2');

  const cancelButton = () => button(t('twoFactor.cancel'), { kind: 'secondary', type: 'button', on: { click: () => overview(true) } });
  const step = (titleKey, ...content) => {
    errors.clear();
    replace(body, h('h3', {}, t(titleKey)), ...content);
    body.querySelector('input')?.focus();
  };
  // fields: which field an error code belongs on ({invalid_credentials: passwordField}).
  const call = async (request, onDone, fields = {}) => {
    errors.clear();
    status.clear();
    try {
      await onDone(await request());
    } catch (error) {
      showError(errors, error, (code) => fields[code] || null);
    }
  };

  const enabled = async (answer) => {
    me = answer.me;
    await ctx.updateMe(me);
    overview(false);
    status.show(t('twoFactor.turnedOn'));
    // The code is shown once; afterwards focus goes to this section's heading, the form is gone.
    const dialog = infoDialog({ title: t('recovery.title'), content: recoveryCodeBlock(answer.recovery_code), closeLabel: t('recovery.done'), className: 'recovery-dialog' });
    dialog.returnFocusTo = heading;
  };

  function overview(focus) {
    errors.clear();
    const method = me.two_factor?.method;
    if (!method) {
      replace(body, h('p', {}, t('twoFactor.off')),
        h('div', { class: 'button-row' },
          button(t('twoFactor.startSms'), { kind: 'secondary', type: 'button', on: { click: smsStart } }),
          button(t('twoFactor.startTotp'), { kind: 'secondary', type: 'button', on: { click: totpStart } })));
    } else {
      const password = passwordField();
      const turnOff = () => validate([password]) && call(
        () => api.delete('/api/me/two-factor', { password: password.input.value }),
        async (answer) => {
          me = answer;
          await ctx.updateMe(me);
          overview(false);
          status.show(t('twoFactor.turnedOff'));
          heading.focus();
        },
        { invalid_credentials: password });
      replace(body,
        h('p', {}, method === 'sms' ? t('twoFactor.onSms', { phone: me.two_factor.phone_hint || '' }) : t('twoFactor.onTotp')),
        h('h3', {}, t('twoFactor.turnOffTitle')),
        form(turnOff, password.element, h('div', { class: 'button-row' }, button(t('twoFactor.turnOff'), { kind: 'danger' }))));
    }
    if (focus) heading.focus();
  }

  function smsStart() {
    const phone = field({ label: t('twoFactor.phone'), name: 'phone', type: 'tel', autocomplete: 'tel', hint: t('twoFactor.phoneHint') });
    const password = passwordField();
    const send = () => validate([phone, password]) && call(
      () => api.post('/api/me/two-factor/sms', { phone: phone.input.value.trim(), password: password.input.value }),
      (answer) => smsConfirm(answer?.phone_hint || phone.input.value.trim()),
      { phone_invalid: phone, invalid_credentials: password });
    step('twoFactor.smsTitle',
      form(send, phone.element, password.element, h('div', { class: 'button-row' }, button(t('twoFactor.sendCode')), cancelButton())));
  }

  function smsConfirm(phoneHint) {
    const code = codeField();
    const confirm = () => validate([code]) && call(
      () => api.post('/api/me/two-factor/sms/confirm', { code: code.input.value.replace(/\s+/g, '') }), enabled,
      { code_invalid: code, code_expired: code });
    step('twoFactor.smsTitle',
      h('p', {}, t('twoFactor.codeSent', { phone: phoneHint })),
      form(confirm, code.element, h('div', { class: 'button-row' }, button(t('twoFactor.confirm')), cancelButton())));
  }

  function totpStart() {
    const password = passwordField();
    const next = () => validate([password]) && call(
      () => api.post('/api/me/two-factor/totp', { password: password.input.value }), totpConfirm,
      { invalid_credentials: password });
    step('twoFactor.totpTitle',
      form(next, password.element, h('div', { class: 'button-row' }, button(t('twoFactor.continue')), cancelButton())));
  }

  function totpConfirm(setup) {
    const code = codeField();
    const confirm = () => validate([code]) && call(
      () => api.post('/api/me/two-factor/totp/confirm', { code: code.input.value.replace(/\s+/g, '') }), enabled,
      { code_invalid: code, code_expired: code });
    step('twoFactor.totpTitle',
      h('p', {}, t('twoFactor.totpScan')),
      setup.qr_svg ? h('img', { class: 'qr', src: svgDataUrl(setup.qr_svg), alt: t('twoFactor.qrAlt'), width: '200', height: '200' }) : null,
      h('p', {}, t('twoFactor.secret')),
      h('p', { class: 'secret', translate: 'no' }, setup.secret || ''),
      setup.otpauth_uri?.startsWith('otpauth://') ? h('p', {}, h('a', { href: setup.otpauth_uri }, t('twoFactor.openApp'))) : null,
      form(confirm, code.element, h('div', { class: 'button-row' }, button(t('twoFactor.confirm')), cancelButton())));
  }

  overview(false);
  return element;
}
