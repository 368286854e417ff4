"""POST /api/password: set a password with a link's token; logs the client in."""

from portal.accounts import activation
from portal.platform.callers import CurrentVisitor
from portal.platform.http import Router, handler_for
from portal.platform.types import Secret, Token
from portal.platform.web import login_response
from pydantic import BaseModel

router = Router()


class NewPassword(BaseModel):
    token: Token
    password: Secret


@router.post("/api/password", summary="Set a password with a link", tags=["accounts"])
def set_password(body: NewPassword, visitor: CurrentVisitor):
    result = activation.set_password(body.token, body.password, source_ip=visitor.source_ip,
                                     user_agent=visitor.user_agent)
    return login_response(result)


lambda_handler = handler_for(router, api="client")
