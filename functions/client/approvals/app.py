"""Concept-akte ter goedkeuring: the draft up for the caller's approval, Akkoord, Vraag stellen."""

from portal.accounts.web import json_response, principal
from portal.approvals import answering
from portal.platform.http import SESSION, Router, handler_for, source_ip
from portal.platform.types import Line, Text, Token
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
def show(dossier_id: str) -> dict:
    event = router.current_event
    return answering.view(principal(event), dossier_id, source_ip=source_ip(event))


@router.post(
    "/api/dossiers/<dossier_id>/approval/approve", summary="Akkoord with exactly this version",
    tags=["approvals"], security=SESSION,
)
def approve(dossier_id: str, body: Approval) -> dict:
    event = router.current_event
    if not body.confirmed:
        from portal.platform.errors import Invalid

        raise Invalid("validation_failed", detail={"fields": [{"field": "confirmed", "type": "required"}]})
    return answering.approve(principal(event), dossier_id, version_id=body.version_id, sha256=body.sha256,
                             source_ip=source_ip(event))


@router.post(
    "/api/dossiers/<dossier_id>/approval/question", summary="Vraag stellen: a message about this version",
    tags=["approvals"], security=SESSION, status_code=201,
)
def question(dossier_id: str, body: Question):
    event = router.current_event
    asked = answering.ask(principal(event), dossier_id, version_id=body.version_id, body=body.body,
                          idempotency_key=body.idempotency_key, source_ip=source_ip(event))
    return json_response(201, asked)


lambda_handler = handler_for(router, api="client")
