"""Concept-akte ter goedkeuring: the draft up for the caller's approval, Akkoord, Vraag stellen."""

from portal.approvals import answering
from portal.platform.http import SESSION, Router, handler_for
from portal.platform.types import Line, Text, Token
from portal.web.callers import CurrentCaller
from portal.web.responses import json_response
from pydantic import BaseModel, Field

router = Router()


class Approval(BaseModel):
    version_id: Line
    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$")
    confirmed: bool = Field(description="Ik heb de concept-akte gelezen en ga akkoord met deze versie")


class Question(BaseModel):
    version_id: Line
    body: Text
    idempotency_key: Token


@router.get(
    "/api/dossiers/<dossier_id>/approval", summary="The draft deed up for my approval (or null)",
    tags=["approvals"], security=SESSION,
)
def show(dossier_id: str, caller: CurrentCaller) -> dict:
    return answering.view(caller.principal, dossier_id, source_ip=caller.source_ip)


@router.post(
    "/api/dossiers/<dossier_id>/approval/approve", summary="Akkoord with exactly this version",
    tags=["approvals"], security=SESSION,
)
def approve(dossier_id: str, body: Approval, caller: CurrentCaller) -> dict:
    return answering.approve(caller.principal, dossier_id, version_id=body.version_id, sha256=body.sha256,
                             confirmed=body.confirmed, source_ip=caller.source_ip)


@router.post(
    "/api/dossiers/<dossier_id>/approval/question", summary="Vraag stellen: a message about this version",
    tags=["approvals"], security=SESSION, status_code=201,
)
def question(dossier_id: str, body: Question, caller: CurrentCaller):
    asked = answering.ask(caller.principal, dossier_id, version_id=body.version_id, body=body.body,
                          idempotency_key=body.idempotency_key, source_ip=caller.source_ip)
    return json_response(201, asked)


lambda_handler = handler_for(router, api="client")
