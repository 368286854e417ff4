"""GET /api/me and Mijn gegevens: language, notifications, password."""

from typing import Literal

from portal.composed import profile
from portal.platform.http import SESSION, Router, handler_for
from portal.platform.types import Secret
from portal.web.callers import CurrentCaller
from portal.web.responses import json_response, session_cookie
from pydantic import BaseModel

router = Router()


class Language(BaseModel):
    language: Literal["nl", "en"]


class Notifications(BaseModel):
    documents: bool
    questionnaires: bool
    messages: bool
    appointments: bool | None = None  # absent: unchanged (the switch came later, issue 19)


class PasswordChange(BaseModel):
    current_password: Secret
    new_password: Secret


@router.get(
    "/api/me", summary="The signed-in client, with Home's counts", tags=["accounts"],
    security=SESSION,
)
def me(caller: CurrentCaller) -> dict:
    return profile.me(caller.principal.account)


@router.put("/api/me/language", summary="Set the language", tags=["accounts"], security=SESSION)
def set_language(body: Language, caller: CurrentCaller) -> dict:
    return profile.set_language(caller.principal.account, body.language, source_ip=caller.source_ip)


@router.put(
    "/api/me/notifications", summary="Set the notification e-mails", tags=["accounts"],
    security=SESSION,
)
def set_notifications(body: Notifications, caller: CurrentCaller) -> dict:
    return profile.set_notifications(
        caller.principal.account, documents=body.documents, questionnaires=body.questionnaires,
        messages=body.messages, appointments=body.appointments, source_ip=caller.source_ip,
    )


@router.post(
    "/api/me/password", summary="Change the password (other sessions end)", tags=["accounts"],
    security=SESSION,
)
def change_password(body: PasswordChange, caller: CurrentCaller):
    changed = profile.new_password(
        caller.principal.account, body.current_password, body.new_password, source_ip=caller.source_ip,
        user_agent=caller.user_agent,
    )
    return json_response(200, changed.me, [session_cookie(changed.session_cookie)])


lambda_handler = handler_for(router, api="client")
