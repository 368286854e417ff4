"""Staff: dossiers. Create, list, show, change, grant and revoke access, set and tick off progress."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.dossiers import access, progress, registry
from portal.platform.callers import CurrentStaff
from portal.platform.http import Router, handler_for
from portal.platform.types import Line
from portal.platform.web import json_response
from pydantic import BaseModel, Field

router = Router()


class NewDossier(BaseModel):
    number: Line
    description: Line
    status: Line | None = None
    grant: list[Line] = Field(default_factory=list, max_length=40)


class DossierChange(BaseModel):
    description: Line | None = None
    status: Line | None = None


class NewGrant(BaseModel):
    account_id: Line


class StepIn(BaseModel):
    title_nl: Line
    title_en: Line
    done: bool = False


class Steps(BaseModel):
    steps: list[StepIn] = Field(max_length=progress.MAX_STEPS)


@router.post(
    "/admin/dossiers", summary="Create a dossier and grant access to accounts", tags=["dossiers"],
    status_code=201,
)
def create(body: NewDossier, signer: CurrentStaff):
    created = registry.create(
        number=body.number, description=body.description, status=body.status, grant=body.grant, **signer.who
    )
    return json_response(201, created)


@router.get("/admin/dossiers", summary="List dossiers (newest first), or find one by number", tags=["dossiers"])
def list_dossiers(
    next_token: Annotated[str | None, Query(max_length=2000)] = None,
    number: Annotated[str | None, Query(max_length=60)] = None,
) -> dict:
    return registry.list_dossiers(next_token, number=number)


@router.get("/admin/dossiers/<dossier_id>", summary="A dossier: parties, progress, audit trail", tags=["dossiers"])
def show(dossier_id: str) -> dict:
    return registry.show(dossier_id)


@router.patch("/admin/dossiers/<dossier_id>", summary="Change description and/or status", tags=["dossiers"])
def update(dossier_id: str, body: DossierChange, signer: CurrentStaff) -> dict:
    return registry.update(dossier_id, description=body.description, status=body.status, **signer.who)


@router.post("/admin/dossiers/<dossier_id>/grants", summary="Grant an account's party access", tags=["dossiers"])
def grant(dossier_id: str, body: NewGrant, signer: CurrentStaff) -> dict:
    return access.grant(dossier_id, body.account_id, **signer.who)


@router.delete(
    "/admin/dossiers/<dossier_id>/grants/<account_id>", summary="Revoke the account's party's access", tags=["dossiers"]
)
def revoke(dossier_id: str, account_id: str, signer: CurrentStaff) -> dict:
    return access.revoke(dossier_id, account_id, **signer.who)


@router.put("/admin/dossiers/<dossier_id>/progress", summary="Set the progress list", tags=["dossiers"])
def set_progress(dossier_id: str, body: Steps, signer: CurrentStaff) -> dict:
    return progress.set_steps(dossier_id, [s.model_dump() for s in body.steps], **signer.who)


@router.post(
    "/admin/dossiers/<dossier_id>/progress/<step>/done", summary="Mark a step done (numbered from 1)", tags=["dossiers"]
)
def step_done(dossier_id: str, step: int, signer: CurrentStaff) -> dict:
    return progress.mark_done(dossier_id, step, **signer.who)


lambda_handler = handler_for(router, api="admin")
