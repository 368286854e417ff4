"""Extra accounts of a company (main account only): list, add, view, remove."""

from portal.accounts import company
from portal.platform.callers import CurrentCaller
from portal.platform.http import SESSION, Router, handler_for
from portal.platform.types import Email, Line, Secret
from portal.platform.web import json_response
from pydantic import BaseModel

router = Router()


class NewAccount(BaseModel):
    name: Line
    email: Email
    # The main account's password again: a session alone (left open, or stolen) cannot add accounts.
    password: Secret


@router.get("/api/me/accounts", summary="The company's extra accounts", tags=["accounts"], security=SESSION)
def list_accounts(caller: CurrentCaller) -> dict:
    return {"items": company.list_extra(caller.principal), "next_token": None}


@router.post(
    "/api/me/accounts",
    summary="Add an extra account (it gets its own invitation); asks for the main account's password",
    description="Answers 201 with the same shape whether or not the address already has an account: "
    "the holder of a known address gets a notice instead of an invitation, and nothing is re-assigned.",
    tags=["accounts"],
    security=SESSION, status_code=201,
)
def add_account(body: NewAccount, caller: CurrentCaller):
    added = company.add_extra(caller.principal, body.name, body.email, body.password, source_ip=caller.source_ip)
    return json_response(201, added)


@router.get("/api/me/accounts/<account_id>", summary="One extra account", tags=["accounts"], security=SESSION)
def show_account(account_id: str, caller: CurrentCaller) -> dict:
    return company.show_extra(caller.principal, account_id)


@router.delete(
    "/api/me/accounts/<account_id>", summary="Remove an extra account", tags=["accounts"],
    security=SESSION, status_code=204,
)
def remove_account(account_id: str, caller: CurrentCaller):
    company.remove_extra(caller.principal, account_id, source_ip=caller.source_ip)
    return json_response(204, None)


lambda_handler = handler_for(router, api="client")
