"""Acties: the party's open questionnaires, shown on every page of the site.

Kept apart from the filling-in code so that the function serving it (called on every page view)
imports no template model, validation or S3 code: one query on the sparse ``ACTIONS#<party>``
index and one batch read of the grants, whatever the number of questionnaires.
"""

from __future__ import annotations

from typing import Any

from portal.accounts.sessions import Principal
from portal.dossiers.models import Grant, get_many, grant_sk, party_key
from portal.platform import pages
from portal.questionnaires.models import Questionnaire, actions_key, dossier_listing_key

PAGE_SIZE = 50


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


def actions(caller: Principal, *, language: str, next_token: str | None = None) -> dict[str, Any]:
    """The party's open questionnaires, soonest due first: one query, one batch read of the grants."""
    found = Questionnaire.open_actions.query(
        actions_key(caller.party_id), limit=PAGE_SIZE, last_evaluated_key=pages.decode(next_token)
    )
    open_ones = list(found)
    grants = get_many([(party_key(caller.party_id), grant_sk(q.dossier_id)) for q in open_ones]) if open_ones else {}
    items = []
    for questionnaire in open_ones:
        raw = grants.get((party_key(caller.party_id), grant_sk(questionnaire.dossier_id)))
        if raw is None:
            continue  # the dossier was taken away from the party: so is its questionnaire
        items.append({
            "id": questionnaire.id,
            "title": title(questionnaire, language),
            "dossier": dossier_of(questionnaire, Grant.from_raw_data(raw)),
            "due_date": questionnaire.due_date,
            "note": questionnaire.note,
            "sent_at": questionnaire.sent_at,
            **progress(questionnaire),
        })
    return {"items": items, "next_token": pages.encode(found.last_evaluated_key)}


def open_in_dossier(dossier_id: str, party_id: str) -> list[Questionnaire]:
    """The party's questionnaires in a dossier that still count as open actions (one query)."""
    found = Questionnaire.of_dossier.query(dossier_listing_key(dossier_id))
    return [q for q in found if q.party_id == party_id and q.gsi2pk]
