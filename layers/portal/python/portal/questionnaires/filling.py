"""The client's side: opening a questionnaire, saving a page ("Volgende"), the result.

Saving is optimistic: the client sends the ``version`` it loaded, and a save from a tab that has
fallen behind (another tab or device saved meanwhile) is refused with 409 ``conflict`` rather than
silently overwriting answers. Only what a save wrote is kept, so stopping at any time ("Uitloggen",
"Home") loses nothing that was saved, and "Invullen" resumes at the first page not saved yet.
"""

from __future__ import annotations

import json
from typing import Any

from pynamodb.exceptions import UpdateError

from portal.accounts.sessions import Principal
from portal.dossiers.models import Grant
from portal.files import storage
from portal.platform import clock
from portal.platform.errors import Conflict, NotFound, PayloadTooLarge
from portal.questionnaires import answers, display
from portal.questionnaires.access import for_client
from portal.questionnaires.actions import dossier_of, progress
from portal.questionnaires.models import COMPLETED, IN_PROGRESS, Questionnaire
from portal.questionnaires.schema import localized_pages
from portal.questionnaires.templates import pinned

# The answers share one item with the template copy; DynamoDB items stop at 400 KB.
MAX_ANSWERS_BYTES = 200_000


def show(caller: Principal, questionnaire_id: str, *, language: str, source_ip: str) -> dict[str, Any]:
    """Everything the filling-in screen needs: pages in ``language``, saved answers, ``version``."""
    questionnaire, grant = for_client(caller, questionnaire_id, source_ip=source_ip)
    template = pinned(questionnaire.template)
    return {
        "id": questionnaire.id,
        "title": template.title.get(language),
        "description": template.description.get(language) if template.description else None,
        "dossier": dossier_of(questionnaire, grant),
        "due_date": questionnaire.due_date,
        "note": questionnaire.note,
        "version": int(questionnaire.version),
        **progress(questionnaire),
        "completed_at": questionnaire.completed_at,
        "language": language,
        "pages": localized_pages(template, language),
        "answers": json.loads(questionnaire.answers),
    }


def save_page(
    caller: Principal, questionnaire_id: str, number: int, submitted: dict[str, Any], version: int, *, source_ip: str
) -> dict[str, Any]:
    """"Volgende": check page ``number`` and keep its answers; 409 if ``version`` is not the stored one."""
    questionnaire, _ = for_client(caller, questionnaire_id, source_ip=source_ip)
    if questionnaire.status == COMPLETED:
        raise Conflict("questionnaire_completed")
    if not 1 <= number <= int(questionnaire.page_count):
        raise NotFound("page_not_found")
    if version != int(questionnaire.version):
        raise Conflict("conflict", detail={"version": int(questionnaire.version)})
    template = pinned(questionnaire.template)
    saved = json.loads(questionnaire.answers)
    page_answers = answers.check_page(template, number, submitted, saved)
    merged = json.dumps(answers.replace_page(template, number, saved, page_answers), ensure_ascii=False)
    if len(merged.encode("utf-8")) > MAX_ANSWERS_BYTES:
        raise PayloadTooLarge("answers_too_large")
    saved_pages = sorted({int(n) for n in questionnaire.saved_pages or []} | {number})
    try:
        # The item's version is checked by pynamodb: a save that won the race in between makes this fail.
        questionnaire.update(
            actions=[
                Questionnaire.answers.set(merged),
                Questionnaire.saved_pages.set(saved_pages),
                Questionnaire.status.set(IN_PROGRESS),
                Questionnaire.updated_at.set(clock.now().isoformat()),
                Questionnaire.updated_by.set(caller.account_id),
            ],
            condition=Questionnaire.status != COMPLETED,
        )
    except UpdateError:
        raise Conflict("conflict") from None
    return {"id": questionnaire.id, "version": int(questionnaire.version), **progress(questionnaire), "answers": page_answers}


def result(caller: Principal, questionnaire_id: str, *, language: str, source_ip: str) -> dict[str, Any]:
    """The answers as the result (and print) screen shows them; before completion, the overview."""
    questionnaire, grant = for_client(caller, questionnaire_id, source_ip=source_ip)
    return rendered_result(questionnaire, grant, language)


def rendered_result(questionnaire: Questionnaire, grant: Grant | None, language: str) -> dict[str, Any]:
    template = pinned(questionnaire.template)
    return {
        "id": questionnaire.id,
        "title": template.title.get(language),
        "dossier": dossier_of(questionnaire, grant),
        "version": int(questionnaire.version),
        **progress(questionnaire),
        "completed_at": questionnaire.completed_at,
        "completed_by_name": questionnaire.client_name,
        "pdf_available": bool(questionnaire.pdf_key),
        "language": language,
        "pages": display.rendered(template, json.loads(questionnaire.answers), language),
    }


def pdf_link(questionnaire: Questionnaire) -> dict[str, Any]:
    """A presigned download of the completed questionnaire's PDF; 409 before completion."""
    if not questionnaire.pdf_key:
        raise Conflict("questionnaire_not_completed")
    file_name = questionnaire.pdf_file_name or "questionnaire.pdf"
    link = storage.presigned_get(questionnaire.pdf_key, file_name=file_name, content_type="application/pdf")
    return {**link, "file_name": file_name}


def client_pdf(caller: Principal, questionnaire_id: str, *, source_ip: str) -> dict[str, Any]:
    questionnaire, _ = for_client(caller, questionnaire_id, source_ip=source_ip)
    return pdf_link(questionnaire)
