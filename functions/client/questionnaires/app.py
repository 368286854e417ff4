"""A questionnaire for the client: open it, save a page ("Volgende"), the result, the PDF link."""

from typing import Any

from portal.accounts.web import principal
from portal.platform.http import SESSION, Router, handler_for, request_language, source_ip
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
def show(questionnaire_id: str) -> dict:
    event = router.current_event
    return filling.show(principal(event), questionnaire_id, language=request_language(event), source_ip=source_ip(event))


@router.put(
    "/api/questionnaires/<questionnaire_id>/pages/<number>", summary="Check and save one page",
    tags=["questionnaires"], security=SESSION,
)
def save_page(questionnaire_id: str, number: int, body: PageAnswers) -> dict:
    event = router.current_event
    return filling.save_page(
        principal(event), questionnaire_id, number, body.answers, body.version, source_ip=source_ip(event)
    )


@router.get(
    "/api/questionnaires/<questionnaire_id>/result", summary="The answers as read (overview, result, print)",
    tags=["questionnaires"], security=SESSION,
)
def result(questionnaire_id: str) -> dict:
    event = router.current_event
    return filling.result(principal(event), questionnaire_id, language=request_language(event), source_ip=source_ip(event))


@router.post(
    "/api/questionnaires/<questionnaire_id>/pdf", summary="A download link for the PDF",
    tags=["questionnaires"], security=SESSION,
)
def pdf(questionnaire_id: str) -> dict:
    event = router.current_event
    return filling.client_pdf(principal(event), questionnaire_id, source_ip=source_ip(event))


lambda_handler = handler_for(router, api="client")
