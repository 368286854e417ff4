"""GET /api/me and Mijn gegevens: language, notifications, password."""

from typing import Literal

from portal.accounts.web import json_response, principal, session_cookie
from portal.composed import profile
from portal.platform.http import SESSION, Router, handler_for, source_ip, user_agent
from portal.platform.types import Secret
from pydantic import BaseModel

router = Router()


class Language(BaseModel):
    language: Literal["nl", "en"]


class Notifications(BaseModel):
    documents: bool
    questionnaires: bool
    messages: bool


class PasswordChange(BaseModel):
    current_password: Secret
    new_password: Secret


@router.get(
    "/api/me", summary="The signed-in client, with Home's counts", tags=["accounts"],
    security=SESSION,
)
def me() -> dict:
    return profile.me(principal(router.current_event).account)


@router.put("/api/me/language", summary="Set the language", tags=["accounts"], security=SESSION)
def set_language(body: Language) -> dict:
    caller = principal(router.current_event)
    return profile.set_language(caller.account, body.language, source_ip=source_ip(router.current_event))


@router.put(
    "/api/me/notifications", summary="Set the notification e-mails", tags=["accounts"],
    security=SESSION,
)
def set_notifications(body: Notifications) -> dict:
    caller = principal(router.current_event)
    return profile.set_notifications(
        caller.account, documents=body.documents, questionnaires=body.questionnaires, messages=body.messages,
        source_ip=source_ip(router.current_event),
    )


@router.post(
    "/api/me/password", summary="Change the password (other sessions end)", tags=["accounts"],
    security=SESSION,
)
def change_password(body: PasswordChange):
    event = router.current_event
    caller = principal(event)
    new_cookie = profile.change_password(
        caller.account, body.current_password, body.new_password, source_ip=source_ip(event),
        user_agent=user_agent(event),
    )
    caller.account.refresh()
    return json_response(200, profile.me(caller.account), [session_cookie(new_cookie)])


lambda_handler = handler_for(router, api="client")
