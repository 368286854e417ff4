// A message being written, kept on this device per account and dossier until it is sent or
// discarded: subject, text, the uploads already attached (their ids; the server keeps the files
// pending) and the idempotency key, so that a send retried from a restored draft is still one
// message. In localStorage so that a closed tab or an expired session keeps it; logging out
// removes every draft (a shared computer keeps no one's text).
const PREFIX = 'portal.draft.';
// An older draft's uploads are gone on the server (pending uploads are cleaned up): not restored.
const KEEP_MS = 7 * 24 * 3600 * 1000;

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked: writing works, it is only not kept
  }
}

function keyFor(accountId, dossierId) {
  return `${PREFIX}${accountId}.${dossierId}`;
}

/** The draft for this dossier, or null: {replyTo, subject, body, attachments, key, savedAt}. */
export function loadDraft(accountId, dossierId) {
  try {
    const draft = JSON.parse(storage()?.getItem(keyFor(accountId, dossierId)) || 'null');
    if (!draft || typeof draft.body !== 'string' || Date.now() - Number(draft.savedAt || 0) > KEEP_MS) return null;
    draft.attachments = Array.isArray(draft.attachments) ? draft.attachments : [];
    return draft;
  } catch {
    return null;
  }
}

export function saveDraft(accountId, dossierId, draft) {
  try {
    storage()?.setItem(keyFor(accountId, dossierId), JSON.stringify({ ...draft, savedAt: Date.now() }));
  } catch {
    // Full or blocked: the page still works, the draft is only not kept.
  }
}

export function dropDraft(accountId, dossierId) {
  try {
    storage()?.removeItem(keyFor(accountId, dossierId));
  } catch {
    // nothing kept, nothing to remove
  }
}

/** Logout: no drafts stay behind on the device. */
export function dropAllDrafts() {
  const store = storage();
  if (!store) return;
  try {
    for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
  } catch {
    // as above
  }
}
