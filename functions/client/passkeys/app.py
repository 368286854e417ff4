"""Passkeys: add, list, rename and remove them (Mijn gegevens); sign in with one, alone or after the password.

py_webauthn is imported by the domain only when a ceremony runs (the cold start stays small).
"""

from typing import Any, Literal

from portal.accounts import passkey_login, passkeys, profile
from portal.accounts.sessions import DEVICE_COOKIE, LOGIN_COOKIE
from portal.accounts.signin import LoginResult
from portal.accounts.web import json_response, login_response, principal
from portal.platform.http import SESSION, Router, cookie, handler_for, source_ip, user_agent
from portal.platform.types import Line, Secret
from pydantic import BaseModel

router = Router()


class NewPasskey(BaseModel):
    name: Line
    password: Secret


class Credential(BaseModel):
    """The browser's PublicKeyCredential, JSON-encoded (base64url fields), checked by py_webauthn."""

    credential: dict[str, Any]


class Rename(BaseModel):
    name: Line


class Removal(BaseModel):
    password: Secret
    code: Line | None = None
    method: Literal["sms", "totp", "recovery"] | None = None


@router.get("/api/me/passkeys", summary="The account's passkeys", tags=["accounts"], security=SESSION)
def list_passkeys() -> dict:
    return {"items": passkeys.listing(principal(router.current_event).account)}


@router.post(
    "/api/me/passkeys/options", summary="Start adding a passkey (needs the password)", tags=["accounts"],
    security=SESSION,
)
def registration_options(body: NewPasskey) -> dict:
    caller = principal(router.current_event)
    return passkeys.registration_options(caller.account, body.password, body.name, binding=caller.session_key)


@router.post(
    "/api/me/passkeys", summary="Store the new passkey; a first recovery code, shown once", tags=["accounts"],
    security=SESSION, status_code=201,
)
def add_passkey(body: Credential):
    caller = principal(router.current_event)
    added = passkeys.register(caller.account, body.credential, binding=caller.session_key,
                              source_ip=source_ip(router.current_event))
    return json_response(201, {**added, "me": profile.me(caller.account)})


@router.put("/api/me/passkeys/<passkey_id>", summary="Rename a passkey", tags=["accounts"], security=SESSION)
def rename_passkey(passkey_id: str, body: Rename) -> dict:
    caller = principal(router.current_event)
    return passkeys.rename(caller.account, passkey_id, body.name, source_ip=source_ip(router.current_event))


@router.delete(
    "/api/me/passkeys/<passkey_id>", summary="Remove a passkey (needs the password; the last one a second factor)",
    tags=["accounts"], security=SESSION,
)
def remove_passkey(passkey_id: str, body: Removal) -> dict:
    caller = principal(router.current_event)
    passkeys.remove(caller.account, passkey_id, body.password, code=body.code, method=body.method,
                    source_ip=source_ip(router.current_event))
    return profile.me(caller.account)


@router.post("/api/session/passkey/options", summary="Start signing in with a passkey", tags=["accounts"])
def login_options():
    login_cookie, options = passkey_login.login_options()
    return login_response(LoginResult("passkey", login_cookie=login_cookie, body=options))


@router.post("/api/session/passkey", summary="Sign in with a passkey (both steps at once)", tags=["accounts"])
def login(body: Credential):
    event = router.current_event
    result = passkey_login.login(cookie(event, LOGIN_COOKIE), body.credential, source_ip=source_ip(event),
                                 user_agent=user_agent(event), device_cookie=cookie(event, DEVICE_COOKIE))
    return login_response(result)


@router.post(
    "/api/session/second-factor/passkey/options", summary="After the password: ask for one of the account's passkeys",
    tags=["accounts"],
)
def second_step_options() -> dict:
    return passkey_login.second_step_options(cookie(router.current_event, LOGIN_COOKIE))


@router.post(
    "/api/session/second-factor/passkey", summary="Complete a login with a passkey as the second step",
    tags=["accounts"],
)
def second_step(body: Credential):
    event = router.current_event
    result = passkey_login.second_step(cookie(event, LOGIN_COOKIE), body.credential, source_ip=source_ip(event),
                                       user_agent=user_agent(event), device_cookie=cookie(event, DEVICE_COOKIE))
    return login_response(result)


lambda_handler = handler_for(router, api="client")
