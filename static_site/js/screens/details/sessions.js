// Ingelogde apparaten: the user's sessions, each other one can be logged out, or all others at once.
// Loaded only when the user asks (the screen's load stays at GET /api/me and GET /api/me/accounts);
// every open loads the list afresh.
import { api, segment } from '../../api.js';
import { confirmDialog } from '../../dialog.js';
import { h, replace, setAttributes, uid } from '../../dom.js';
import { button, messageArea, showError } from '../../forms.js';
import { formatDateTime, t, tn } from '../../i18n.js';
import { icon } from '../../icons.js';
import { section } from './section.js';

/** "Firefox op Windows"; only the part that is known; "Onbekend apparaat" when neither is. */
export function deviceName({ browser, os }) {
  if (browser && os) return t('sessions.device', { browser, os });
  return browser || os || t('sessions.unknownDevice');
}

/** Marks a button as working: aria-disabled keeps keyboard focus on it, unlike disabled. */
function setBusy(element, busy) {
  element.classList.toggle('is-busy', busy);
  if (busy) element.setAttribute('aria-disabled', 'true');
  else element.removeAttribute('aria-disabled');
}

export function sessionsSection() {
  const errors = messageArea('error');
  const status = messageArea('status');
  const bodyId = uid('sessions');
  const list = h('ul', { class: 'session-list' });
  const loading = h('p', { class: 'loading', hidden: true }, t('app.loading'));
  const endOthersRow = h('div', { class: 'button-row', hidden: true });
  const body = h('div', { id: bodyId, class: 'sessions-body', hidden: true }, loading, list, endOthersRow);
  let busy = false;

  const toggle = button([icon('chevron'), t('sessions.show')], { kind: 'secondary', type: 'button', on: { click: () => (isOpen() ? close() : open()) } });
  toggle.classList.add('with-icon', 'sessions-toggle');
  setAttributes(toggle, { 'aria-expanded': 'false', 'aria-controls': bodyId });

  const element = section('details-sessions', t('sessions.title'),
    h('p', {}, t('sessions.intro')),
    errors.element, status.element,
    h('div', { class: 'button-row' }, toggle),
    body);
  const heading = element.querySelector('h2');
  list.setAttribute('aria-labelledby', heading.id);

  const otherRows = () => [...list.children].filter((item) => item.querySelector('button'));
  const refreshEndOthers = () => {
    endOthersRow.hidden = otherRows().length === 0;
  };

  /** The row is gone: continue at the next (or else previous) row's button, or at the section's heading. */
  const removeRow = (item) => {
    const rows = otherRows();
    const index = rows.indexOf(item);
    const next = rows[index + 1] || rows[index - 1];
    item.remove();
    refreshEndOthers();
    (next?.querySelector('button') || heading).focus();
  };

  const end = async (session, item, endButton) => {
    if (endButton.getAttribute('aria-disabled') === 'true') return;
    errors.clear();
    status.clear();
    setBusy(endButton, true);
    try {
      await api.delete(`/api/me/sessions/${segment(session.id)}`);
      removeRow(item);
      status.show(t('sessions.ended'));
    } catch (error) {
      setBusy(endButton, false);
      if (error.code === 'not_found') {
        removeRow(item);
        status.show(t('sessions.alreadyEnded'));
      } else {
        showError(errors, error);
      }
    }
  };

  const row = (session) => {
    const name = deviceName(session);
    const signedInId = uid('session-signed-in');
    const item = h('li', { class: 'session-row' },
      h('div', { class: 'session-main' },
        h('p', { class: 'session-device' }, h('span', { class: 'session-name' }, name),
          // The space keeps "Windows" and "Dit apparaat" apart when read as one line.
          session.current ? [' ', h('span', { class: 'badge badge-current' }, t('sessions.current'))] : null),
        h('p', { class: 'session-meta', id: signedInId }, t('sessions.signedIn', { date: formatDateTime(session.created_at) })),
        h('p', { class: 'session-meta' }, t('sessions.lastSeen', { date: formatDateTime(session.last_seen) }))));
    if (!session.current) {
      // Named with the device (several "Uitloggen" buttons); the sign-in time tells two alike apart.
      const endButton = button(t('sessions.end'), { kind: 'secondary', type: 'button', on: { click: () => end(session, item, endButton) } });
      setAttributes(endButton, { 'aria-label': t('sessions.endNamed', { device: name }), 'aria-describedby': signedInId });
      item.append(h('div', { class: 'row-actions' }, endButton));
    }
    return item;
  };

  const endOthers = async () => {
    if (endOthersButton.getAttribute('aria-disabled') === 'true') return;
    errors.clear();
    status.clear();
    const sure = await confirmDialog({
      title: t('sessions.endOthersTitle'),
      text: t('sessions.endOthersConfirm'),
      confirmLabel: t('sessions.endOthers'),
      danger: true,
    });
    if (!sure) return;
    setBusy(endOthersButton, true);
    try {
      const answer = await api.post('/api/me/sessions/end-others', {});
      const others = otherRows();
      for (const item of others) item.remove();
      refreshEndOthers();
      status.show(tn('sessions.endedOthers', Number.isInteger(answer?.ended) ? answer.ended : others.length));
      // The button is gone with the other devices: continue at the section's heading.
      heading.focus();
    } catch (error) {
      showError(errors, error);
    } finally {
      setBusy(endOthersButton, false);
    }
  };
  const endOthersButton = button(t('sessions.endOthers'), { kind: 'danger', type: 'button', on: { click: endOthers } });
  endOthersRow.append(endOthersButton);

  function isOpen() {
    return toggle.getAttribute('aria-expanded') === 'true';
  }

  function close() {
    if (busy) return;
    errors.clear();
    status.clear();
    toggle.setAttribute('aria-expanded', 'false');
    body.hidden = true;
  }

  async function open() {
    if (busy) return;
    busy = true;
    errors.clear();
    status.clear();
    replace(list);
    endOthersRow.hidden = true;
    loading.hidden = false;
    body.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    body.setAttribute('aria-busy', 'true');
    setBusy(toggle, true);
    try {
      const answer = await api.get('/api/me/sessions');
      // The current device first, whatever order the server keeps.
      const sessions = [...(answer?.items || [])].sort((a, b) => Number(Boolean(b.current)) - Number(Boolean(a.current)));
      list.append(...sessions.map(row));
      refreshEndOthers();
    } catch (error) {
      toggle.setAttribute('aria-expanded', 'false');
      body.hidden = true;
      showError(errors, error);
    } finally {
      busy = false;
      loading.hidden = true;
      body.removeAttribute('aria-busy');
      setBusy(toggle, false);
    }
  }

  return element;
}
