"""Staff: a dossier's messages. Send to a client, list, show, download an attachment, mark handled."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.messages import office
from portal.platform.callers import CurrentStaff
from portal.platform.http import Router, handler_for
from portal.platform.types import Line, Token
from portal.platform.web import json_response
from pydantic import BaseModel, Field

router = Router()


class StaffAttachment(BaseModel):
    upload_key: Line = Field(description="from POST /admin/dossiers/{dossier_id}/uploads, after the file was posted")
    file_name: Line


class StaffMessage(BaseModel):
    to: Line = Field(description="the account id of the client addressed; the whole party sees it")
    subject: str | None = Field(default=None, max_length=2_000)
    body: str | None = Field(default=None, max_length=100_000)
    attachments: list[StaffAttachment] = Field(default_factory=list, max_length=100)
    in_reply_to: Line | None = None
    idempotency_key: Token | None = None


@router.post(
    "/admin/dossiers/<dossier_id>/messages", summary="Send a message to a client", tags=["messages"],
    status_code=201,
)
def send(dossier_id: str, body: StaffMessage, signer: CurrentStaff):
    sent = office.send(
        dossier_id, to=body.to, subject=body.subject, body=body.body,
        attachments=[a.model_dump() for a in body.attachments], in_reply_to=body.in_reply_to,
        idempotency_key=body.idempotency_key, **signer.who,
    )
    return json_response(201, sent)


@router.get("/admin/dossiers/<dossier_id>/messages", summary="The dossier's messages, newest first", tags=["messages"])
def list_messages(dossier_id: str, next_token: Annotated[str | None, Query(max_length=2000)] = None) -> dict:
    return office.list_messages(dossier_id, next_token)


@router.get("/admin/dossiers/<dossier_id>/messages/<message_id>", summary="One message", tags=["messages"])
def show(dossier_id: str, message_id: str) -> dict:
    return office.show(dossier_id, message_id)


@router.get(
    "/admin/dossiers/<dossier_id>/messages/<message_id>/attachments/<attachment_id>",
    summary="A download link of minutes for an attachment", tags=["messages"],
)
def download(dossier_id: str, message_id: str, attachment_id: str, signer: CurrentStaff) -> dict:
    return office.attachment_link(dossier_id, message_id, attachment_id, **signer.who)


@router.post(
    "/admin/dossiers/<dossier_id>/messages/<message_id>/handled", summary="Mark a client's message handled",
    tags=["messages"],
)
def handled(dossier_id: str, message_id: str, signer: CurrentStaff) -> dict:
    return office.mark_handled(dossier_id, message_id, **signer.who)


lambda_handler = handler_for(router, api="admin")
