"""What sending a message writes, shared by the client's and the office's side.

A message, its counters, its notification, its audit entry and its idempotency claim go into ONE
TransactWrite: a failure anywhere leaves nothing behind (no message without its notification, no
count without its message), and a second send with the same idempotency key cannot commit,
because the claim it would write already exists. The loser of a race re-reads and answers with the
winner's message.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from portal.dossiers.models import Grant, dossier_key, get_many, grant_sk, party_key, tab_count, tab_unread
from portal.messages.models import Message, SendClaim, message_sk, staff_list_key
from portal.platform import clock, ids
from portal.platform.errors import Conflict
from portal.platform.races import retry_lost_races
from portal.platform.settings import get_settings

CLAIM_HOURS = 24
ATTEMPTS = 3
OFFICE = "STAFF"  # the owner of the office's idempotency keys


def claim_key(owner: str, idempotency_key: str) -> tuple[str, str]:
    """One claim per (sender, key): two clients choosing the same key never collide."""
    return f"SEND#{owner}#{ids.token_hash(idempotency_key)}", "META"


def fingerprint(**request: Any) -> str:
    """What the key promised to send: the same key with other content is a client's bug, refused."""
    return hashlib.sha256(json.dumps(request, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def new_claim(key: tuple[str, str], message: Message, print_: str) -> SendClaim:
    return SendClaim(
        pk=key[0], sk=key[1], message_id=message.id, dossier_id=message.dossier_id, party_id=message.party_id,
        fingerprint=print_, expires_at=clock.epoch() + CLAIM_HOURS * 3600,
    )


def replay(raw_claim: dict[str, Any], print_: str) -> Message:
    """The message an earlier send with this key created."""
    claim = SendClaim.from_raw_data(raw_claim)
    if claim.fingerprint != print_:
        raise Conflict("idempotency_key_reused")
    key = (dossier_key(claim.dossier_id), message_sk(claim.party_id, claim.message_id))
    found = get_many([key])
    if key not in found:  # the claim commits with its message: this cannot happen short of a restore
        raise Conflict()
    return Message.from_raw_data(found[key])


def new_message(dossier_id: str, party_id: str, **fields: Any) -> Message:
    message_id = ids.new_id()
    return Message(
        pk=dossier_key(dossier_id), sk=message_sk(party_id, message_id), id=message_id, dossier_id=dossier_id,
        party_id=party_id, created_at=clock.now().isoformat(),
        gsi1pk=staff_list_key(dossier_id), gsi1sk=message_id, **fields,
    )


def count_message(write: Any, message: Message, *, unread: bool, supplied: int = 0) -> None:
    """Within a TransactWrite: the party's tab counts; fails if the party lost its grant meanwhile."""
    actions = [tab_count("messages").add(1)]
    if unread:
        actions.append(tab_unread("messages").add(1))
    if supplied:
        actions.append(tab_count("supplied").add(supplied))
    write.update(
        Grant(pk=party_key(message.party_id), sk=grant_sk(message.dossier_id)), actions=actions,
        condition=Grant.pk.exists(),
    )


def with_retries(attempt: Callable[[], Message]) -> Message:
    """Run a send; a cancelled transaction (lost race, changed upload, revoked grant) is tried
    again from the reads, which then either find the winner's claim or raise the precise error.
    Any other failure (the service, the network) propagates: nothing was written, and the client
    retries with the same idempotency key."""
    return retry_lost_races(attempt, attempts=ATTEMPTS)


def max_attachments() -> int:
    return get_settings().max_attachments
