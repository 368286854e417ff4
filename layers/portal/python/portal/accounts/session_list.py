"""Ingelogde apparaten: a client's live sessions, listed and ended (ASVS 3.3.4).

An account's sessions are one query on its own partition of gsi1 (``SESSIONS#<account>``), sorted
by creation time, so only the sessions young enough to be alive are read (none is older than the
absolute lifetime); idle ones and those of an older session generation are left out as
:func:`portal.accounts.sessions.authenticate` would refuse them. A session is named by its public
id, never by its key (the cookie's hash).

The index is eventually consistent: a session ended a moment ago may still be listed. Ending one
therefore deletes the base item on a condition that it belongs to the caller, so nobody can end
another account's session, whatever the index says. Ending is idempotent: a retry ends what is
left, and what was already ended answers 404 like an unknown id.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pynamodb.exceptions import DeleteError

from portal.accounts.models import Session, sessions_key
from portal.accounts.sessions import Principal, expired, listing_sk
from portal.audit import trail
from portal.platform import clock
from portal.platform.errors import NotFound
from portal.platform.settings import get_settings

LIMIT = 50


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(int(epoch), UTC).isoformat()


def _view(session: Session, current: bool) -> dict[str, Any]:
    return {
        "id": session.id, "browser": session.browser, "os": session.os,
        "created_at": _iso(session.created_at), "last_seen": _iso(session.last_seen), "current": current,
    }


def _live(caller: Principal) -> list[Session]:
    """The caller's live sessions, theirs first: one Query (the caller's own from the session check)."""
    now = clock.epoch()
    oldest = now - get_settings().session_absolute_hours * 3600
    generation = caller.account.session_generation
    found = Session.of_account.query(sessions_key(caller.account_id), Session.gsi1sk > listing_sk(oldest, ""))
    others = [
        s for s in found
        if s.pk != caller.session_key and s.account_id == caller.account_id and s.generation == generation
        and not expired(s, now)
    ]
    # The request's own session as the check just read it: fresher than the index, and there even
    # when the index has not caught up with a login a moment ago.
    mine = [caller.session] if caller.session is not None and caller.session.id else []
    return mine + sorted(others, key=lambda s: s.last_seen, reverse=True)


def list_sessions(caller: Principal) -> dict[str, Any]:
    """The signed-in account's live sessions: the current one first, then the most recently used."""
    return {"items": [_view(s, s.pk == caller.session_key) for s in _live(caller)[:LIMIT]]}


def end_session(caller: Principal, session_id: str, *, source_ip: str) -> bool:
    """End one of the caller's live sessions at once; True when it was the caller's own (log out)."""
    target = next((s for s in _live(caller) if s.id == session_id), None)
    if target is None:
        raise NotFound()
    try:
        Session(pk=target.pk, sk="META").delete(
            condition=(Session.account_id == caller.account_id) & (Session.id == session_id)
        )
    except DeleteError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise NotFound() from None  # ended in the meantime
    current = target.pk == caller.session_key
    trail.record("session_ended", actor=caller.account_id, subject=caller.account_id, source_ip=source_ip,
                 session_id=session_id, current=current)
    return current


def end_others(caller: Principal, *, source_ip: str) -> int:
    """End every live session of the account but the caller's; returns how many ended."""
    others = [s for s in _live(caller) if s.pk != caller.session_key]
    # Keys from the caller's own partition of the index: each is a session of this account.
    with Session.batch_write() as batch:
        for session in others:
            batch.delete(Session(pk=session.pk, sk="META"))
    trail.record("other_sessions_ended", actor=caller.account_id, subject=caller.account_id, source_ip=source_ip,
                 count=len(others))
    return len(others)
