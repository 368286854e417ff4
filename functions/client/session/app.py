"""POST /api/session (log in with e-mail and password), DELETE /api/session (log out)."""

from portal.accounts import signin
from portal.accounts.sessions import COOKIE, DEVICE_COOKIE, LOGIN_COOKIE
from portal.accounts.web import cleared, json_response
from portal.composed.profile import login_response
from portal.platform.http import Router, cookie, handler_for, source_ip, user_agent
from portal.platform.types import Line, Secret
from pydantic import BaseModel

router = Router()


class Credentials(BaseModel):
    email: Line
    password: Secret


@router.post("/api/session", summary="Log in", tags=["accounts"])
def login(body: Credentials):
    event = router.current_event
    result = signin.login(body.email, body.password, source_ip=source_ip(event), user_agent=user_agent(event),
                          device_cookie=cookie(event, DEVICE_COOKIE))
    return login_response(result)


@router.delete("/api/session", summary="Log out", tags=["accounts"], status_code=204)
def logout():
    event = router.current_event
    value = cookie(event, COOKIE)
    account_id = value.split(".", 1)[0] if value and "." in value else None
    signin.logout(value, account_id=account_id, source_ip=source_ip(event))
    return json_response(204, None, [cleared(COOKIE), cleared(LOGIN_COOKIE)])


lambda_handler = handler_for(router, api="client")
