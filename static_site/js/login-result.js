// What every way of logging in (password, set-password link, second step) does with the answer:
// go to the second step, or store Me and go on (first login -> "Mijn gegevens", else back to where
// the user was, else Home). A new recovery code is shown once before going on.
import { h } from './dom.js';
import { button } from './forms.js';
import { t } from './i18n.js';
import { clearPendingSecondFactor, setMe, setPendingSecondFactor, takeReturnTo } from './state.js';
import { passkeysSupported } from './webauthn.js';

export function afterLogin(result, ctx) {
  if (result?.status === 'second_factor_required') {
    // notice: why a way in is missing (sms_budget_spent: no SMS now, the other ways are offered).
    setPendingSecondFactor({ methods: result.methods || [], phone_hint: result.phone_hint || null, notice: result.notice?.code || null });
    ctx.navigate('#/tweede-stap');
    return;
  }
  clearPendingSecondFactor();
  setMe(result.me);
  const target = result.first_login ? '#/mijn-gegevens' : takeReturnTo() || '#/home';
  if (result.first_login) ctx.flash?.('details.firstLogin');
  if (result.recovery_code) {
    ctx.showView(recoveryCodeView(result.recovery_code, () => ctx.navigate(target)));
    return;
  }
  if (result.offer_passkey && passkeysSupported()) {
    // After an SMS or app login, at most once a month (the server decides): "Niet nu" just goes on.
    ctx.showView(passkeyOfferView(() => ctx.navigate('#/mijn-gegevens'), () => ctx.navigate(target)));
    return;
  }
  ctx.navigate(target);
}

function passkeyOfferView(onAdd, onLater) {
  const add = button(t('passkeys.offerAdd'), { type: 'button', on: { click: onAdd } });
  const later = button(t('passkeys.offerLater'), { kind: 'secondary', type: 'button', on: { click: onLater } });
  return h('div', { class: 'screen narrow passkey-offer' },
    h('h1', {}, t('passkeys.offerTitle')),
    h('p', {}, t('passkeys.offerText')),
    h('p', {}, t('passkeys.where')),
    h('div', { class: 'button-row' }, add, later));
}

/** The recovery code block (also used in "Mijn gegevens"): the code, big and selectable, and what to do with it. */
export function recoveryCodeBlock(code) {
  return [
    h('p', {}, t('recovery.instruction')),
    h('p', { class: 'recovery-code', translate: 'no', spellcheck: 'false' }, code),
  ];
}

function recoveryCodeView(code, onDone) {
  const done = button(t('recovery.done'), { type: 'button', on: { click: onDone } });
  return h('div', { class: 'screen narrow' },
    h('h1', {}, t('recovery.newTitle')),
    h('p', {}, t('recovery.usedNote')),
    ...recoveryCodeBlock(code),
    h('div', { class: 'button-row' }, done));
}
