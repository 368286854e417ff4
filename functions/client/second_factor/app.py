"""POST /api/session/second-factor (the code after the password), .../resend (a new SMS code)."""

from typing import Literal

from portal.accounts import signin
from portal.accounts.sessions import DEVICE_COOKIE, LOGIN_COOKIE
from portal.accounts.web import json_response
from portal.composed.profile import login_response
from portal.platform.http import Router, cookie, handler_for, source_ip, user_agent
from portal.platform.types import Line
from pydantic import BaseModel

router = Router()


class SecondFactor(BaseModel):
    method: Literal["sms", "totp", "recovery"]
    code: Line


@router.post("/api/session/second-factor", summary="Complete a login with the second step", tags=["accounts"])
def second_factor(body: SecondFactor):
    event = router.current_event
    result = signin.second_factor(cookie(event, LOGIN_COOKIE), body.method, body.code, source_ip=source_ip(event),
                                  user_agent=user_agent(event), device_cookie=cookie(event, DEVICE_COOKIE))
    return login_response(result)


@router.post(
    "/api/session/second-factor/resend", summary="Send a new SMS code", tags=["accounts"],
    status_code=202,
)
def resend():
    event = router.current_event
    signin.resend_sms(cookie(event, LOGIN_COOKIE), source_ip=source_ip(event))
    return json_response(202, {"status": "code_sent"})


lambda_handler = handler_for(router, api="client")
