"""Granting a party access to a dossier (revoking it: :mod:`portal.composed.access`, since the
party's open questionnaires leave with it).

A grant carries the party's view of every document it may see (one ``DocumentView`` each), so a
party granted after documents were published gets views of what is visible to it, with its counts
on the grant.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from portal.audit import trail
from portal.dossiers import registry, statuses
from portal.dossiers.counters import change_dossier_counts
from portal.dossiers.models import (
    ITEM_PREFIX,
    Document,
    DocumentView,
    Dossier,
    Grant,
    dossier_key,
    view_sk,
    views_prefix,
)
from portal.platform import clock
from portal.platform.db import transaction
from portal.platform.errors import Invalid
from portal.platform.races import retry_lost_races


def view_of(document: Document, party_id: str) -> DocumentView:
    return DocumentView(
        pk=dossier_key(document.dossier_id), sk=view_sk(party_id, document.tab, document.id),
        dossier_id=document.dossier_id, item_id=document.id, tab=document.tab, title=document.title,
        file_name=document.file_name, content_type=document.content_type, size=document.size,
        s3_key=document.s3_key, published_at=document.published_at,
    )


def visible_to(document: Document, party_id: str) -> bool:
    return not document.withdrawn and (document.visible_to is None or party_id in document.visible_to)


def clear_views(dossier_id: str, party_id: str) -> None:
    stale = DocumentView.query(dossier_key(dossier_id), DocumentView.sk.startswith(views_prefix(party_id)))
    with DocumentView.batch_write() as batch:
        for view in stale:
            batch.delete(view)


def grant(dossier_id: str, account_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    """Give the account's party access (a company's accounts all share it). Granting twice is a no-op."""
    party = registry.party_of(account_id)

    def attempt() -> None:
        dossier = registry.load(dossier_id)
        if party in dossier.parties:
            return
        if len(dossier.parties) >= registry.MAX_PARTIES:
            raise Invalid("too_many_parties", detail={"max": registry.MAX_PARTIES})
        status = statuses.get(dossier.status)
        # Views first, then the grant: views without a grant are invisible, and the dossier's
        # version makes a document published meanwhile cancel this transaction (and retry).
        clear_views(dossier_id, party)
        documents = [
            d for d in Document.query(dossier_key(dossier_id), Document.sk.startswith(ITEM_PREFIX), consistent_read=True)
            if visible_to(d, party)
        ]
        with DocumentView.batch_write() as batch:
            for document in documents:
                batch.save(view_of(document, party))
        counts = dict(Counter(d.tab for d in documents))
        audit = trail.entry("dossier_granted", actor=actor, subject=dossier_id, source_ip=source_ip, party=party)
        with transaction() as write:
            write.update(
                dossier,
                actions=[Dossier.parties.set([*dossier.parties, party]),
                         Dossier.updated_at.set(clock.now().isoformat())],
            )
            write.save(registry.new_grant(dossier, party, status, counts), condition=Grant.pk.does_not_exist())
            change_dossier_counts(write, party, total=1, in_progress=int(status.in_progress))
            write.save(audit, condition=type(audit).pk.does_not_exist())

    retry_lost_races(attempt)
    return registry.show(dossier_id)
