"""Staff: questionnaires. Send a template to a client in a dossier, list a dossier's, answers, PDF."""

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.platform.callers import CurrentStaff
from portal.platform.http import Router, handler_for
from portal.platform.types import Line, Text
from portal.platform.web import json_response
from portal.questionnaires import staff
from pydantic import BaseModel, Field

router = Router()


class NewQuestionnaire(BaseModel):
    dossier_id: Line
    account_id: Line
    template_id: Line
    template_version: int | None = Field(default=None, ge=1)
    due_date: Line | None = None
    note: Text | None = None


@router.post(
    "/admin/questionnaires", summary="Send a questionnaire to a client in a dossier", tags=["questionnaires"],
    status_code=201,
)
def send(body: NewQuestionnaire, signer: CurrentStaff):
    sent = staff.send(
        dossier_id=body.dossier_id, account_id=body.account_id, template_id=body.template_id,
        template_version=body.template_version, due_date=body.due_date, note=body.note,
        **signer.who,
    )
    return json_response(201, sent)


@router.get("/admin/questionnaires", summary="A dossier's questionnaires and their state", tags=["questionnaires"])
def list_questionnaires(
    dossier_id: Annotated[str, Query(max_length=40)],
    next_token: Annotated[str | None, Query(max_length=2000)] = None,
) -> dict:
    return staff.list_for_dossier(dossier_id, next_token)


@router.get("/admin/questionnaires/<questionnaire_id>/answers", summary="The answers as JSON", tags=["questionnaires"])
def answers(questionnaire_id: str, language: Annotated[Literal["nl", "en"], Query()] = "nl") -> dict:
    return staff.answers(questionnaire_id, language)


@router.post("/admin/questionnaires/<questionnaire_id>/pdf", summary="A download link for the PDF", tags=["questionnaires"])
def pdf(questionnaire_id: str) -> dict:
    return staff.pdf(questionnaire_id)


lambda_handler = handler_for(router, api="admin")
