"""GET /api/payments (Home), GET /api/dossiers/{id}/payments, POST .../{instruction_id}/opened, and the
public POST /api/iban-checks ("is this an account of the office?", no login, throttled)."""

from typing import Annotated

from portal.payments import check, reading
from portal.platform.http import SESSION, Router, handler_for
from portal.web.callers import CurrentCaller, CurrentVisitor
from portal.web.responses import json_response
from pydantic import BaseModel, Field, StringConstraints

router = Router()


class Opened(BaseModel):
    version: Annotated[int, Field(strict=True, ge=1, le=10_000)]


class IbanCheck(BaseModel):
    iban: Annotated[str, StringConstraints(max_length=64)]


@router.get("/api/payments", summary="My payment instructions (Home)", tags=["payments"], security=SESSION)
def home(caller: CurrentCaller) -> dict:
    return reading.for_home(caller.principal)


@router.get(
    "/api/dossiers/<dossier_id>/payments", summary="My payment instructions in a dossier", tags=["payments"],
    security=SESSION,
)
def in_dossier(dossier_id: str, caller: CurrentCaller) -> dict:
    return reading.for_dossier(caller.principal, dossier_id, source_ip=caller.source_ip)


@router.post(
    "/api/dossiers/<dossier_id>/payments/<instruction_id>/opened",
    summary="Mark that I saw this version of the instruction", tags=["payments"], security=SESSION, status_code=204,
)
def opened(dossier_id: str, instruction_id: str, body: Opened, caller: CurrentCaller):
    reading.mark_opened(caller.principal, dossier_id, instruction_id, body.version, source_ip=caller.source_ip)
    return json_response(204, None)


@router.post("/api/iban-checks", summary="Is this account number one of the office's? (no login)", tags=["payments"])
def iban_check(body: IbanCheck, visitor: CurrentVisitor) -> dict:
    return check.check(body.iban, source_ip=visitor.source_ip)


lambda_handler = handler_for(router, api="client")
