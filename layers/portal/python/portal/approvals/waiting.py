"""Drafts waiting for a party's answer, for the Acties panel and its count (issue 19).

Each waiting draft is one attribute ``APPROVAL#<dossier id>`` on the party's Home counts item
(``PARTY#<party> / COUNTS``), holding what the panel shows (JSON: the draft's title and version,
the dossier's number and description, the date asked for). GET /api/me already reads that item in
the batch of the questionnaires' grants, so the drafts cost it no DynamoDB call; a party has one
at most per dossier (the current version), so the attributes stay few. They are set and removed
in the same TransactWrite as the approval's own items: put up for approval (or a new version:
set again, the answer is asked anew), Akkoord (removed), no longer named (removed), the party's
access to the dossier revoked (removed, by portal.composed.access).

The dossier's number and description are those of the moment the draft was put up; a top-level
attribute per dossier (not a map) because SET on a path inside a map fails where the map is not
there yet, and the counts item may not be either.
"""

from __future__ import annotations

import json
from typing import Any

from pynamodb.expressions.operand import Path

from portal.dossiers.counters import PartyCounters, counters_key

PREFIX = "APPROVAL#"


def _counts_item(party_id: str) -> PartyCounters:
    return PartyCounters(pk=counters_key(party_id), sk="COUNTS")


def mark(write: Any, party_id: str, *, dossier_id: str, dossier_number: str, dossier_description: str,
         version_id: str, number: int, title: str, respond_by: str | None, requested_at: str) -> None:
    """Within a TransactWrite: this party's answer to this draft is awaited."""
    entry = {"dossier_id": dossier_id, "dossier_number": dossier_number, "dossier_description": dossier_description,
             "version_id": version_id, "number": number, "title": title, "respond_by": respond_by,
             "requested_at": requested_at}
    write.update(_counts_item(party_id), actions=[Path([PREFIX + dossier_id]).set({"S": json.dumps(entry)})])


def removal(dossier_id: str) -> Any:
    """The update action that takes the dossier's draft off a counts item (for a transaction that
    changes that item's counts anyway: one item, one update)."""
    return Path([PREFIX + dossier_id]).remove()


def clear(write: Any, party_id: str, *, dossier_id: str) -> None:
    """Within a TransactWrite: nothing of this dossier awaits this party's answer any more."""
    write.update(_counts_item(party_id), actions=[removal(dossier_id)])


def from_raw(raw: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The waiting drafts in a raw counts item (as BatchGetItem returns it), soonest asked-by first."""
    entries = []
    for name, value in (raw or {}).items():
        if name.startswith(PREFIX) and isinstance(value, dict) and "S" in value:
            try:
                entries.append(json.loads(value["S"]))
            except ValueError:
                continue
    return sorted(entries, key=lambda e: (e.get("respond_by") or "9999-12-31", e.get("requested_at") or ""))


def panel_items(raw: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The Acties entries: "Concept-akte ter goedkeuring", one per dossier, linking to the dossier
    page's approval section. ``kind`` tells the site this is no questionnaire; the site says
    "Concept-akte ter goedkeuring" from its catalog, ``title`` is the document's."""
    return [{
        "kind": "approval",
        "id": entry["dossier_id"],
        "title": entry.get("title"),
        "version": entry.get("number"),
        "version_id": entry.get("version_id"),
        "dossier": {"id": entry["dossier_id"], "number": entry.get("dossier_number"),
                    "description": entry.get("dossier_description")},
        "due_date": entry.get("respond_by"),
        "sent_at": entry.get("requested_at"),
    } for entry in from_raw(raw)]
