"""POST /api/session (log in with e-mail and password), DELETE /api/session (log out)."""

from portal.accounts import signin
from portal.accounts.sessions import COOKIE, DEVICE_COOKIE, LOGIN_COOKIE
from portal.platform.callers import CurrentVisitor
from portal.platform.http import Router, handler_for
from portal.platform.types import Line, Secret
from portal.platform.web import cleared, json_response, login_response
from pydantic import BaseModel

router = Router()


class Credentials(BaseModel):
    email: Line
    password: Secret


@router.post("/api/session", summary="Log in", tags=["accounts"])
def login(body: Credentials, visitor: CurrentVisitor):
    result = signin.login(body.email, body.password, source_ip=visitor.source_ip, user_agent=visitor.user_agent,
                          device_cookie=visitor.cookie(DEVICE_COOKIE))
    return login_response(result)


@router.delete("/api/session", summary="Log out", tags=["accounts"], status_code=204)
def logout(visitor: CurrentVisitor):
    signin.logout(visitor.cookie(COOKIE), source_ip=visitor.source_ip)
    return json_response(204, None, [cleared(COOKIE), cleared(LOGIN_COOKIE)])


lambda_handler = handler_for(router, api="client")
