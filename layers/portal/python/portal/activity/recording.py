"""Recording what a client did: call :func:`new` and save the item in the SAME TransactWrite as the
action, so a failed action leaves no activity (and no event) and a written one always has both.

    with transaction() as write:
        write.save(message, ...)
        write.save(recording.new(MESSAGE_RECEIVED, caller, dossier_id, message_id=message.id),
                   condition=Activity.pk.does_not_exist())
"""

from __future__ import annotations

from typing import Protocol

from portal.activity.models import KINDS, OPEN, SORT_KEY, Activity, activity_key, partitions
from portal.platform import clock, ids


class Actor(Protocol):
    """Who did it: a signed-in client's Principal (or the portal itself, for "not opened")."""

    party_id: str
    account_id: str


def new(kind: str, caller: Actor, dossier_id: str, **refs: str | int) -> Activity:
    """An unsaved activity item; ``refs`` are ids and short facts (never content)."""
    if kind not in KINDS:
        raise ValueError(f"unknown activity kind {kind!r}")
    ulid = ids.new_id()
    return Activity(
        pk=activity_key(ulid), sk=SORT_KEY, id=ulid, kind=kind, dossier_id=dossier_id, party_id=caller.party_id,
        account_id=caller.account_id, at=clock.now().isoformat(), refs={k: str(v) for k, v in refs.items()},
        gsi1sk=ulid, gsi2sk=ulid, gsi3sk=ulid, **partitions(dossier_id, caller.party_id, OPEN),
    )


def save_in(write: object, item: Activity) -> None:
    """Add the item to a transaction, with the condition that makes its id unique."""
    write.save(item, condition=Activity.pk.does_not_exist())  # type: ignore[attr-defined]
