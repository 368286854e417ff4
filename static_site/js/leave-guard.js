// Unsent work on the page (a message being written): leaving it asks first. In the portal (a
// link, Back, Home, another tab) our own dialog asks; closing or reloading the page gets the
// browser's leave-page warning. The work itself is kept as a draft (drafts.js) either way, so an
// accident or an expired session does not cost the text.
import { confirmDialog } from './dialog.js';
import { t } from './i18n.js';

let dirty = null; // () => boolean: whether there is unsent work now
let workAddress = null; // going (back) there is not leaving

/** Guard leaving while isDirty() answers true; one guard at a time (the view on screen, at address). */
export function guardLeaving(isDirty, address = null) {
  dirty = isDirty;
  workAddress = address;
}

/** Stop guarding (sent, discarded, the view left); with an argument only if that guard is the current one. */
export function stopGuarding(isDirty) {
  if (!isDirty || dirty === isDirty) dirty = null;
}

export function hasUnsentWork() {
  return Boolean(dirty && dirty());
}

/** True when the page may be left (for the address `to`): nothing unsent, `to` is the work's own
 * address, or the user chose to leave (the draft stays). */
export async function leaveAllowed(to = null) {
  if (!hasUnsentWork() || (to && to === workAddress)) return true;
  const leave = await confirmDialog({
    title: t('leave.title'), text: t('leave.text'), confirmLabel: t('leave.confirm'),
  });
  if (leave) dirty = null;
  return leave;
}

window.addEventListener('beforeunload', (event) => {
  if (!hasUnsentWork()) return;
  event.preventDefault();
  event.returnValue = ''; // older Chromium shows the warning only with this set
});
