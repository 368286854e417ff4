"""Per-party counters for Home: dossiers in progress, dossiers in all, open actions.

``PARTY#<party id> / COUNTS``. Changed in the same TransactWrite as whatever they count, so Home
costs one GetItem however many dossiers a client has.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import DoesNotExist

from portal.platform.db import PortalModel


class PartyCounters(PortalModel):
    dossiers_in_progress = NumberAttribute(default=0)
    dossiers_total = NumberAttribute(default=0)
    actions_open = NumberAttribute(default=0)


def counters_key(party_id: str) -> str:
    return f"PARTY#{party_id}"


def for_party(party_id: str) -> dict[str, int]:
    try:
        found = PartyCounters.get(counters_key(party_id), "COUNTS")
    except DoesNotExist:
        return {"dossiers_in_progress": 0, "dossiers_total": 0, "actions_open": 0}
    return {
        "dossiers_in_progress": max(0, int(found.dossiers_in_progress)),
        "dossiers_total": max(0, int(found.dossiers_total)),
        "actions_open": max(0, int(found.actions_open)),
    }


def change_dossier_counts(
    write: Any, party_id: str, *, total: int = 0, in_progress: int = 0, actions_open: int = 0
) -> None:
    """Within a TransactWrite: move the party's Home counts by these amounts (ADD creates the item)."""
    actions = []
    if actions_open:
        actions.append(PartyCounters.actions_open.add(actions_open))
    if total:
        actions.append(PartyCounters.dossiers_total.add(total))
    if in_progress:
        actions.append(PartyCounters.dossiers_in_progress.add(in_progress))
    if actions:
        write.update(PartyCounters(pk=counters_key(party_id), sk="COUNTS"), actions=actions)
