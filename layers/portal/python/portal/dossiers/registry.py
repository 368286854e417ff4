"""Staff operations on dossiers: create, list, show, change description and status.

Description and status are copied onto every grant, and the status decides Home's "in
behandeling" count: a change reaches the dossier, its grants and the parties' counters in one
TransactWrite, so no client ever sees a half-applied change.
"""

from __future__ import annotations

import re
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from portal.accounts.lookup import by_id
from portal.accounts.models import REMOVED, Account, account_key
from portal.audit import trail
from portal.dossiers import statuses
from portal.dossiers.counters import change_dossier_counts
from portal.dossiers.models import (
    META,
    Dossier,
    DossierNumberClaim,
    Grant,
    dossier_key,
    grant_sk,
    is_id,
    number_claim_key,
    party_key,
)
from portal.dossiers.statuses import Status
from portal.platform import clock, ids, pages
from portal.platform.characters import refuse_hidden
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Invalid, NotFound
from portal.platform.races import retry_lost_races

PAGE_SIZE = 50
# Every change to a dossier reaches all its grants in one transaction (at most 100 writes).
MAX_PARTIES = 20
_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./_ -]{0,39}$")


def clean_number(number: str) -> str:
    cleaned = " ".join((number or "").split())
    if not _NUMBER.fullmatch(cleaned):
        raise Invalid("dossier_number_invalid", detail={"fields": [{"field": "number", "type": "dossier_number"}]})
    return cleaned


def clean_text(value: str, field: str, limit: int = 200) -> str:
    cleaned = " ".join((value or "").split())
    if not cleaned or len(cleaned) > limit or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise Invalid("validation_failed", detail={"fields": [{"field": field, "type": "text"}]})
    refuse_hidden(value, field)  # titles and descriptions are shown to clients
    return cleaned


def load(dossier_id: str) -> Dossier:
    if not is_id(dossier_id):
        raise NotFound()
    try:
        return Dossier.get(dossier_key(dossier_id), META, consistent_read=True)
    except DoesNotExist:
        raise NotFound() from None


def party_of(account_id: str, *, for_grant: bool = True) -> str:
    """The party an account sees dossiers as: itself, or its company's main account."""
    if not is_id(account_id):
        raise NotFound("account_not_found")
    try:
        account = by_id(account_id)
    except NotFound:
        raise NotFound("account_not_found") from None
    if for_grant and account.status == REMOVED:
        raise Conflict("account_not_active")
    return account.party_id


def parties_of(account_ids: list[str]) -> list[str]:
    parties = list(dict.fromkeys(party_of(a) for a in account_ids))
    if len(parties) > MAX_PARTIES:
        raise Invalid("too_many_parties", detail={"max": MAX_PARTIES})
    return parties


def new_grant(dossier: Dossier, party_id: str, status: Status, counts: dict[str, int] | None = None) -> Grant:
    counts = counts or {}
    return Grant(
        pk=party_key(party_id), sk=grant_sk(dossier.id), dossier_id=dossier.id, number=dossier.number,
        description=dossier.description, status=status.key, status_nl=status.label_nl, status_en=status.label_en,
        in_progress=status.in_progress, granted_at=clock.now().isoformat(),
        **{f"items_{tab}": n for tab, n in counts.items()}, **{f"unread_{tab}": n for tab, n in counts.items()},
    )


def create(
    *, number: str, description: str, status: str | None = None, grant: list[str], actor: str, source_ip: str
) -> dict[str, Any]:
    number, description = clean_number(number), clean_text(description, "description")
    chosen = statuses.get(status or statuses.DEFAULT_STATUS)
    parties = parties_of(grant)
    dossier_id, now = ids.new_id(), clock.now().isoformat()
    dossier = Dossier(
        pk=dossier_key(dossier_id), sk=META, id=dossier_id, number=number, description=description,
        status=chosen.key, steps=[], parties=parties, created_at=now, updated_at=now,
        gsi2pk="DOSSIERS", gsi2sk=f"{now}#{dossier_id}",
    )
    claim = DossierNumberClaim(pk=number_claim_key(number), sk="CLAIM", dossier_id=dossier_id)
    audit = trail.entry("dossier_created", actor=actor, subject=dossier_id, source_ip=source_ip, number=number)
    try:
        with transaction() as write:
            write.save(claim, condition=DossierNumberClaim.pk.does_not_exist())
            write.save(dossier, condition=Dossier.pk.does_not_exist())
            for party in parties:
                write.save(new_grant(dossier, party, chosen), condition=Grant.pk.does_not_exist())
                change_dossier_counts(write, party, total=1, in_progress=int(chosen.in_progress))
            write.save(audit, condition=type(audit).pk.does_not_exist())
    except TransactWriteError:
        taken = DossierNumberClaim.count(claim.pk, DossierNumberClaim.sk == "CLAIM", consistent_read=True)
        raise Conflict("dossier_number_taken" if taken else "conflict") from None
    return show(dossier_id)


