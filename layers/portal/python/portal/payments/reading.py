"""Clients: their instructions on a dossier page and on Home, and the mark that they opened one.

Each read is the session plus at most two calls: the grant (read on every request, so a revoked
dossier's instruction disappears at once) and one query.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pynamodb.exceptions import UpdateError

from portal.accounts.sessions import Principal
from portal.dossiers.authorization import denied, grant_for, require_ids
from portal.dossiers.models import dossier_key, grant_sk, party_key
from portal.payments.models import PaymentInstruction, instruction_sk, party_payments_key
from portal.payments.views import client_view
from portal.platform import clock
from portal.platform.db import batch_get

HOME_LIMIT = 20


def for_dossier(caller: Principal, dossier_id: str, *, source_ip: str) -> dict[str, Any]:
    grant_for(caller, dossier_id, source_ip=source_ip)
    found = PaymentInstruction.query(
        dossier_key(dossier_id), PaymentInstruction.sk.startswith("PAYMENT#"),
        filter_condition=PaymentInstruction.party_id == caller.party_id, consistent_read=True,
    )
    return {"items": [client_view(item) for item in found], "next_token": None}


def for_home(caller: Principal) -> dict[str, Any]:
    """The party's instructions on dossiers it still holds a grant for, newest dossier first."""
    found = home_candidates(caller)
    if not found:
        return {"items": [], "next_token": None}
    granted = {item["sk"]["S"] for item in batch_get([(party_key(caller.party_id), grant_sk(i.dossier_id)) for i in found])}
    return {"items": home_view(found, granted), "next_token": None}


def home_candidates(caller: Principal) -> list[PaymentInstruction]:
    """Home's instructions before the grant check (one query): for :func:`home_view`."""
    return list(PaymentInstruction.by_party.query(party_payments_key(caller.party_id), scan_index_forward=False,
                                                  limit=HOME_LIMIT))


def home_view(found: list[PaymentInstruction], granted: Collection[str]) -> list[dict[str, Any]]:
    """The candidates on dossiers the party still holds a grant for (``granted``: their grant sort keys)."""
    return [client_view(i) for i in found if grant_sk(i.dossier_id) in granted]


def mark_opened(caller: Principal, dossier_id: str, instruction_id: str, version: int, *, source_ip: str) -> None:
    """Record that the client saw ``version`` (staff see whether the current one was opened)."""
    grant_for(caller, dossier_id, source_ip=source_ip)
    require_ids(caller, source_ip, dossier=dossier_id, instruction=instruction_id)
    now = clock.now().isoformat()
    item = PaymentInstruction(pk=dossier_key(dossier_id), sk=instruction_sk(instruction_id))
    try:
        # One conditional write: it exists, it is this party's, the version was published.
        item.update(
            actions=[
                PaymentInstruction.opened_versions.add({int(version)}),
                PaymentInstruction.first_opened_at.set(PaymentInstruction.first_opened_at | now),
                PaymentInstruction.last_opened_at.set(now),
            ],
            condition=PaymentInstruction.pk.exists() & (PaymentInstruction.party_id == caller.party_id)
            & (PaymentInstruction.current >= int(version)),
        )
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise denied(caller, source_ip, dossier=dossier_id, instruction=instruction_id) from None
