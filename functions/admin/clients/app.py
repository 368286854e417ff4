"""Staff: client accounts. Create (sends the invitation), list, show, re-invite, block, unblock."""

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.accounts import admin
from portal.accounts.web import json_response
from portal.platform.http import Router, handler_for, source_ip, staff_actor
from portal.platform.types import Line
from pydantic import BaseModel

router = Router()


class NewClient(BaseModel):
    name: Line
    email: Line
    language: Literal["nl", "en"] = "nl"
    company: Line | None = None


def _who() -> dict:
    event = router.current_event
    return {"actor": staff_actor(event), "source_ip": source_ip(event)}


@router.post(
    "/admin/clients", summary="Create a client account and send the invitation", tags=["clients"],
    status_code=201,
)
def create(body: NewClient):
    created = admin.create_client(name=body.name, email=body.email, language=body.language, company=body.company, **_who())
    return json_response(201, created)


@router.get("/admin/clients", summary="List client accounts", tags=["clients"])
def list_clients(next_token: Annotated[str | None, Query(max_length=2000)] = None) -> dict:
    return admin.list_clients(next_token)


@router.get("/admin/clients/<account_id>", summary="One client account, with its audit trail", tags=["clients"])
def show(account_id: str) -> dict:
    return admin.show_client(account_id)


@router.post("/admin/clients/<account_id>/invitation", summary="Send the invitation again", tags=["clients"])
def invite(account_id: str) -> dict:
    return admin.resend_invitation(account_id, **_who())


@router.post("/admin/clients/<account_id>/block", summary="Block: sessions end at once", tags=["clients"])
def block(account_id: str) -> dict:
    return admin.block(account_id, **_who())


@router.post("/admin/clients/<account_id>/unblock", summary="Unblock", tags=["clients"])
def unblock(account_id: str) -> dict:
    return admin.unblock(account_id, **_who())


lambda_handler = handler_for(router, api="admin")
