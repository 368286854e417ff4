// The "Berichten" tab (manual 2.1.1.5): incoming messages (the office's icon) and outgoing ones
// ("Aan"), newest first, 25 a page. One click opens a message, which marks it read: the row and
// the tab's unread count change at once. "Nieuw bericht" and "Beantwoorden" open the form in the
// tab; the list stays in memory behind it, so going back costs no call. Each view has its own
// address (…/berichten/<id>, …/berichten/<id>/beantwoorden, …/berichten/nieuw): the dossier page
// hands address changes to route(), so Back and Forward step through them and a link opens them.
import { api, segment } from '../../api.js';
import { dropDraft, loadDraft } from '../../drafts.js';
import { guardLeaving, stopGuarding } from '../../leave-guard.js';
import { h, replace, srOnly } from '../../dom.js';
import { messageArea, showError } from '../../forms.js';
import { formatDateTime, t, tn } from '../../i18n.js';
import { icon } from '../../icons.js';
import { pagedList } from '../../paged-list.js';
// The form (compose.js and its dialog, text field and uploads) and the message view load when
// first shown (import()), not with the dossier page: most visits open neither.
const loadCompose = () => import('./compose.js');
const loadMessageView = () => import('./message-view.js');

const NEW = 'nieuw';
const REPLY = 'beantwoorden';

