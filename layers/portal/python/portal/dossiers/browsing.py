"""What a client sees of their dossiers: the list (search, filter), a dossier page, a tab's items.

Each answer costs a constant number of DynamoDB calls, however many dossiers and documents exist:
the list is one query on the party's own partition (grants carry number, description, status and
counts), the dossier page one BatchGetItem (dossier + grant) and the open tab's query, a tab's page one GetItem (the grant)
and one query of the party's views with Limit.

The list reads all of the party's grants and searches, filters and pages them in code: that is
what lets one query answer search, filter, the statuses present and the total together. A grant
is about 300 bytes, so one query page (1 MB) holds some 3,000 dossiers per client; beyond that
the query would take a second call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from portal.accounts.sessions import Principal
from portal.dossiers import progress
from portal.dossiers.authorization import denied, grant_for, require_ids
from portal.dossiers.models import (
    GRANT_PREFIX,
    META,
    TABS,
    DocumentView,
    Dossier,
    Grant,
    dossier_key,
    get_many,
    grant_sk,
    party_key,
    view_prefix,
)
from portal.files import scan
from portal.platform import pages
from portal.platform.errors import Invalid

PAGE_SIZE = 25


def _label(grant: Grant, language: str) -> str:
    return grant.status_en if language == "en" else grant.status_nl


def _unread(grant: Grant) -> dict[str, int]:
    return {tab: max(0, int(getattr(grant, f"unread_{tab}") or 0)) for tab in TABS}


def _row(grant: Grant, language: str) -> dict[str, Any]:
    return {
        "id": grant.dossier_id, "number": grant.number, "description": grant.description,
        "status": grant.status, "status_label": _label(grant, language), "in_progress": bool(grant.in_progress),
        "unread_total": sum(_unread(grant).values()),
    }


def _position(token: str | None) -> tuple[str, str] | None:
    decoded = pages.decode(token)
    after = decoded.get("after") if decoded else None
    if decoded is None:
        return None
    if not (isinstance(after, list) and len(after) == 2 and all(isinstance(v, str) for v in after)):
        raise Invalid("next_token_invalid")
    return after[0], after[1]


def list_dossiers(
    caller: Principal, *, q: str | None = None, status: list[str] | None = None, next_token: str | None = None
) -> dict[str, Any]:
    """The party's dossiers, newest number first, 25 per page.

    ``statuses`` lists the statuses present among all the party's dossiers (the screen offers the
    filter only when there are several); ``total`` is the unfiltered number, so the screen can open
    the one dossier at once when the client has exactly one.
    """
    grants = list(Grant.query(party_key(caller.party_id), Grant.sk.startswith(GRANT_PREFIX), consistent_read=True))
    present: dict[str, dict[str, Any]] = {}
    for grant in grants:
        entry = present.setdefault(grant.status, {
            "key": grant.status, "label": _label(grant, caller.language), "in_progress": bool(grant.in_progress),
            "count": 0,
        })
        entry["count"] += 1
    needle = " ".join((q or "").split()).casefold()
    wanted = {s for s in status or [] if s}
    rows = [
        g for g in grants
        if (not needle or needle in g.number.casefold() or needle in g.description.casefold())
        and (not wanted or g.status in wanted)
    ]
    rows.sort(key=lambda g: (g.number, g.dossier_id), reverse=True)
    after = _position(next_token)
    if after is not None:
        rows = [g for g in rows if (g.number, g.dossier_id) < after]
    page = rows[:PAGE_SIZE]
    more = len(rows) > PAGE_SIZE
    return {
        "items": [_row(g, caller.language) for g in page],
        "statuses": sorted(present.values(), key=lambda s: (not s["in_progress"], s["label"])),
        "total": len(grants),
        "next_token": pages.encode({"after": [page[-1].number, page[-1].dossier_id]}) if more else None,
    }


def dossier_page(caller: Principal, dossier_id: str, *, tab: str | None = None, source_ip: str) -> dict[str, Any]:
    """Header, progress in the caller's language, and each tab's count and unread count; with
    ``tab``, also that tab's first page, so the page opens with one request (three DynamoDB calls
    with the session check: the BatchGetItem that proves the grant, then the tab's query)."""
    return dossier_page_with(caller, dossier_id, tab=tab, source_ip=source_ip)[0]


def dossier_page_with(caller: Principal, dossier_id: str, *, tab: str | None = None, source_ip: str,
                      read_along: Sequence[tuple[str, str]] = ()) -> tuple[dict[str, Any], dict[tuple[str, str], Any]]:
    """:func:`dossier_page`, and the raw items at ``read_along`` (keys of the dossier's other
    concepts, e.g. its appointment) read in the same BatchGetItem, after the grant was proven: the
    packages above compose them into the page without a call of their own."""
    require_ids(caller, source_ip, dossier=dossier_id)
    meta_key, grant_key = (dossier_key(dossier_id), META), (party_key(caller.party_id), grant_sk(dossier_id))
    found = get_many([meta_key, grant_key, *read_along])
    if grant_key not in found or meta_key not in found:
        raise denied(caller, source_ip, dossier=dossier_id)
    grant, dossier = Grant.from_raw_data(found[grant_key]), Dossier.from_raw_data(found[meta_key])
    unread = _unread(grant)
    page = {
        **_row(grant, caller.language),
        "progress": progress.for_client(dossier, caller.language),
        "tabs": {
            tab: {"count": max(0, int(getattr(grant, f"items_{tab}") or 0)), "unread": unread[tab]} for tab in TABS
        },
        "attachment_limits": scan.client_limits(),  # for the message form on the Berichten tab
    }
    if tab is not None and tab != "messages":  # the Berichten tab's page is composed.browsing's
        page["first_page"] = {"tab": tab, **_items_page(caller, dossier_id, tab)}
    return page, {key: found[key] for key in read_along if key in found}


def items(
    caller: Principal, dossier_id: str, tab: str, *, next_token: str | None = None, source_ip: str
) -> dict[str, Any]:
    """A page of a tab's items visible to the caller's party, newest first, with their read marks."""
    grant_for(caller, dossier_id, source_ip=source_ip)
    return _items_page(caller, dossier_id, tab, next_token)


def _items_page(caller: Principal, dossier_id: str, tab: str, next_token: str | None = None) -> dict[str, Any]:
    """A page of the tab's views; the caller's grant on the dossier was checked already."""
    prefix = view_prefix(caller.party_id, tab)
    # The token must point inside the caller's own tab: anything else is not a position we issued.
    start = pages.table_start(next_token, partition=dossier_key(dossier_id), sort_prefix=prefix)
    found = DocumentView.query(
        dossier_key(dossier_id), DocumentView.sk.startswith(prefix), scan_index_forward=False,
        limit=PAGE_SIZE, last_evaluated_key=start, consistent_read=True,
    )
    rows = [
        {
            "id": v.item_id, "title": v.title, "file_name": v.file_name, "content_type": v.content_type,
            "size": int(v.size), "published_at": v.published_at, "read": v.read_at is not None,
        }
        for v in found
    ]
    return {"items": rows, "next_token": pages.encode(found.last_evaluated_key)}
