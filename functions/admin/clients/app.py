"""Staff: client accounts. Create (sends the invitation), list, show, re-invite, block, unblock;
who holds an e-mail address, and release or move a never-activated extra account a company made."""

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.accounts import admin, holders
from portal.platform.callers import CurrentStaff
from portal.platform.http import Router, handler_for
from portal.platform.types import Email, Line
from portal.platform.web import json_response
from pydantic import BaseModel

router = Router()


class NewClient(BaseModel):
    name: Line
    email: Email
    language: Literal["nl", "en"] = "nl"
    company: Line | None = None


class Move(BaseModel):
    # A company's main account id, or null: the account becomes a person's own account.
    company_account_id: Line | None = None


@router.post(
    "/admin/clients", summary="Create a client account and send the invitation", tags=["clients"],
    status_code=201,
)
def create(body: NewClient, signer: CurrentStaff):
    created = admin.create_client(name=body.name, email=body.email, language=body.language, company=body.company, **signer.who)
    return json_response(201, created)


@router.get("/admin/clients", summary="List client accounts", tags=["clients"])
def list_clients(next_token: Annotated[str | None, Query(max_length=2000)] = None) -> dict:
    return admin.list_clients(next_token)


@router.get("/admin/clients/<account_id>", summary="One client account, with its audit trail", tags=["clients"])
def show(account_id: str) -> dict:
    return admin.show_client(account_id)


@router.post("/admin/clients/<account_id>/invitation", summary="Send the invitation again", tags=["clients"])
def invite(account_id: str, signer: CurrentStaff) -> dict:
    return admin.resend_invitation(account_id, **signer.who)


@router.post("/admin/clients/<account_id>/block", summary="Block: sessions end at once", tags=["clients"])
def block(account_id: str, signer: CurrentStaff) -> dict:
    return admin.block(account_id, **signer.who)


@router.post("/admin/clients/<account_id>/unblock", summary="Unblock", tags=["clients"])
def unblock(account_id: str, signer: CurrentStaff) -> dict:
    return admin.unblock(account_id, **signer.who)


@router.get(
    "/admin/email-addresses", summary="Who holds an e-mail address (company, creator, activated or not)",
    tags=["clients"],
)
def holder(email: Annotated[str, Query(min_length=1, max_length=320)]) -> dict:
    return holders.holder_of(email)


@router.post(
    "/admin/clients/<account_id>/release",
    summary="Release a never-activated extra account: the address is free again", tags=["clients"],
)
def release(account_id: str, signer: CurrentStaff) -> dict:
    return holders.release(account_id, **signer.who)


@router.post(
    "/admin/clients/<account_id>/move",
    summary="Move a never-activated extra account to another company, or to an account of its own",
    tags=["clients"],
)
def move(account_id: str, body: Move, signer: CurrentStaff) -> dict:
    return admin.details(holders.move(account_id, body.company_account_id, **signer.who))


lambda_handler = handler_for(router, api="admin")
