"""Completing a questionnaire ("Afronden"): everything checked, the PDF made and filed, all at once.

The PDF is rendered and put in S3 first (under a key no one refers to yet); then one TransactWrite
marks the questionnaire completed and takes it off the party's open actions, lowers Home's Acties
count, files the PDF as a "Door mij aangeleverd" item of the dossier with the party's view of it,
records the office's notification and the audit entry. If the transaction loses a race the object
is deleted again, so nothing half-done is ever visible.
"""

from __future__ import annotations

import json
from typing import Any

from portal.accounts.sessions import Principal
from portal.activity import recording
from portal.activity.models import QUESTIONNAIRE_COMPLETED
from portal.audit import trail
from portal.dossiers import registry
from portal.dossiers.counters import PartyCounters, counters_key
from portal.notifications import events
from portal.platform import clock, ids
from portal.platform.db import transaction
from portal.platform.errors import Conflict, NotFound
from portal.platform.races import retry_lost_races
from portal.questionnaires import answers, filling, printing, supplied
from portal.questionnaires.access import for_client, load
from portal.questionnaires.actions import dossier_of, title
from portal.questionnaires.models import COMPLETED, Questionnaire
from portal.questionnaires.templates import pinned


def _client_name(caller: Principal) -> str:
    account = caller.account
    return f"{account.name} ({account.company_name})" if account.company_name else account.name


def _check_current(questionnaire: Questionnaire, version: int) -> None:
    if questionnaire.status == COMPLETED:
        raise Conflict("questionnaire_completed")
    if version != int(questionnaire.version):
        raise Conflict("conflict", detail={"version": int(questionnaire.version)})


def _remove_unless_filed(questionnaire_id: str, key: str) -> None:
    """After a failed completion, delete the PDF, unless the transaction did commit after all (a
    lost response, then a retry that found it completed): an orphan costs little, a lost PDF a lot."""
    try:
        filed = load(questionnaire_id).pdf_key == key
    except Exception:  # noqa: BLE001 - cannot tell: keep the object
        return
    if not filed:
        supplied.delete_object(key)


def complete(
    caller: Principal, questionnaire_id: str, version: int, *, language: str, source_ip: str
) -> dict[str, Any]:
    """Check every page, then complete; 422 ``answers_invalid`` (with pages) or 409 as for saving.

    The PDF is in the client's own language (Mijn gegevens); the answer in ``language``, the screen's.
    """
    questionnaire, grant = for_client(caller, questionnaire_id, source_ip=source_ip)
    _check_current(questionnaire, version)
    clean = answers.check_all(pinned(questionnaire.template), json.loads(questionnaire.answers))
    now, pdf_language, name = clock.now(), caller.language, _client_name(caller)
    dossier = dossier_of(questionnaire, grant)
    item_id = ids.new_id()
    file_name = printing.file_name(questionnaire, dossier["number"], pdf_language)
    pdf = printing.pdf_bytes(questionnaire, answers=clean, dossier=dossier, client_name=name, language=pdf_language,
                             completed=now)
    key = supplied.object_key(questionnaire.dossier_id, item_id)
    supplied.put_pdf(key, pdf)

    def attempt() -> None:
        current = load(questionnaire_id)  # again: a save or another completion may have come first
        _check_current(current, version)
        stored_dossier = registry.load(current.dossier_id)
        if current.party_id not in stored_dossier.parties:
            raise NotFound()
        at = now.isoformat()
        document, view = supplied.pdf_item(
            current, item_id=item_id, title=title(current, pdf_language),
            file_name=file_name, s3_key=key, size=len(pdf), at=at, by=caller.account_id,
        )
        label = f"{dossier['number']} {dossier['description']}"
        audit = trail.entry(
            "questionnaire_completed", actor=caller.account_id, subject=current.dossier_id, source_ip=source_ip,
            questionnaire=current.id,
        )
        with transaction() as write:
            write.update(
                current,
                actions=[
                    Questionnaire.status.set(COMPLETED), Questionnaire.answers.set(json.dumps(clean, ensure_ascii=False)),
                    Questionnaire.completed_at.set(at), Questionnaire.completed_by.set(caller.account_id),
                    Questionnaire.client_name.set(name), Questionnaire.updated_at.set(at),
                    Questionnaire.updated_by.set(caller.account_id), Questionnaire.pdf_key.set(key),
                    Questionnaire.pdf_file_name.set(file_name), Questionnaire.pdf_item_id.set(item_id),
                    Questionnaire.gsi2pk.remove(), Questionnaire.gsi2sk.remove(),  # off the open actions
                ],
                condition=Questionnaire.status != COMPLETED,
            )
            write.update(
                PartyCounters(pk=counters_key(current.party_id), sk="COUNTS"),
                actions=[PartyCounters.actions_open.add(-1)],
            )
            supplied.add_to(write, stored_dossier, document, view, at=at)
            # The staff notification, in the same transaction as the news it announces.
            for pending in events.for_staff(
                kind=events.QUESTIONNAIRE_COMPLETED, dossier_id=current.dossier_id, dossier_label=label
            ):
                write.save(pending)
            write.save(audit, condition=type(audit).pk.does_not_exist())
            recording.save_in(write, recording.new(
                QUESTIONNAIRE_COMPLETED, caller, current.dossier_id, questionnaire_id=current.id, document_id=item_id))

    try:
        retry_lost_races(attempt)
    except Exception:
        _remove_unless_filed(questionnaire_id, key)
        raise
    questionnaire.refresh(consistent_read=True)
    return {**filling.rendered_result(questionnaire, grant, language), "pdf_file_name": file_name}

