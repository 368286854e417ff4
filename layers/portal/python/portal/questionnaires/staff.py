"""Staff: send a template to a client in a dossier, list a dossier's questionnaires, read answers.

Sending pins the template version: the questionnaire stores its own copy, so a later version of
the template changes nothing for it. The questionnaire, the party's Acties count, the check that
the party is (still) granted the dossier, the client's notification and the audit entry are one
TransactWrite.
"""

from __future__ import annotations

import json
from typing import Any

from pynamodb.exceptions import TransactWriteError

from portal.audit import trail
from portal.dossiers import registry
from portal.dossiers.counters import PartyCounters, counters_key
from portal.dossiers.models import Grant, grant_sk, party_key
from portal.notifications import events
from portal.platform import clock, ids, pages
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Invalid
from portal.questionnaires import checks, display, templates
from portal.questionnaires.access import load
from portal.questionnaires.actions import progress
from portal.questionnaires.filling import pdf_link
from portal.questionnaires.models import (
    NO_DUE_DATE,
    Questionnaire,
    actions_key,
    dossier_listing_key,
    questionnaire_key,
)

PAGE_SIZE = 50
MAX_NOTE = 1000


def summary(questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "id": questionnaire.id,
        "dossier_id": questionnaire.dossier_id,
        "account_id": questionnaire.account_id,
        "party_id": questionnaire.party_id,
        "template": {"id": questionnaire.template_id, "version": int(questionnaire.template_version)},
        "title": {"nl": questionnaire.title_nl, "en": questionnaire.title_en},
        **progress(questionnaire),
        "version": int(questionnaire.version),
        "due_date": questionnaire.due_date,
        "note": questionnaire.note,
        "sent_at": questionnaire.sent_at,
        "sent_by": questionnaire.sent_by,
        "updated_at": questionnaire.updated_at,
        "completed_at": questionnaire.completed_at,
        "completed_by": questionnaire.completed_by,
        "pdf_item_id": questionnaire.pdf_item_id,
    }


def _clean_due(due_date: str | None) -> str | None:
    if due_date is None:
        return None
    clean = checks.iso_date(due_date)
    if clean is None:
        raise Invalid("due_date_invalid", detail={"fields": [{"field": "due_date", "type": "date"}]})
    return clean


def _clean_note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    if len(note) > MAX_NOTE:
        raise Invalid("validation_failed", detail={"fields": [{"field": "note", "type": "string_too_long"}]})
    return note.strip()


def send(
    *, dossier_id: str, account_id: str, template_id: str, template_version: int | None = None,
    due_date: str | None = None, note: str | None = None, actor: str, source_ip: str,
) -> dict[str, Any]:
    """Send a template (its newest version unless one is named) to an account's party in a dossier."""
    due, text = _clean_due(due_date), _clean_note(note)
    party = registry.party_of(account_id)
    dossier = registry.load(dossier_id)
    if party not in dossier.parties:
        raise Conflict("dossier_not_granted")
    stored = templates.load(template_id, template_version)
    template = templates.pinned(stored.body)
    questionnaire_id, now = ids.new_id(), clock.now().isoformat()
    questionnaire = Questionnaire(
        pk=questionnaire_key(questionnaire_id), sk="META", id=questionnaire_id, dossier_id=dossier_id,
        party_id=party, account_id=account_id, template_id=stored.template_id, template_version=int(stored.version),
        template=stored.body, title_nl=template.title.nl, title_en=template.title.en,
        dossier_number=dossier.number, dossier_description=dossier.description, page_count=len(template.pages),
        due_date=due, note=text, sent_at=now, sent_by=actor, updated_at=now,
        gsi1pk=dossier_listing_key(dossier_id), gsi1sk=f"{now}#{questionnaire_id}",
        gsi2pk=actions_key(party), gsi2sk=f"{due or NO_DUE_DATE}#{now}#{questionnaire_id}",
    )
    label = f"{dossier.number} {dossier.description}"
    notices = events.for_parties([party], kind=events.QUESTIONNAIRE, dossier_id=dossier_id, dossier_label=label,
                                 item_id=questionnaire_id)
    audit = trail.entry(
        "questionnaire_sent", actor=actor, subject=dossier_id, source_ip=source_ip,
        questionnaire=questionnaire_id, template=f"{stored.template_id}@{int(stored.version)}", party=party,
    )
    try:
        with transaction() as write:
            write.save(questionnaire, condition=Questionnaire.pk.does_not_exist())
            write.update(
                PartyCounters(pk=counters_key(party), sk="COUNTS"), actions=[PartyCounters.actions_open.add(1)]
            )
            # Revoked between our read and this write? Then nothing is sent.
            write.condition_check(Grant, party_key(party), grant_sk(dossier_id), condition=Grant.pk.exists())
            for pending in notices:
                write.save(pending)
            write.save(audit, condition=type(audit).pk.does_not_exist())
    except TransactWriteError:
        raise Conflict("dossier_not_granted") from None
    return summary(questionnaire)


def list_for_dossier(dossier_id: str, next_token: str | None = None) -> dict[str, Any]:
    registry.load(dossier_id)
    start = pages.index_start(next_token, index="gsi1", partition=dossier_listing_key(dossier_id))
    found = Questionnaire.of_dossier.query(dossier_listing_key(dossier_id), limit=PAGE_SIZE, last_evaluated_key=start)
    items = [summary(q) for q in found]
    return {"items": items, "next_token": pages.encode(found.last_evaluated_key)}


def answers(questionnaire_id: str, language: str = "nl") -> dict[str, Any]:
    """The answers as stored (``answers``, keyed by question id) and as read (``pages``, in ``language``)."""
    questionnaire = load(questionnaire_id)
    template = templates.pinned(questionnaire.template)
    stored = json.loads(questionnaire.answers)
    return {
        **summary(questionnaire),
        "language": language,
        "answers": stored,
        "pages": display.rendered(template, stored, language),
    }


def pdf(questionnaire_id: str) -> dict[str, Any]:
    return pdf_link(load(questionnaire_id))
