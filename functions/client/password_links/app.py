"""POST /api/password-links (send a set-password link), GET /api/password-links/{token} (check one)."""

from portal.accounts import addresses, links
from portal.platform.callers import CurrentVisitor
from portal.platform.http import Router, handler_for
from portal.platform.types import Email, Token
from portal.platform.web import json_response
from pydantic import BaseModel

router = Router()


class LinkRequest(BaseModel):
    email: Email
    invitation: Token | None = None


@router.post("/api/password-links", summary="Request a set-password link", tags=["accounts"], status_code=202)
def request_link(body: LinkRequest, visitor: CurrentVisitor):
    # An address that cannot have an account is refused before anything is counted or written.
    email = addresses.normalise(body.email)
    links.request_password_link(email, body.invitation, source_ip=visitor.source_ip)
    # The same answer whether or not the address has an account.
    return json_response(202, {"status": "sent"})


@router.get("/api/password-links/<token>", summary="Check a set-password link", tags=["accounts"])
def check(token: Token) -> dict:
    links.inspect(token, links.PASSWORD)
    return {"valid": True}


lambda_handler = handler_for(router, api="client")
