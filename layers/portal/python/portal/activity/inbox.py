"""The office inbox (staff): pages of activity items, newest first, marked handled, assigned.

A page is one Query per state asked (one for "open" or "handled", two merged for both), each with
``Limit``: the same calls and the same items read whether the office holds two hundred items or
twenty thousand. The dossier and client filters are partitions (``INBOX#DOSSIER#...``,
``INBOX#PARTY#...``); the kind filter, with seven values, is a FilterExpression on the page read,
so a page filtered by kind may hold fewer items than asked while more follow (``next_token``).
"""

from __future__ import annotations

import re
from typing import Any

from pynamodb.exceptions import TransactWriteError

from portal.activity.models import (
    HANDLED,
    OPEN,
    SORT_KEY,
    STATES,
    Activity,
    activity_key,
    dossier_partition,
    partitions,
    party_partition,
    state_partition,
)
from portal.audit import trail
from portal.platform import clock, pages
from portal.platform.db import table_client, transaction
from portal.platform.errors import Conflict, Invalid, NotFound
from portal.platform.settings import get_settings

MAX_LIMIT = 100
_ULID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")


def view(item: Activity) -> dict[str, Any]:
    return {
        "id": item.id, "kind": item.kind, "at": item.at, "dossier_id": item.dossier_id, "party_id": item.party_id,
        "account_id": item.account_id, "refs": item.refs.as_dict() if item.refs else {},
        "state": "handled" if item.handled_at else "open", "handled_at": item.handled_at,
        "handled_by": item.handled_by, "assigned_to": item.assigned_to, "assigned_at": item.assigned_at,
    }


def _before(token: str | None) -> str | None:
    start = pages.decode(token)
    if start is None:
        return None
    before = start.get("before") if set(start) == {"before"} else None
    if not isinstance(before, str) or not _ULID.match(before):
        raise Invalid("next_token_invalid")
    return before


def _query(partition: str, *, index: str, before: str | None, kind: str | None, limit: int) -> tuple[list[Activity], str | None]:
    """One Query: the matching items, and the sort key it stopped at (None when the partition ended)."""
    names = {"#pk": f"{index}pk"}
    values: dict[str, Any] = {":p": {"S": partition}}
    condition = "#pk = :p"
    if before:
        condition += " AND #sk < :b"
        names["#sk"] = f"{index}sk"
        values[":b"] = {"S": before}
    params: dict[str, Any] = {
        "TableName": get_settings().table_name, "IndexName": index, "KeyConditionExpression": condition,
        "ExpressionAttributeNames": names, "ScanIndexForward": False, "Limit": limit,
    }
    if kind:
        params["FilterExpression"] = "#kind = :k"
        names["#kind"] = "kind"
        values[":k"] = {"S": kind}
    params["ExpressionAttributeValues"] = values
    answer = table_client().query(**params)
    last = answer.get("LastEvaluatedKey")
    return [Activity.from_raw_data(i) for i in answer.get("Items", [])], (last[f"{index}sk"]["S"] if last else None)


def page(*, dossier: str | None = None, client: str | None = None, kind: str | None = None,
         state: str | None = None, next_token: str | None = None, limit: int = 50) -> dict[str, Any]:
    """``state``: ``open``, ``handled`` or None (both)."""
    if dossier and client:
        raise Invalid("inbox_filter_conflict")
    limit = max(1, min(int(limit), MAX_LIMIT))
    before = _before(next_token)
    found: list[Activity] = []
    boundary: str | None = None  # every matching item above it has been read, in every partition
    for wanted in ([state.upper()] if state else list(STATES)):
        if dossier:
            partition, index = dossier_partition(dossier, wanted), "gsi2"
        elif client:
            partition, index = party_partition(client, wanted), "gsi3"
        else:
            partition, index = state_partition(wanted), "gsi1"
        items, stopped = _query(partition, index=index, before=before, kind=kind, limit=limit)
        found += items
        if stopped is not None and (boundary is None or stopped > boundary):
            boundary = stopped
    found.sort(key=lambda i: i.id, reverse=True)
    shown = [i for i in found if boundary is None or i.id >= boundary][:limit]
    if len(shown) == limit and len(found) > limit:
        boundary = shown[-1].id
    elif shown and boundary is not None:
        boundary = min(boundary, shown[-1].id)
    return {"items": [view(i) for i in shown], "next_token": pages.encode({"before": boundary}) if boundary else None}


def _load(activity_id: str) -> Activity:
    if not _ULID.match(activity_id or ""):
        raise NotFound("inbox_item_not_found")
    try:
        return Activity.get(activity_key(activity_id), SORT_KEY, consistent_read=True)
    except Activity.DoesNotExist:
        raise NotFound("inbox_item_not_found") from None


def handle(activity_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    """Mark handled (by whom, when): the item leaves the open partitions for the handled ones."""
    item = _load(activity_id)
    if item.handled_at:
        raise Conflict("inbox_item_already_handled")
    now = clock.now().isoformat()
    moved = partitions(item.dossier_id, item.party_id, HANDLED)
    audit = trail.entry("inbox_item_handled", actor=actor, subject=item.dossier_id, source_ip=source_ip,
                        item=item.id, kind=item.kind)
    try:
        with transaction() as write:
            write.update(item, actions=[
                Activity.handled_at.set(now), Activity.handled_by.set(actor), Activity.gsi1pk.set(moved["gsi1pk"]),
                Activity.gsi2pk.set(moved["gsi2pk"]), Activity.gsi3pk.set(moved["gsi3pk"]),
            ], condition=Activity.handled_at.does_not_exist() & (Activity.gsi1pk == state_partition(OPEN)))
            write.save(audit, condition=type(audit).pk.does_not_exist())
    except TransactWriteError:
        raise Conflict("inbox_item_already_handled") from None
    return view(_load(activity_id))


def assign(activity_id: str, staff: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    """Assign to a staff identity (an IAM ARN or a name the office uses); audited."""
    item = _load(activity_id)
    now = clock.now().isoformat()
    audit = trail.entry("inbox_item_assigned", actor=actor, subject=item.dossier_id, source_ip=source_ip,
                        item=item.id, assigned_to=staff)
    with transaction() as write:
        write.update(item, actions=[
            Activity.assigned_to.set(staff), Activity.assigned_at.set(now), Activity.assigned_by.set(actor),
        ], condition=Activity.pk.exists())
        write.save(audit, condition=type(audit).pk.does_not_exist())
    return view(_load(activity_id))
