"""Inbox entries for "a client has not opened it for N days" (issue 20), made by the digest job.

Publishing a document or a payment instruction also writes one watch per party that can see it
(``UNOPENED#<ulid> / WATCH``, sparse gsi2 ``UNOPENED#DUE`` / ``<due UTC>#<ulid>``). Each digest run
reads the watches that fell due (one Query a page), reads what each watches in one BatchGetItem
(the party's view's read mark, or the instruction's opened versions) and, per watch, either puts
the inbox's activity item and deletes the watch in one TransactWrite (not opened) or deletes the
watch (opened): constant work per item, whatever the office's size.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pynamodb.attributes import UnicodeAttribute

from portal.activity.models import DOCUMENT_NOT_OPENED, PAYMENT_INSTRUCTION_NOT_OPENED, Activity
from portal.activity.recording import new
from portal.platform import clock, ids
from portal.platform.db import Gsi2, PortalModel, batch_get, transaction
from portal.platform.settings import get_settings

DUE = "UNOPENED#DUE"
WATCH = "WATCH"


class UnopenedWatch(PortalModel):
    kind = UnicodeAttribute()
    dossier_id = UnicodeAttribute()
    party_id = UnicodeAttribute()
    item_id = UnicodeAttribute()
    # The item whose mark tells "opened": the party's document view, or the instruction.
    target_pk = UnicodeAttribute()
    target_sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    due = Gsi2()


def watch(kind: str, *, dossier_id: str, party_id: str, item_id: str, target: tuple[str, str]) -> UnopenedWatch:
    """An unsaved watch, due ``UNOPENED_REMINDER_DAYS`` from now."""
    if kind not in (DOCUMENT_NOT_OPENED, PAYMENT_INSTRUCTION_NOT_OPENED):
        raise ValueError(kind)
    ulid = ids.new_id()
    due = (clock.now() + timedelta(days=get_settings().unopened_reminder_days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return UnopenedWatch(
        pk=f"UNOPENED#{ulid}", sk=WATCH, kind=kind, dossier_id=dossier_id, party_id=party_id, item_id=item_id,
        target_pk=target[0], target_sk=target[1], gsi2pk=DUE, gsi2sk=f"{due}#{ulid}",
    )


def _opened(kind: str, target: dict[str, Any] | None) -> bool:
    if target is None:
        return True  # withdrawn or gone: nothing left to open
    if kind == DOCUMENT_NOT_OPENED:
        return "read_at" in target
    return bool(target.get("opened_versions", {}).get("NS"))


def announce_due(page_size: int = 100) -> int:
    """Turn the watches due now into inbox items; how many entries were made (one page a run)."""
    now = clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    watches = list(UnopenedWatch.due.query(DUE, UnopenedWatch.gsi2sk <= f"{now}#~", limit=page_size))
    if not watches:
        return 0
    found = {(i["pk"]["S"], i["sk"]["S"]): i for i in batch_get([(w.target_pk, w.target_sk) for w in watches])}
    made = 0
    for item in watches:
        opened = _opened(item.kind, found.get((item.target_pk, item.target_sk)))
        with transaction() as write:
            write.delete(item, condition=UnopenedWatch.pk.exists())
            if not opened:
                who = _Party(item.party_id)
                entry = new(item.kind, who, item.dossier_id, document_id=item.item_id) \
                    if item.kind == DOCUMENT_NOT_OPENED else new(item.kind, who, item.dossier_id, instruction_id=item.item_id)
                write.save(entry, condition=Activity.pk.does_not_exist())
        made += 0 if opened else 1
    return made


class _Party:
    """The portal itself as the actor: a party did NOT do something."""

    def __init__(self, party_id: str) -> None:
        self.party_id, self.account_id = party_id, "portal"


