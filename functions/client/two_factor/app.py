"""2-step verification in Mijn gegevens: SMS, authenticator app, turning it off, a new recovery code.

Once 2-step verification is on, every change also carries the current second factor (``code``,
``method``): an app code, or an SMS code asked for with POST /api/me/two-factor/step-up.
"""

from typing import Literal

from portal.accounts import profile, step_up, two_factor
from portal.platform.callers import CurrentCaller
from portal.platform.http import SESSION, Router, handler_for
from portal.platform.types import Line, Secret
from portal.platform.web import json_response
from pydantic import BaseModel

router = Router()


class SecondFactor(BaseModel):
    """The current second factor, needed only while 2-step verification is on."""

    code: Line | None = None
    method: Literal["sms", "totp", "recovery"] | None = None


class SmsSetup(SecondFactor):
    phone: Line
    password: Secret


class Code(BaseModel):
    code: Line


class Password(SecondFactor):
    password: Secret


@router.post(
    "/api/me/two-factor/sms", summary="Send a code to a mobile number", tags=["accounts"],
    security=SESSION, status_code=202,
)
def start_sms(body: SmsSetup, caller: CurrentCaller):
    sent = two_factor.start_sms(caller.principal.account, body.phone, body.password, source_ip=caller.source_ip,
                                code=body.code, method=body.method)
    return json_response(202, sent)


@router.post(
    "/api/me/two-factor/sms/confirm", summary="Confirm the SMS code; shows the recovery code",
    tags=["accounts"], security=SESSION,
)
def confirm_sms(body: Code, caller: CurrentCaller) -> dict:
    return profile.confirm_two_factor(caller.principal.account, "sms", body.code, source_ip=caller.source_ip)


@router.post(
    "/api/me/two-factor/totp", summary="Start setting up an authenticator app", tags=["accounts"],
    security=SESSION,
)
def start_totp(body: Password, caller: CurrentCaller) -> dict:
    return two_factor.start_totp(caller.principal.account, body.password, source_ip=caller.source_ip, code=body.code,
                                 method=body.method)


@router.post(
    "/api/me/two-factor/totp/confirm", summary="Confirm the app's code; shows the recovery code",
    tags=["accounts"], security=SESSION,
)
def confirm_totp(body: Code, caller: CurrentCaller) -> dict:
    return profile.confirm_two_factor(caller.principal.account, "totp", body.code, source_ip=caller.source_ip)


@router.post(
    "/api/me/two-factor/step-up", summary="Text a code to the current phone, to confirm a change",
    tags=["accounts"], security=SESSION, status_code=202,
)
def step_up_code(caller: CurrentCaller):
    return json_response(202, step_up.send_code(caller.principal.account, source_ip=caller.source_ip))


@router.post(
    "/api/me/two-factor/recovery-code",
    summary="A new recovery code, shown once (needs the password and the second factor)", tags=["accounts"],
    security=SESSION,
)
def renew_recovery_code(body: Password, caller: CurrentCaller) -> dict:
    recovery = two_factor.renew_recovery_code(caller.principal.account, body.password, body.code,
                                              source_ip=caller.source_ip, method=body.method)
    return {"recovery_code": recovery}


@router.delete(
    "/api/me/two-factor", summary="Turn 2-step verification off (needs the password and the second factor)",
    tags=["accounts"], security=SESSION,
)
def disable(body: Password, caller: CurrentCaller) -> dict:
    return profile.turn_off_two_factor(caller.principal.account, body.password, source_ip=caller.source_ip,
                                       code=body.code, method=body.method)


lambda_handler = handler_for(router, api="client")
