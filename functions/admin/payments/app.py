"""Staff: the office's escrow accounts (two-person changes) and payment instructions per dossier party."""

from datetime import date
from typing import Annotated, Literal

from portal.payments import escrow, instructions
from portal.platform.http import Router, handler_for
from portal.platform.types import Line
from portal.web.callers import CurrentStaff
from portal.web.responses import json_response
from pydantic import BaseModel, Field, StringConstraints

router = Router()

Iban = Annotated[str, StringConstraints(max_length=64)]
Cents = Annotated[int, Field(strict=True, gt=0, le=instructions.MAX_CENTS)]
Reference = Annotated[Line, StringConstraints(min_length=1, max_length=140)]


class EscrowProposalIn(BaseModel):
    action: Literal["add", "change", "retire"]
    iban: Iban
    holder: Line | None = None
    bank: Line | None = None


class InstructionIn(BaseModel):
    amount_cents: Cents
    iban: Iban
    reference: Reference
    due_date: date
    purpose: Annotated[Line, StringConstraints(min_length=1, max_length=200)]


class NewInstruction(InstructionIn):
    party_id: Line


@router.get("/admin/escrow-accounts", summary="The office's escrow accounts and proposals waiting", tags=["payments"])
def registry() -> dict:
    return escrow.registry()


@router.post(
    "/admin/escrow-accounts/proposals", summary="Propose adding, changing or retiring an escrow account",
    tags=["payments"], status_code=201,
)
def propose(body: EscrowProposalIn, signer: CurrentStaff):
    proposal = escrow.propose(body.action, body.iban, holder=body.holder, bank=body.bank, **signer.who)
    return json_response(201, proposal)


@router.post(
    "/admin/escrow-accounts/proposals/<proposal_id>/approve",
    summary="Approve another staff member's escrow-account proposal", tags=["payments"],
)
def approve(proposal_id: str, signer: CurrentStaff) -> dict:
    return escrow.approve(proposal_id, **signer.who)


@router.get("/admin/dossiers/<dossier_id>/payments", summary="A dossier's payment instructions", tags=["payments"])
def list_instructions(dossier_id: str) -> dict:
    return instructions.for_dossier(dossier_id)


@router.post(
    "/admin/dossiers/<dossier_id>/payments", summary="Publish a payment instruction to a party",
    tags=["payments"], status_code=201,
)
def publish(dossier_id: str, body: NewInstruction, signer: CurrentStaff):
    fields = body.model_dump(exclude={"party_id"})
    return json_response(201, instructions.publish(dossier_id, body.party_id, **fields, **signer.who))


@router.post(
    "/admin/dossiers/<dossier_id>/payments/<instruction_id>/changes",
    summary="Propose a change to a published instruction (another staff member approves)", tags=["payments"],
    status_code=201,
)
def propose_change(dossier_id: str, instruction_id: str, body: InstructionIn, signer: CurrentStaff):
    return json_response(201, instructions.propose_change(dossier_id, instruction_id, **body.model_dump(), **signer.who))


@router.post(
    "/admin/dossiers/<dossier_id>/payments/<instruction_id>/changes/approve",
    summary="Approve another staff member's change to an instruction", tags=["payments"],
)
def approve_change(dossier_id: str, instruction_id: str, signer: CurrentStaff) -> dict:
    return instructions.approve_change(dossier_id, instruction_id, **signer.who)


lambda_handler = handler_for(router, api="admin")
