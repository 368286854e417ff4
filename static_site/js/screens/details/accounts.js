// "Accounts" | "Extra accounts" (company main account only): list, add (an invitation is sent),
// view details, remove (its sessions end at once). Icon buttons carry their names for screen readers.
// Adding asks for the main account's own password again: the office sends an e-mail in the
// company's name, so a session left open is not enough. The answer never tells whether the address
// already had an account (that person gets a notice instead), so neither does the message.
import { api, segment } from '../../api.js';
import { confirmDialog, createDialog, infoDialog } from '../../dialog.js';
import { h, replace } from '../../dom.js';
import { button, field, form, messageArea, showError, validate } from '../../forms.js';
import { formatDate, t } from '../../i18n.js';
import { icon } from '../../icons.js';
import { section } from './section.js';

/** The first page of extra accounts, or the error to show in the section (the rest of the page still works). */
export async function loadAccounts(nextToken) {
  const query = nextToken ? `?next_token=${encodeURIComponent(nextToken)}` : '';
  try {
    return await api.get(`/api/me/accounts${query}`);
  } catch (error) {
    if (error.handled) throw error;
    return { error };
  }
}

function statusText(account) {
  return account.status === 'active' ? t('accounts.statusActive') : t('accounts.statusInvited');
}

function iconButton(name, label, onClick) {
  return h('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label, on: { click: onClick } }, icon(name));
}

function detailsList(account) {
  const rows = [
    [t('accounts.name'), account.name],
    [t('accounts.email'), account.email],
    [t('accounts.status'), statusText(account)],
    account.created_at ? [t('accounts.created'), formatDate(account.created_at)] : null,
  ].filter(Boolean);
  return h('dl', { class: 'summary' }, rows.map(([term, value]) => h('div', { class: 'summary-row' }, h('dt', {}, term), h('dd', {}, value ?? ''))));
}

export function accountsSection(ctx, firstPage) {
  const errors = messageArea('error');
  const status = messageArea('status');
  const list = h('ul', { class: 'account-list', 'aria-labelledby': 'extra-accounts-title' });
  const empty = h('p', { class: 'empty' }, t('accounts.empty'));
  const more = h('div', { class: 'button-row' });
  const listTitle = h('h3', { id: 'extra-accounts-title', tabindex: '-1' }, t('accounts.extra'));

  const refreshEmpty = () => {
    empty.hidden = list.children.length > 0;
    list.hidden = list.children.length === 0;
  };

  const view = async (account) => {
    errors.clear();
    try {
      const fresh = await api.get(`/api/me/accounts/${segment(account.id)}`);
      infoDialog({ title: t('accounts.detailsTitle'), content: [detailsList(fresh)] });
    } catch (error) {
      showError(errors, error);
    }
  };

  const remove = async (account, row) => {
    errors.clear();
    status.clear();
    const sure = await confirmDialog({
      title: t('accounts.removeTitle'),
      text: t('accounts.removeConfirm', { name: account.name, email: account.email }),
      confirmLabel: t('accounts.removeButton'),
      danger: true,
    });
    if (!sure) return;
    try {
      await api.delete(`/api/me/accounts/${segment(account.id)}`);
      row.remove();
      refreshEmpty();
      status.show(t('accounts.removed', { name: account.name }));
      // The row (and its button) is gone: continue from the list's heading.
      listTitle.focus();
    } catch (error) {
      showError(errors, error);
    }
  };

  const row = (account) => {
    const item = h('li', { class: 'account-row', 'data-account-id': account.id },
      h('div', { class: 'account-main' },
        h('p', { class: 'account-name' }, account.name),
        h('p', { class: 'account-email' }, account.email),
        h('p', { class: 'account-status' },
          h('span', { class: ['badge', `badge-${account.status === 'active' ? 'active' : 'invited'}`] }, statusText(account)))),
      h('div', { class: 'row-actions' },
        iconButton('eye', t('accounts.view', { name: account.name }), () => view(account)),
        iconButton('trash', t('accounts.remove', { name: account.name }), () => remove(account, item))));
    return item;
  };

  const showPage = (page) => {
    replace(more);
    if (page.error) {
      showError(errors, page.error);
      return;
    }
    for (const account of page.items || []) list.append(row(account));
    refreshEmpty();
    if (page.next_token) {
      const loadMore = button(t('accounts.more'), {
        kind: 'secondary', type: 'button',
        on: { click: async () => showPage(await loadAccounts(page.next_token)) },
      });
      more.append(loadMore);
    }
  };

  const add = () => {
    const dialog = createDialog(t('accounts.addTitle'));
    const name = field({ label: t('accounts.name'), name: 'name', autocomplete: 'off', hint: t('accounts.nameHint') });
    const email = field({ label: t('accounts.email'), name: 'email', type: 'email', autocomplete: 'off', spellcheck: false });
    const password = field({
      label: t('accounts.password'), name: 'password', type: 'password', autocomplete: 'current-password',
      hint: t('accounts.passwordHint'),
    });
    const dialogErrors = messageArea('error');
    const submit = async () => {
      dialogErrors.clear();
      if (!validate([name, email, password])) return;
      try {
        const account = await api.post('/api/me/accounts', {
          name: name.input.value.trim(), email: email.input.value.trim(), password: password.input.value,
        });
        if (!list.querySelector(`[data-account-id="${CSS.escape(account.id)}"]`)) list.prepend(row(account));
        refreshEmpty();
        dialog.close();
        status.show(t('accounts.added', { name: account.name, email: account.email }));
      } catch (error) {
        if (error.code === 'invalid_credentials') {
          // Only the password can be wrong here (the generic text also names the e-mail address).
          dialogErrors.clear();
          password.input.value = '';
          password.setError(t('accounts.passwordWrong'));
          password.input.focus();
          return;
        }
        const fields = { name_invalid: name, hidden_characters: name, email_invalid: email, email_not_ascii: email };
        showError(dialogErrors, error, (code) => fields[code] || null);
      }
    };
    const cancel = button(t('dialog.cancel'), { kind: 'secondary', type: 'button', on: { click: () => dialog.close() } });
    dialog.body.append(dialogErrors.element,
      form(submit, name.element, email.element, password.element,
        h('div', { class: 'button-row' }, button(t('accounts.addSubmit')), cancel)));
    dialog.open();
  };

  const addButton = h('button', { type: 'button', class: ['button', 'button-secondary', 'with-icon'], on: { click: add } },
    icon('plus'), t('accounts.add'));

  showPage(firstPage || { items: [] });
  return section('details-accounts', t('accounts.title'),
    h('p', {}, t('accounts.intro')),
    errors.element, status.element,
    h('div', { class: 'list-header' }, listTitle, addButton),
    list, empty, more);
}
