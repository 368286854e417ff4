"""Acties: the party's open questionnaires, shown on every page of the site.

Kept apart from the filling-in code so that what serves it (GET /api/me on every page view, and
the Acties page) imports no template model, validation or S3 code: one query on the sparse ``ACTIONS#<party>``
index and one batch read of the grants, whatever the number of questionnaires. GET /api/me uses
the same two calls for the frame's panel, with Home's counts read in the same batch.
"""

from __future__ import annotations

from typing import Any

from portal.accounts.sessions import Principal
from portal.dossiers import counters
from portal.dossiers.counters import counters_item_key
from portal.dossiers.models import Grant, get_many, grant_sk, party_key
from portal.platform import pages
from portal.questionnaires.models import Questionnaire, actions_key, dossier_listing_key

PAGE_SIZE = 50
PANEL_SIZE = 5  # the Acties panel beside every page lists this many; the count says how many more


def first_unsaved_page(questionnaire: Questionnaire) -> int | None:
    """Where "Invullen" resumes: the first page never saved, or None when every page was (the overview)."""
    saved = {int(n) for n in questionnaire.saved_pages or []}
    return next((n for n in range(1, int(questionnaire.page_count) + 1) if n not in saved), None)


def title(questionnaire: Questionnaire, language: str) -> str:
    return questionnaire.title_en if language == "en" else questionnaire.title_nl


def dossier_of(questionnaire: Questionnaire, grant: Grant | None) -> dict[str, str]:
    """The dossier as the client knows it now (the grant carries the current description)."""
    if grant is None:
        return {"id": questionnaire.dossier_id, "number": questionnaire.dossier_number,
                "description": questionnaire.dossier_description}
    return {"id": grant.dossier_id, "number": grant.number, "description": grant.description}


def progress(questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "status": questionnaire.status,
        "page_count": int(questionnaire.page_count),
        "saved_pages": sorted(int(n) for n in questionnaire.saved_pages or []),
        "first_unsaved_page": first_unsaved_page(questionnaire),
    }


def _open_page(
    party_id: str, *, language: str, limit: int, start: dict[str, Any] | None = None,
    also: tuple[tuple[str, str], ...] = (),
) -> tuple[list[dict[str, Any]], dict[str, Any] | None, dict[tuple[str, str], dict[str, Any]]]:
    """One page of the party's open questionnaires, soonest due first: one query on the sparse
    index, then one BatchGetItem of their grants together with the ``also`` keys (raw, for the
    caller). A questionnaire whose grant is gone is left out: the dossier was taken away."""
    found = Questionnaire.open_actions.query(actions_key(party_id), limit=limit, last_evaluated_key=start)
    open_ones = list(found)
    keys = [*also, *((party_key(party_id), grant_sk(q.dossier_id)) for q in open_ones)]
    got = get_many(keys) if keys else {}
    items = []
    for questionnaire in open_ones:
        raw = got.get((party_key(party_id), grant_sk(questionnaire.dossier_id)))
        if raw is None:
            continue
        items.append({
            "id": questionnaire.id,
            "title": title(questionnaire, language),
            "dossier": dossier_of(questionnaire, Grant.from_raw_data(raw)),
            "due_date": questionnaire.due_date,
            "note": questionnaire.note,
            "sent_at": questionnaire.sent_at,
            **progress(questionnaire),
        })
    return items, found.last_evaluated_key, got


def actions(caller: Principal, *, language: str, next_token: str | None = None) -> dict[str, Any]:
    """The Acties page: the party's open questionnaires, 50 a page (one query, one batch read)."""
    start = pages.index_start(next_token, index="gsi2", partition=actions_key(caller.party_id))
    items, last, _ = _open_page(caller.party_id, language=language, limit=PAGE_SIZE, start=start)
    return {"items": items, "next_token": pages.encode(last)}


def with_counts(party_id: str, *, language: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """What the frame shows on every page, for GET /api/me: Home's counts and the first open
    questionnaires of the Acties panel. The counts item rides along in the grants' BatchGetItem,
    so the two cost one query and one batch read together."""
    items, raw = with_counts_item(party_id, language=language)
    return items, counters.from_raw(raw)


def with_counts_item(party_id: str, *, language: str) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """As ``with_counts``, with the counts item raw: it carries more than counts (the drafts
    awaiting approval, read by portal.composed.acties)."""
    items, _, got = _open_page(party_id, language=language, limit=PANEL_SIZE, also=(counters_item_key(party_id),))
    return items, got.get(counters_item_key(party_id))


def open_in_dossier(dossier_id: str, party_id: str) -> list[Questionnaire]:
    """The party's questionnaires in a dossier that still count as open actions (one query)."""
    found = Questionnaire.of_dossier.query(dossier_listing_key(dossier_id))
    return [q for q in found if q.party_id == party_id and q.gsi2pk]
