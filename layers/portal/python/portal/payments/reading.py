"""Clients: their instructions on a dossier page and on Home, and the mark that they opened one.

Each read is the session plus at most two calls: the grant (read on every request, so a revoked
dossier's instruction disappears at once) and one query.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pynamodb.exceptions import TransactWriteError

from portal.accounts.sessions import Principal
from portal.activity import recording
from portal.activity.models import PAYMENT_INSTRUCTION_OPENED
from portal.dossiers.authorization import denied, grant_for, require_ids
from portal.dossiers.models import dossier_key, grant_sk, party_key
from portal.payments.models import PaymentInstruction, instruction_sk, party_payments_key
from portal.payments.views import client_view
from portal.platform import clock
from portal.platform.db import batch_get, transaction

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
    actions = [
        PaymentInstruction.opened_versions.add({int(version)}),
        PaymentInstruction.first_opened_at.set(PaymentInstruction.first_opened_at | now),
        PaymentInstruction.last_opened_at.set(now),
    ]
    # One conditional write: it exists, it is this party's, the version was published.
    allowed = (PaymentInstruction.pk.exists() & (PaymentInstruction.party_id == caller.party_id)
               & (PaymentInstruction.current >= int(version)))
    try:
        # The first open of this version: the mark and the office inbox's entry in one transaction.
        # A version opened before is not marked again (the site asks once per version), so
        # ``last_opened_at`` is when the newest version was first opened.
        with transaction() as write:
            write.update(item, actions=actions,
                         condition=allowed & ~PaymentInstruction.opened_versions.contains(int(version)),
                         return_values="ALL_OLD")
            recording.save_in(write, recording.new(
                PAYMENT_INSTRUCTION_OPENED, caller, dossier_id, instruction_id=instruction_id, version=int(version)))
    except TransactWriteError as error:
        # pynamodb sends puts before updates: the instruction's reason is the one with its old image.
        old = next((r.raw_item for r in error.cancellation_reasons or [] if r is not None and r.raw_item), None)
        if old is not None and _opened_before(PaymentInstruction.from_raw_data(old), caller.party_id, int(version)):
            return
        raise denied(caller, source_ip, dossier=dossier_id, instruction=instruction_id) from None


def _opened_before(found: PaymentInstruction, party_id: str, version: int) -> bool:
    """The one refusal that is not a refusal: this party's instruction, whose version it opened before."""
    return found.party_id == party_id and int(found.current) >= version and version in (found.opened_versions or set())