def update(
    dossier_id: str, *, description: str | None = None, status: str | None = None, actor: str, source_ip: str
) -> dict[str, Any]:
    new_description = clean_text(description, "description") if description is not None else None
    new_status = statuses.get(status) if status is not None else None

    def attempt() -> None:
        dossier = load(dossier_id)
        old = statuses.get(dossier.status)
        target = new_status or old
        text = new_description if new_description is not None else dossier.description
        moved = int(target.in_progress) - int(old.in_progress)
        audit = trail.entry(
            "dossier_updated", actor=actor, subject=dossier_id, source_ip=source_ip, status=target.key,
            description_changed=text != dossier.description,
        )
        with transaction() as write:
            write.update(
                dossier,
                actions=[Dossier.description.set(text), Dossier.status.set(target.key),
                         Dossier.updated_at.set(clock.now().isoformat())],
            )
            for party in dossier.parties:
                write.update(
                    Grant(pk=party_key(party), sk=grant_sk(dossier_id)),
                    actions=[Grant.description.set(text), Grant.status.set(target.key),
                             Grant.status_nl.set(target.label_nl), Grant.status_en.set(target.label_en),
                             Grant.in_progress.set(target.in_progress)],
                    condition=Grant.pk.exists(),
                )
                change_dossier_counts(write, party, in_progress=moved)
            write.save(audit, condition=type(audit).pk.does_not_exist())

    retry_lost_races(attempt)
    return show(dossier_id)


def summary(dossier: Dossier, known: dict[str, Status] | None = None) -> dict[str, Any]:
    status = (known or {}).get(dossier.status) or statuses.get(dossier.status)
    steps = dossier.steps or []
    return {
        "id": dossier.id, "number": dossier.number, "description": dossier.description,
        "status": status.key, "status_label": {"nl": status.label_nl, "en": status.label_en},
        "in_progress": status.in_progress,
        "progress": {"done": sum(1 for s in steps if s.done), "total": len(steps)},
        "parties": list(dossier.parties or []), "created_at": dossier.created_at, "updated_at": dossier.updated_at,
    }


def show(dossier_id: str) -> dict[str, Any]:
    dossier = load(dossier_id)
    names = {}
    if dossier.parties:
        for account in Account.batch_get([(account_key(p), "META") for p in dossier.parties]):
            names[account.id] = account.company_name or account.name
    return {
        **summary(dossier),
        "parties": [{"party_id": p, "name": names.get(p)} for p in dossier.parties],
        "steps": [{"title_nl": s.title_nl, "title_en": s.title_en, "done": bool(s.done)} for s in dossier.steps or []],
        "audit": trail.history(dossier_id, limit=50),
    }


def list_dossiers(next_token: str | None = None, number: str | None = None) -> dict[str, Any]:
    if number:
        try:
            claim = DossierNumberClaim.get(number_claim_key(clean_number(number)), "CLAIM")
        except DoesNotExist:
            return {"items": [], "next_token": None}
        return {"items": [summary(load(claim.dossier_id))], "next_token": None}
    start = pages.index_start(next_token, index="gsi2", partition="DOSSIERS")
    found = Dossier.listing.query("DOSSIERS", scan_index_forward=False, limit=PAGE_SIZE, last_evaluated_key=start)
    known = {s.key: s for s in statuses.all_statuses()}
    items = [summary(d, known) for d in found]
    return {"items": items, "next_token": pages.encode(found.last_evaluated_key)}
