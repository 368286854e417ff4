"""Who may see what, decided in the domain from the caller's principal on every request.

A client may read a dossier only while its party holds a grant, and an item only while the party
holds a view of it. Anything else, guessed or copied, is answered exactly like an id that does not
exist (404 not_found), and recorded in the caller's audit trail.
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist

from portal.accounts.sessions import Principal
from portal.audit import trail
from portal.dossiers.models import Grant, grant_sk, is_id, party_key
from portal.platform.errors import NotFound


def denied(caller: Principal, source_ip: str, **detail: Any) -> NotFound:
    """Record the refusal and return the 404 to raise: the answer never tells "exists" from "not yours"."""
    trail.record(
        "access_denied", actor=caller.account_id, subject=caller.account_id, source_ip=source_ip,
        **{k: str(v)[:64] for k, v in detail.items()},
    )
    return NotFound()


def require_ids(caller: Principal, source_ip: str, **named_ids: str) -> None:
    for value in named_ids.values():
        if not is_id(value):
            raise denied(caller, source_ip, **named_ids)


def grant_for(caller: Principal, dossier_id: str, *, source_ip: str) -> Grant:
    """The caller's grant on the dossier, read consistently (a revocation counts at once), or 404."""
    require_ids(caller, source_ip, dossier=dossier_id)
    try:
        return Grant.get(party_key(caller.party_id), grant_sk(dossier_id), consistent_read=True)
    except DoesNotExist:
        raise denied(caller, source_ip, dossier=dossier_id) from None
