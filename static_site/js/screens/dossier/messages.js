// The "Berichten" tab (manual 2.1.1.5): incoming messages (the office's icon) and outgoing ones
// ("Aan"), newest first, 25 a page. One click opens a message, which marks it read: the row and
// the tab's unread count change at once. "Nieuw bericht" and "Beantwoorden" open the form in the
// tab; the list stays in memory behind it, so going back costs no call.
import { api, segment } from '../../api.js';
import { h, replace, srOnly } from '../../dom.js';
import { messageArea, showError } from '../../forms.js';
import { formatDateTime, t, tn } from '../../i18n.js';
import { icon } from '../../icons.js';
import { pagedList } from '../../paged-list.js';
import { composeView } from './compose.js';
import { messageView } from './message-view.js';

export function messagesPanel({ dossierId, me, counts, limits, onSent }) {
  const errors = messageArea('error');
  const status = messageArea('status');
  const list = h('ul', { class: 'message-list', 'aria-label': t('messages.listLabel') });
  const empty = h('p', { class: 'empty', hidden: true }, t('messages.empty'));
  const more = h('div', { class: 'button-row' });
  const newButton = h('button', { type: 'button', class: ['button', 'button-primary', 'with-icon'], on: { click: () => compose(null) } },
    icon('plus'), t('messages.new'));
  const listView = h('div', { class: 'message-list-view' },
    h('div', { class: 'list-toolbar' }, newButton), status.element, errors.element, list, empty, more);
  const otherView = h('div', { class: 'message-other-view' });
  const element = h('div', { class: 'messages' }, listView);
  let lastOpened = null;

  function who(message) {
    if (message.direction === 'incoming') {
      return h('span', { class: 'message-who' }, icon('office'), srOnly(`${t('message.from')}: `), message.from_name || '');
    }
    return h('span', { class: 'message-who' }, h('strong', {}, t('message.to')), ' ', message.to_name || '');
  }

  function row(message) {
    const unread = message.direction === 'incoming' && !message.read;
    const badge = h('span', { class: 'badge badge-unread' }, t('dossier.unread'));
    badge.hidden = !unread;
    const files = (message.attachments || []).length;
    const open = h('button', { type: 'button', class: 'message-open', on: { click: () => openMessage(message, item, badge, open) } },
      h('span', { class: 'message-line' }, who(message), h('span', { class: 'message-date' }, message.created_at ? formatDateTime(message.created_at) : '')),
      h('span', { class: 'message-subject' }, message.subject || '', ' ', badge),
      h('span', { class: 'message-preview' }, message.preview || ''),
      files ? h('span', { class: 'message-files' }, icon('paperclip'), tn('messages.files', files)) : null);
    const item = h('li', { class: ['message-row', message.direction === 'incoming' ? 'is-incoming' : 'is-outgoing', unread ? 'is-unread' : null] }, open);
    return item;
  }

  // The list leaves the page while a message or the form is shown (kept in memory, so going back
  // costs no call); hidden copies of its texts would confuse find-in-page and assistive tech.
  function show(view) {
    if (view) {
      replace(otherView, view.element);
      element.replaceChildren(otherView);
      view.focus();
    } else {
      otherView.replaceChildren();
      element.replaceChildren(listView);
    }
  }

  function backToList() {
    show(null);
    (lastOpened?.isConnected ? lastOpened : newButton).focus();
  }

  async function openMessage(row, item, badge, control) {
    errors.clear();
    status.clear();
    lastOpened = control;
    let message;
    try {
      message = await api.get(`/api/dossiers/${segment(dossierId)}/messages/${segment(row.id)}`);
    } catch (error) {
      showError(errors, error);
      return;
    }
    // Opened is read (the API marked it): the row and the tab's count follow without a reload.
    if (row.direction === 'incoming' && !row.read) {
      row.read = true;
      badge.hidden = true;
      item.classList.remove('is-unread');
      counts.change('messages', { unread: -1 });
    }
    show(messageView({ dossierId, message, onBack: backToList, onReply: (original) => compose(original) }));
  }

  function compose(replyTo) {
    errors.clear();
    status.clear();
    show(composeView({
      dossierId, officeName: me.office_name, limits, replyTo,
      onClose: () => (replyTo ? openAgain(replyTo) : backToList()),
      onSent: (message, attachmentCount) => {
        list.prepend(row(message));
        list.hidden = false;
        empty.hidden = true;
        counts.change('messages', { count: 1 });
        if (attachmentCount) counts.change('supplied', { count: attachmentCount });
        onSent?.(message);
        show(null);
        status.show(t('messages.sent'));
        newButton.focus();
      },
    }));
  }

  // "Annuleer" on a reply returns to the message it answered (already read: no count changes).
  function openAgain(message) {
    show(messageView({ dossierId, message, onBack: backToList, onReply: (original) => compose(original) }));
  }

  async function loadPage(nextToken) {
    const query = nextToken ? `?next_token=${encodeURIComponent(nextToken)}` : '';
    return api.get(`/api/dossiers/${segment(dossierId)}/messages${query}`);
  }

  return pagedList({ element, list, empty, more, errors, loadPage, row });
}
