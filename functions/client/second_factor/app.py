"""POST /api/session/second-factor (the code after the password), .../resend (a new SMS code)."""

from typing import Literal

from portal.accounts import signin
from portal.accounts.sessions import DEVICE_COOKIE, LOGIN_COOKIE
from portal.platform.callers import CurrentVisitor
from portal.platform.http import Router, handler_for
from portal.platform.types import Line
from portal.platform.web import json_response, login_response
from pydantic import BaseModel

router = Router()


class SecondFactor(BaseModel):
    method: Literal["sms", "totp", "recovery"]
    code: Line


@router.post("/api/session/second-factor", summary="Complete a login with the second step", tags=["accounts"])
def second_factor(body: SecondFactor, visitor: CurrentVisitor):
    result = signin.second_factor(
        visitor.cookie(LOGIN_COOKIE), body.method, body.code, source_ip=visitor.source_ip,
        user_agent=visitor.user_agent, device_cookie=visitor.cookie(DEVICE_COOKIE),
    )
    return login_response(result)


@router.post(
    "/api/session/second-factor/resend", summary="Send a new SMS code", tags=["accounts"],
    status_code=202,
)
def resend(visitor: CurrentVisitor):
    signin.resend_sms(visitor.cookie(LOGIN_COOKIE), source_ip=visitor.source_ip)
    return json_response(202, {"status": "code_sent"})


lambda_handler = handler_for(router, api="client")
