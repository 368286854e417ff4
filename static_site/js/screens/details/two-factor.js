// 2-staps verificatie (manual 2.2): by SMS (mobile number + password -> code -> recovery code) or,
// stronger, by an authenticator app (password -> QR code and key -> code -> recovery code). Once it
// is on, every change (another number, the other method, off, a new recovery code) asks for the
// password AND the current second factor: the app's code, or a code texted to the current phone
// (turning it off also takes the recovery code, for a lost phone). The recovery code is shown once,
// in a dialog.
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

/**
 * The current second factor, for a change while 2-step verification is on: a code field, and for
 * SMS a button that texts the code. allowRecovery: a link switches the field to the recovery code.
 * Returns {elements, field, body()} or null when 2-step verification is off.
 */
function currentFactor(me, { status, errors, allowRecovery = false }) {
  const method = me.two_factor?.method;
  if (!method) return null;
  const phone = me.two_factor.phone_hint || '';
  const wrapper = h('div', { class: 'current-factor' });
  const state = { method, field: null };
  const draw = (chosen) => {
    state.method = chosen;
    const isRecovery = chosen === 'recovery';
    state.field = field({
      label: t(isRecovery ? 'twoFactor.recoveryCode' : method === 'sms' ? 'twoFactor.currentCodeSms' : 'twoFactor.currentCodeTotp'),
      name: 'current-code', autocomplete: isRecovery ? 'off' : 'one-time-code', inputmode: isRecovery ? null : 'numeric', spellcheck: false,
    });
    const sendCode = async () => {
      errors.clear();
      status.clear();
      try {
        const answer = await api.post('/api/me/two-factor/step-up', {});
        status.show(t('twoFactor.stepUpSent', { phone: answer?.phone_hint || phone }));
        state.field.input.focus();
      } catch (error) {
        showError(errors, error);
      }
    };
    const intro = isRecovery ? t('twoFactor.currentRecovery') : method === 'sms' ? t('twoFactor.currentSms', { phone }) : t('twoFactor.currentTotp');
    const links = [];
    if (!isRecovery && method === 'sms') links.push(button(t('twoFactor.sendStepUp'), { kind: 'secondary', type: 'button', on: { click: sendCode } }));
    if (allowRecovery) {
      links.push(button(t(isRecovery ? 'twoFactor.useCode' : 'twoFactor.useRecovery'), {
        kind: 'link', type: 'button', on: { click: () => { draw(isRecovery ? method : 'recovery'); state.field.input.focus(); } },
      }));
    }
    replace(wrapper, h('p', {}, intro), links.length ? h('div', { class: 'link-buttons' }, links) : null, state.field.element);
  };
  draw(method);
  return {
    elements: [wrapper],
    get field() { return state.field; },
    body() {
      const code = state.field.input.value.replace(/\s+/g, '');
      return state.method === method ? { code } : { code, method: state.method };
    },
  };
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
      const current = currentFactor(me, { status, errors, allowRecovery: true });
      const turnOff = () => validate([password, current.field]) && call(
        () => api.delete('/api/me/two-factor', { password: password.input.value, ...current.body() }),
        async (answer) => {
          me = answer;
          await ctx.updateMe(me);
          overview(false);
          status.show(t('twoFactor.turnedOff'));
          heading.focus();
        },
        { invalid_credentials: password, ...codeErrors(current) });
      replace(body,
        h('p', {}, method === 'sms' ? t('twoFactor.onSms', { phone: me.two_factor.phone_hint || '' }) : t('twoFactor.onTotp')),
        h('h3', {}, t('twoFactor.changeTitle')),
        h('div', { class: 'button-row' },
          button(t(method === 'sms' ? 'twoFactor.changeSms' : 'twoFactor.switchSms'), { kind: 'secondary', type: 'button', on: { click: smsStart } }),
          method === 'sms' ? button(t('twoFactor.switchTotp'), { kind: 'secondary', type: 'button', on: { click: totpStart } }) : null,
          button(t('twoFactor.renew'), { kind: 'secondary', type: 'button', on: { click: renewRecovery } })),
        h('h3', {}, t('twoFactor.turnOffTitle')),
        form(turnOff, password.element, ...current.elements, h('div', { class: 'button-row' }, button(t('twoFactor.turnOff'), { kind: 'danger' }))));
    }
    if (focus) heading.focus();
  }

  // Code errors of the current second factor belong on its field.
  const codeErrors = (current) => (current ? { code_invalid: current.field, code_expired: current.field, second_factor_needed: current.field } : {});

  function smsStart() {
    const phone = field({ label: t('twoFactor.phone'), name: 'phone', type: 'tel', autocomplete: 'tel', hint: t('twoFactor.phoneHint') });
    const password = passwordField();
    const current = currentFactor(me, { status, errors });
    const send = () => validate([phone, password, ...(current ? [current.field] : [])]) && call(
      () => api.post('/api/me/two-factor/sms', { phone: phone.input.value.trim(), password: password.input.value, ...(current ? current.body() : {}) }),
      (answer) => smsConfirm(answer?.phone_hint || phone.input.value.trim()),
      { phone_invalid: phone, phone_country_not_allowed: phone, phone_not_mobile: phone, invalid_credentials: password, ...codeErrors(current) });
    step('twoFactor.smsTitle',
      form(send, phone.element, password.element, ...(current ? current.elements : []),
        h('div', { class: 'button-row' }, button(t('twoFactor.sendCode')), cancelButton())));
  }

  function renewRecovery() {
    const password = passwordField();
    const current = currentFactor(me, { status, errors });
    const renew = () => validate([password, current.field]) && call(
      () => api.post('/api/me/two-factor/recovery-code', { password: password.input.value, ...current.body() }),
      (answer) => {
        overview(false);
        status.show(t('twoFactor.renewed'));
        const dialog = infoDialog({ title: t('recovery.title'), content: recoveryCodeBlock(answer.recovery_code), closeLabel: t('recovery.done'), className: 'recovery-dialog' });
        dialog.returnFocusTo = heading;
      },
      { invalid_credentials: password, ...codeErrors(current) });
    step('twoFactor.renewTitle',
      h('p', {}, t('twoFactor.renewIntro')),
      form(renew, password.element, ...current.elements, h('div', { class: 'button-row' }, button(t('twoFactor.renewButton')), cancelButton())));
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
    const current = currentFactor(me, { status, errors });
    const next = () => validate([password, ...(current ? [current.field] : [])]) && call(
      () => api.post('/api/me/two-factor/totp', { password: password.input.value, ...(current ? current.body() : {}) }), totpConfirm,
      { invalid_credentials: password, ...codeErrors(current) });
    step('twoFactor.totpTitle',
      form(next, password.element, ...(current ? current.elements : []),
        h('div', { class: 'button-row' }, button(t('twoFactor.continue')), cancelButton())));
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
