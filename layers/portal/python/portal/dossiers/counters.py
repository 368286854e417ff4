"""Per-party counters for Home: dossiers in progress, dossiers in all, open actions.

``PARTY#<party id> / COUNTS``. Changed in the same TransactWrite as whatever they count, so Home
costs one GetItem however many dossiers a client has.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import DoesNotExist

from portal.dossiers.models import party_key
from portal.platform.db import PortalModel


class PartyCounters(PortalModel):
    dossiers_in_progress = NumberAttribute(default=0)
    dossiers_total = NumberAttribute(default=0)
    actions_open = NumberAttribute(default=0)
    # Payment instructions published to the party (issue 18): Home asks for them only when there are.
    payments = NumberAttribute(null=True)


def counters_key(party_id: str) -> str:
    return party_key(party_id)  # the counts item sits in the party's partition, beside its grants


def counters_item_key(party_id: str) -> tuple[str, str]:
    return counters_key(party_id), "COUNTS"


def shown(found: PartyCounters | None) -> dict[str, int]:
    """The counts as Home shows them: a party with nothing yet has no item, and a count never dips below 0."""
    if found is None:
        return {"dossiers_in_progress": 0, "dossiers_total": 0, "actions_open": 0}
    counts = {
        "dossiers_in_progress": max(0, int(found.dossiers_in_progress)),
        "dossiers_total": max(0, int(found.dossiers_total)),
        "actions_open": max(0, int(found.actions_open)),
    }
    if found.payments:  # only once there is one: the site then shows "Betaalinstructie"
        counts["payments"] = max(0, int(found.payments))
    return counts


def from_raw(raw: dict[str, Any] | None) -> dict[str, int]:
    """The counts from a raw item read along with others in one BatchGetItem (or None: not there)."""
    return shown(PartyCounters.from_raw_data(raw) if raw is not None else None)


def for_party(party_id: str) -> dict[str, int]:
    try:
        return shown(PartyCounters.get(*counters_item_key(party_id)))
    except DoesNotExist:
        return shown(None)


def change_dossier_counts(
    write: Any, party_id: str, *, total: int = 0, in_progress: int = 0, actions_open: int = 0, also: tuple[Any, ...] = ()
) -> None:
    """Within a TransactWrite: move the party's Home counts by these amounts (ADD creates the item);
    ``also``: more update actions on the same item (a transaction may update an item only once)."""
    actions = list(also)
    if actions_open:
        actions.append(PartyCounters.actions_open.add(actions_open))
    if total:
        actions.append(PartyCounters.dossiers_total.add(total))
    if in_progress:
        actions.append(PartyCounters.dossiers_in_progress.add(in_progress))
    if actions:
        write.update(PartyCounters(pk=counters_key(party_id), sk="COUNTS"), actions=actions)
