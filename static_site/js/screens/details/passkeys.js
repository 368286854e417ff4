// Passkeys in "Mijn gegevens": what they are, the list (name, added, last used), "Passkey
// toevoegen" (a name and the password, then the device's own dialog), rename and remove. Removing
// asks for the password; removing the last passkey when no SMS or app is set up also asks for the
// recovery code, as turning 2-step verification off does, or the passkey itself (the device's own
// dialog, with the challenge the refusal carried). The list loads only when the account has
// passkeys (Me says how many), so the screen's load stays at GET /api/me for everyone else.
import { api, segment } from '../../api.js';
import { infoDialog } from '../../dialog.js';
import { h, replace } from '../../dom.js';
import { button, field, form, messageArea, showError, validate } from '../../forms.js';
import { formatDateTime, t } from '../../i18n.js';
import { recoveryCodeBlock } from '../../login-result.js';
import { cancelled, createPasskey, getPasskey, passkeysSupported } from '../../webauthn.js';
import { rememberPasskey } from '../passkey-login.js';
import { section } from './section.js';

function passwordField() {
  return field({ label: t('twoFactor.password'), name: 'password', type: 'password', autocomplete: 'current-password' });
}

export function passkeysSection(ctx) {
  let me = ctx.me;
  const errors = messageArea('error');
  const status = messageArea('status');
  const list = h('ul', { class: 'passkey-list' });
  const body = h('div', { class: 'passkeys-body' });
  const element = section('details-passkeys', t('passkeys.title'),
    h('p', {}, t('passkeys.intro')), h('p', { class: 'field-hint' }, t('passkeys.where')),
    status.element, errors.element, list, body);
  const heading = element.querySelector('h2');

  const refreshMe = async (answer) => {
    if (answer) {
      me = answer;
      await ctx.updateMe(me);
    }
  };

  const load = async () => {
    if (!(me.passkeys > 0)) {
      replace(list);
      return;
    }
    try {
      const answer = await api.get('/api/me/passkeys');
      replace(list, (answer.items || []).map(row));
    } catch (error) {
      showError(errors, error);
    }
  };

  function row(passkey) {
    const item = h('li', { class: 'passkey-row' });
    const draw = () => replace(item,
      h('div', { class: 'passkey-name' }, h('strong', {}, passkey.name)),
      h('div', { class: 'passkey-dates' },
        t('passkeys.added', { when: formatDateTime(passkey.created_at) }), ' · ',
        passkey.last_used_at ? t('passkeys.lastUsed', { when: formatDateTime(passkey.last_used_at) }) : t('passkeys.neverUsed')),
      h('div', { class: 'link-buttons' },
        button(t('passkeys.rename'), { kind: 'link', type: 'button', on: { click: renameForm } }),
        button(t('passkeys.remove'), { kind: 'link', type: 'button', on: { click: removeForm } })));
    const cancel = () => button(t('twoFactor.cancel'), { kind: 'secondary', type: 'button', on: { click: draw } });
    function renameForm() {
      const name = field({ label: t('passkeys.name'), name: 'passkey-name', value: passkey.name });
      const save = async () => {
        if (!validate([name])) return;
        try {
          Object.assign(passkey, await api.put(`/api/me/passkeys/${segment(passkey.id)}`, { name: name.input.value.trim() }));
          draw();
          status.show(t('passkeys.renamed'));
        } catch (error) {
          showError(errors, error, (code) => (code === 'passkey_name_invalid' ? name : null));
        }
      };
      replace(item, form(save, name.element, h('div', { class: 'button-row' }, button(t('passkeys.save')), cancel())));
      name.input.focus();
    }
    function removeForm() {
      const password = passwordField();
      const extra = h('div', {});
      let code = null;
      let method = null;
      let options = null; // the challenge of the last refusal, for confirming with a passkey; single use
      const path = `/api/me/passkeys/${segment(passkey.id)}`;
      const removed = async (answer) => {
        await refreshMe(answer);
        item.remove();
        status.show(t('passkeys.removed'));
        heading.focus();
      };
      const remove = async () => {
        if (!validate(code ? [password, code] : [password])) return;
        const request = { password: password.input.value };
        if (code) Object.assign(request, { code: code.input.value.replace(/\s+/g, '') }, method ? { method } : {});
        try {
          await removed(await api.delete(path, request));
        } catch (error) {
          if (error.code === 'second_factor_needed' && !code) {
            // The last second factor: its recovery code (or the SMS/app code) is asked for too, or the passkey itself.
            const methods = error.problem?.methods || [];
            method = methods.includes('recovery') && !me.two_factor?.method ? 'recovery' : null;
            options = error.problem?.passkey_options || null;
            const byPasskey = Boolean(method && options && methods.includes('passkey') && passkeysSupported());
            code = field({ label: t(method ? 'twoFactor.recoveryCode' : 'twoFactor.code'), name: 'passkey-code', autocomplete: 'off', spellcheck: false });
            replace(extra, h('p', {}, t(byPasskey ? 'passkeys.lastNeedsRecoveryOrPasskey' : method ? 'passkeys.lastNeedsRecovery' : 'passkeys.needsCode')),
              byPasskey ? h('div', { class: 'button-row' }, button(t('passkeys.confirmWithPasskey'), { kind: 'secondary', type: 'button', on: { click: confirmWithPasskey } })) : null,
              code.element);
            code.input.focus();
            return;
          }
          showError(errors, error, (errorCode) => (errorCode === 'invalid_credentials' ? password : (code && errorCode?.startsWith('code_') ? code : null)));
        }
      };
      async function confirmWithPasskey() {
        errors.clear();
        if (!validate([password])) return;
        try {
          if (!options) { // spent by an earlier try: the refusal without a code brings a fresh one
            try {
              await removed(await api.delete(path, { password: password.input.value }));
              return;
            } catch (error) {
              if (error.code !== 'second_factor_needed' || !error.problem?.passkey_options) throw error;
              options = error.problem.passkey_options;
            }
          }
          const credential = await getPasskey(options);
          options = null;
          await removed(await api.delete(path, { password: password.input.value, method: 'passkey', credential }));
        } catch (error) {
          options = null;
          if (cancelled(error)) errors.show(t('passkeys.cancelled'));
          else showError(errors, error, (errorCode) => (errorCode === 'invalid_credentials' ? password : null));
        }
      }
      replace(item, h('p', {}, t('passkeys.removeIntro', { name: passkey.name })),
        form(remove, password.element, extra, h('div', { class: 'button-row' }, button(t('passkeys.removeConfirm')), cancel())));
      password.input.focus();
    }
    draw();
    return item;
  }

  function overview() {
    if (!passkeysSupported()) {
      replace(body, h('p', {}, t('passkeys.unsupported')));
      return;
    }
    replace(body, h('div', { class: 'button-row' },
      button(t('passkeys.add'), { kind: 'secondary', type: 'button', on: { click: addForm } })));
  }

  function addForm() {
    errors.clear();
    status.clear();
    const name = field({ label: t('passkeys.name'), name: 'passkey-name', hint: t('passkeys.nameHint') });
    const password = passwordField();
    const add = async () => {
      if (!validate([name, password])) return;
      try {
        const options = await api.post('/api/me/passkeys/options', { name: name.input.value.trim(), password: password.input.value });
        const credential = await createPasskey(options);
        const answer = await api.post('/api/me/passkeys', { credential });
        rememberPasskey();
        await refreshMe(answer.me);
        overview();
        await load();
        status.show(t('passkeys.addedNow'));
        if (answer.recovery_code) {
          const dialog = infoDialog({ title: t('recovery.title'), content: recoveryCodeBlock(answer.recovery_code), closeLabel: t('recovery.done'), className: 'recovery-dialog' });
          dialog.returnFocusTo = heading;
        } else heading.focus();
      } catch (error) {
        if (cancelled(error)) errors.show(t('passkeys.cancelled'));
        else showError(errors, error, (code) => (code === 'invalid_credentials' ? password : code === 'passkey_name_invalid' ? name : null));
      }
    };
    replace(body, h('h3', {}, t('passkeys.add')),
      form(add, name.element, password.element, h('div', { class: 'button-row' }, button(t('passkeys.addSubmit')),
        button(t('twoFactor.cancel'), { kind: 'secondary', type: 'button', on: { click: overview } }))));
    name.input.focus();
  }

  overview();
  queueMicrotask(load);
  return element;
}
