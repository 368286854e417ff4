"""A questionnaire for the client: open it, save a page ("Volgende"), the result, the PDF link."""

from typing import Any

from portal.platform.callers import CurrentCaller
from portal.platform.http import SESSION, Router, handler_for
from portal.questionnaires import filling
from pydantic import BaseModel, Field

router = Router()


class PageAnswers(BaseModel):
    answers: dict[str, Any] = Field(max_length=100)
    version: int = Field(ge=1)


@router.get(
    "/api/questionnaires/<questionnaire_id>", summary="Pages, saved answers and version",
    tags=["questionnaires"], security=SESSION,
)
def show(questionnaire_id: str, caller: CurrentCaller) -> dict:
    return filling.show(caller.principal, questionnaire_id, language=caller.language, source_ip=caller.source_ip)


@router.put(
    "/api/questionnaires/<questionnaire_id>/pages/<number>", summary="Check and save one page",
    tags=["questionnaires"], security=SESSION,
)
def save_page(questionnaire_id: str, number: int, body: PageAnswers, caller: CurrentCaller) -> dict:
    return filling.save_page(
        caller.principal, questionnaire_id, number, body.answers, body.version, source_ip=caller.source_ip
    )


@router.get(
    "/api/questionnaires/<questionnaire_id>/result", summary="The answers as read (overview, result, print)",
    tags=["questionnaires"], security=SESSION,
)
def result(questionnaire_id: str, caller: CurrentCaller) -> dict:
    return filling.result(caller.principal, questionnaire_id, language=caller.language, source_ip=caller.source_ip)


@router.post(
    "/api/questionnaires/<questionnaire_id>/pdf", summary="A download link for the PDF",
    tags=["questionnaires"], security=SESSION,
)
def pdf(questionnaire_id: str, caller: CurrentCaller) -> dict:
    return filling.client_pdf(caller.principal, questionnaire_id, source_ip=caller.source_ip)


lambda_handler = handler_for(router, api="client")
