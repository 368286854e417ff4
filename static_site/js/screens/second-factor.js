// Second step of login: the SMS or authenticator code, or the recovery code when the phone or app
// is not at hand. Reached only after a password login answered "second_factor_required". When the
// SMS budget is spent (sms_budget_spent) no code was sent: the screen says so and offers the ways
// in that need no SMS (the app, the recovery code).
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { button, field, form, messageArea, showError, validate } from '../forms.js';
import { t } from '../i18n.js';
import { afterLogin } from '../login-result.js';
import { clearPendingSecondFactor, getPendingSecondFactor } from '../state.js';
import { passkeyStep } from './passkey-login.js';

export const title = 'secondFactor.title';

function intro(method, phoneHint) {
  if (method === 'recovery') return t('secondFactor.recoveryIntro');
  if (method === 'totp') return t('secondFactor.totpIntro');
  if (method === 'passkey') return t('passkeys.stepIntro');
  return phoneHint ? t('secondFactor.smsIntro', { phone: phoneHint }) : t('secondFactor.smsIntroNoPhone');
}

export function render(ctx) {
  const pending = getPendingSecondFactor();
  if (!pending) {
    // Nothing to verify (reload after the login ended, or a bookmark): start at the login page.
    queueMicrotask(() => ctx.navigate('#/login', { replace: true }));
    return h('div', {});
  }
  let methods = pending.methods;
  let notice = pending.notice || null;
  const primaryOf = () => methods.find((method) => method !== 'recovery') || 'recovery';
  let primary = primaryOf();
  const hasRecovery = () => methods.includes('recovery');
  const container = h('div', { class: 'card' });
  const errors = messageArea('error');
  const status = messageArea('status');

  // The pending login is gone (too slow, or completed elsewhere): start again at the password.
  const restart = (error) => {
    clearPendingSecondFactor();
    ctx.flash(`error.${error.code}`, 'error');
    ctx.navigate('#/login');
  };

  const draw = (method, focus) => {
    const isRecovery = method === 'recovery';
    const code = field({
      label: t(isRecovery ? 'secondFactor.recoveryCode' : 'secondFactor.code'),
      name: 'code',
      autocomplete: isRecovery ? 'off' : 'one-time-code',
      inputmode: isRecovery ? null : 'numeric',
      spellcheck: false,
    });
    const submit = async () => {
      errors.clear();
      status.clear();
      if (!validate([code])) return;
      try {
        const body = { method, code: code.input.value.replace(/\s+/g, '') };
        afterLogin(await api.post('/api/session/second-factor', body), ctx);
      } catch (error) {
        if (error.code === 'login_expired') restart(error);
        else showError(errors, error, (errorCode) => (errorCode === 'code_invalid' || errorCode === 'code_expired' ? code : null));
      }
    };
    const resend = async () => {
      errors.clear();
      try {
        await api.post('/api/session/second-factor/resend', {});
        status.show(t('secondFactor.resent'));
      } catch (error) {
        if (error.code === 'login_expired') restart(error);
        else if (error.code === 'sms_budget_spent') {
          // No more SMS for now: only the ways in that need none, with the reason on top.
          methods = Array.isArray(error.problem?.methods) ? error.problem.methods : ['recovery'];
          notice = error.code;
          primary = primaryOf();
          draw(primary, true);
        } else showError(errors, error);
      }
    };
    const links = [];
    // A passkey and a code may both be set up: a link switches between them.
    const codeMethod = methods.find((other) => other === 'sms' || other === 'totp');
    if (method !== 'passkey' && methods.includes('passkey')) {
      links.push(button(t('passkeys.usePasskey'), { kind: 'link', type: 'button', on: { click: () => draw('passkey', true) } }));
    }
    if (method === 'passkey' && codeMethod) {
      links.push(button(t('passkeys.useCode'), { kind: 'link', type: 'button', on: { click: () => draw(codeMethod, true) } }));
    }
    if (method === 'sms' && !notice) links.push(button(t('secondFactor.resend'), { kind: 'link', type: 'button', on: { click: resend } }));
    if (hasRecovery() && !isRecovery) {
      links.push(button(t('secondFactor.useRecovery'), { kind: 'link', type: 'button', on: { click: () => draw('recovery', true) } }));
    }
    if (isRecovery && primary !== 'recovery') {
      links.push(button(t('secondFactor.useCode'), { kind: 'link', type: 'button', on: { click: () => draw(primary, true) } }));
    }
    replace(container,
      notice ? h('div', { class: ['notice', 'notice-info'], role: 'status' }, h('p', {}, t(`error.${notice}`))) : null,
      h('p', {}, intro(method, notice ? null : pending.phone_hint)),
      errors.element, status.element,
      method === 'passkey' ? passkeyStep(ctx, errors, restart)
        : form(submit, code.element, h('div', { class: 'button-row' }, button(t('secondFactor.submit')))),
      links.length ? h('div', { class: 'link-buttons' }, links) : null);
    if (focus) (method === 'passkey' ? container.querySelector('button') : code.input).focus();
  };
  draw(primary, false);
  return h('div', { class: 'screen narrow' }, h('h1', {}, t('secondFactor.title')), container);
}
