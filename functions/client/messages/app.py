"""The Berichten tab: list, open (marks read), send (idempotent), download an attachment."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.messages import reading, sending
from portal.platform.callers import CurrentCaller
from portal.platform.http import SESSION, Router, handler_for
from portal.platform.types import Token
from portal.platform.web import json_response
from pydantic import BaseModel, Field, StringConstraints

router = Router()
Id = Annotated[str, StringConstraints(max_length=26)]


class NewMessage(BaseModel):
    # Loose bounds here; the domain answers with the precise codes (subject_required, body_too_long...).
    subject: str | None = Field(default=None, max_length=2_000)
    body: str | None = Field(default=None, max_length=100_000)
    in_reply_to: Id | None = None
    attachments: list[Id] = Field(default_factory=list, max_length=100)
    idempotency_key: Token = Field(description="one per message being composed, e.g. crypto.randomUUID()")


@router.get(
    "/api/dossiers/<dossier_id>/messages", summary="My messages in a dossier, newest first",
    tags=["messages"], security=SESSION,
)
def list_messages(
    dossier_id: str, caller: CurrentCaller, next_token: Annotated[str | None, Query(max_length=2000)] = None
) -> dict:
    return reading.list_messages(caller.principal, dossier_id, next_token=next_token, source_ip=caller.source_ip)


@router.get(
    "/api/dossiers/<dossier_id>/messages/<message_id>", summary="Open a message (marks it read)",
    tags=["messages"], security=SESSION,
)
def open_message(dossier_id: str, message_id: str, caller: CurrentCaller) -> dict:
    return reading.open_message(caller.principal, dossier_id, message_id, source_ip=caller.source_ip)


@router.post(
    "/api/dossiers/<dossier_id>/messages", summary="Send a message to the office", tags=["messages"],
    security=SESSION, status_code=201,
)
def send(dossier_id: str, body: NewMessage, caller: CurrentCaller):
    sent = sending.send(
        caller.principal, dossier_id, subject=body.subject, body=body.body, in_reply_to=body.in_reply_to,
        attachments=body.attachments, idempotency_key=body.idempotency_key, source_ip=caller.source_ip,
    )
    return json_response(201, sent)


@router.post(
    "/api/dossiers/<dossier_id>/messages/<message_id>/attachments/<attachment_id>/download",
    summary="A download link of minutes for an attachment", tags=["messages"],
    security=SESSION,
)
def download(dossier_id: str, message_id: str, attachment_id: str, caller: CurrentCaller) -> dict:
    return reading.attachment_link(caller.principal, dossier_id, message_id, attachment_id, source_ip=caller.source_ip)


lambda_handler = handler_for(router, api="client")
