"""The Acties panel and its count, as GET /api/me carries them: the open questionnaires
(questionnaires) and the drafts awaiting the party's approval (approvals, issue 19).

Both come from the same two DynamoDB calls (the sparse ``ACTIONS#<party>`` query and one batch read
of the grants with the counts item, which carries the waiting drafts), so Me stays constant.
"""

from __future__ import annotations

from typing import Any

from portal.approvals import waiting
from portal.dossiers import counters
from portal.questionnaires.actions import with_counts_item


def panel(party_id: str, *, language: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The panel's entries (waiting drafts first: a signing waits on them) and Home's counts, with
    ``actions_open`` counting both and ``approvals_waiting`` the drafts alone."""
    questionnaires, raw = with_counts_item(party_id, language=language)
    drafts = waiting.panel_items(raw)
    counts = counters.from_raw(raw)
    counts["approvals_waiting"] = len(drafts)
    counts["actions_open"] += len(drafts)
    return [*drafts, *questionnaires], counts