/** go(hash, {replace}): the app's navigate. */
export function messagesPanel({ dossierId, me, counts, limits, onSent, go }) {
  const base = `#/dossiers/${encodeURIComponent(dossierId)}/berichten`;
  const pathOf = (messageId, action) => `${base}${messageId ? `/${encodeURIComponent(messageId)}` : ''}${action ? `/${action}` : ''}`;
  // The rows on screen by message id (to mark one read when opened) and the messages opened.
  const rows = new Map();
  const opened = new Map();
  let currentPath = base;
  let previousPath = null;
  let composing = null; // the open form's dirty check, guarded while shown
  const errors = messageArea('error');
  const status = messageArea('status');
  const list = h('ul', { class: 'message-list', 'aria-label': t('messages.listLabel') });
  const empty = h('p', { class: 'empty', hidden: true }, t('messages.empty'));
  const more = h('div', { class: 'button-row' });
  const draftNote = h('p', { class: 'draft-note', hidden: true });
  const newButton = h('button', { type: 'button', class: ['button', 'button-primary', 'with-icon'], on: { click: () => go(pathOf(NEW)) } },
    icon('plus'), t('messages.new'));
  const listView = h('div', { class: 'message-list-view' },
    h('div', { class: 'list-toolbar' }, newButton), draftNote, status.element, errors.element, list, empty, more);
  const otherView = h('div', { class: 'message-other-view' });
  const element = h('div', { class: 'messages' }, listView);
  let lastOpened = null;
  let loading = null; // the address of the message or form being fetched or loaded

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
    const open = h('button', { type: 'button', class: 'message-open', on: { click: () => { lastOpened = open; go(pathOf(message.id)); } } },
      h('span', { class: 'message-line' }, who(message), h('span', { class: 'message-date' }, message.created_at ? formatDateTime(message.created_at) : '')),
      h('span', { class: 'message-subject' }, message.subject || '', ' ', badge),
      h('span', { class: 'message-preview' }, message.preview || ''),
      files ? h('span', { class: 'message-files' }, icon('paperclip'), tn('messages.files', files)) : null);
    const item = h('li', { class: ['message-row', message.direction === 'incoming' ? 'is-incoming' : 'is-outgoing', unread ? 'is-unread' : null] }, open);
    rows.set(message.id, { message, item, badge });
    return item;
  }

  // The list leaves the page while a message or the form is shown (kept in memory, so going back
  // costs no call); hidden copies of its texts would confuse find-in-page and assistive tech.
  function show(view) {
    if (composing) stopGuarding(composing);
    composing = view?.isDirty || null;
    if (composing) guardLeaving(composing, currentPath);
    if (view) {
      replace(otherView, view.element);
      element.replaceChildren(otherView);
      view.focus();
    } else {
      otherView.replaceChildren();
      element.replaceChildren(listView);
    }
  }

  /** To a view's address: back in history when that is where the user came from, else a new step. */
  function goTo(path) {
    if (path === previousPath) history.back();
    else go(path);
  }

  function showList() {
    show(null);
    showDraftNote();
    (lastOpened?.isConnected ? lastOpened : newButton).focus();
  }

  // A kept draft is offered above the list, so an expired session or a closed tab does not hide it.
  function showDraftNote() {
    const draft = loadDraft(me.id, dossierId);
    draftNote.hidden = !draft;
    if (!draft) return;
    draftNote.replaceChildren(t('messages.draftKept'), ' ',
      h('a', { href: pathOf(draft.replyTo || NEW, draft.replyTo ? REPLY : null) }, t('messages.draftContinue')));
  }

  async function fetchMessage(messageId) {
    if (opened.has(messageId)) return opened.get(messageId);
    const message = await api.get(`/api/dossiers/${segment(dossierId)}/messages/${segment(messageId)}`);
    opened.set(messageId, message);
    // Opened is read (the API marked it): the row and the tab's count follow without a reload.
    const row = rows.get(messageId);
    if (row && row.message.direction === 'incoming' && !row.message.read) {
      row.message.read = true;
      row.badge.hidden = true;
      row.item.classList.remove('is-unread');
      counts.change('messages', { unread: -1 });
    }
    return message;
  }

  /** Show the view the address names: the list, a message, its reply form or a new message.
   * initial: the page opened on it (a link or reload): nothing in this page's history to go back to. */
  async function route(messageId, action, { initial = false } = {}) {
    const path = pathOf(messageId, action);
    if (path === currentPath && (messageId ? element.contains(otherView) : element.contains(listView))) return;
    if (path === currentPath && path === loading) return; // already on its way (a second click while the form loads)
    previousPath = initial ? null : currentPath;
    currentPath = path;
    errors.clear();
    if (!messageId) {
      showList();
      return;
    }
    status.clear();
    loading = path;
    try {
      await open(messageId, action, path);
    } finally {
      if (loading === path) loading = null;
    }
  }

  async function open(messageId, action, path) {
    if (messageId === NEW) {
      await compose(null, path);
      return;
    }
    const replying = action === REPLY;
    let message;
    let views;
    try {
      // The message and the code that shows it, side by side (both are needed before anything shows).
      [message, views] = await Promise.all([fetchMessage(messageId), replying ? loadCompose() : loadMessageView()]);
      if (replying && message.direction !== 'incoming') views = await loadMessageView(); // only the office's messages get a reply
    } catch (error) {
      show(null);
      showError(errors, error);
      return;
    }
    if (currentPath !== path) return; // the user moved on meanwhile
    if (views.composeView) await compose(message, path, views);
    else show(views.messageView({ dossierId, message, onBack: () => goTo(base), onReply: () => go(pathOf(message.id, REPLY)) }));
  }

  /** path: the address it opens for (the user may have moved on while the form loaded). */
  async function compose(replyTo, path, loaded) {
    let composeView;
    try {
      ({ composeView } = loaded || await loadCompose());
    } catch (error) {
      show(null);
      showError(errors, error);
      return;
    }
    if (currentPath !== path) return;
    const draft = loadDraft(me.id, dossierId);
    show(composeView({
      dossierId, accountId: me.id, officeName: me.office_name, limits, replyTo,
      // The kept draft comes back in the form it was written in (new, or the reply to this message).
      saved: draft && (draft.replyTo || null) === (replyTo?.id || null) ? draft : null,
      onClose: () => goTo(replyTo ? pathOf(replyTo.id) : base),
      onSent: (message, attachmentCount) => {
        list.prepend(row(message));
        list.hidden = false;
        empty.hidden = true;
        counts.change('messages', { count: 1 });
        if (attachmentCount) counts.change('supplied', { count: attachmentCount });
        onSent?.(message);
        dropDraft(me.id, dossierId);
        stopGuarding();
        composing = null;
        go(base, { replace: true });
        status.show(t('messages.sent'));
        newButton.focus();
      },
    }));
  }

  async function loadPage(nextToken) {
    const query = nextToken ? `?next_token=${encodeURIComponent(nextToken)}` : '';
    return api.get(`/api/dossiers/${segment(dossierId)}/messages${query}`);
  }

  const panel = pagedList({ element, list, empty, more, errors, loadPage, row });
  showDraftNote();
  return Object.assign(panel, { route, path: () => currentPath });
}
