"""Passkeys: add, list, rename and remove them (Mijn gegevens); sign in with one, alone or after the password.

py_webauthn is imported by the domain only when a ceremony runs (the cold start stays small).
"""

from typing import Any, Literal

from portal.accounts import passkey_login, passkeys
from portal.accounts.sessions import DEVICE_COOKIE, LOGIN_COOKIE
from portal.accounts.signin import LoginResult
from portal.composed import profile
from portal.composed.profile import login_response
from portal.platform.http import SESSION, Router, handler_for
from portal.platform.types import Line, Secret
from portal.web.callers import CurrentCaller, CurrentVisitor
from portal.web.responses import json_response
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
    method: Literal["sms", "totp", "recovery", "passkey"] | None = None
    # The last passkey may be confirmed with a passkey: the answer to second_factor_needed's passkey_options.
    credential: dict[str, Any] | None = None


@router.get("/api/me/passkeys", summary="The account's passkeys", tags=["accounts"], security=SESSION)
def list_passkeys(caller: CurrentCaller) -> dict:
    return {"items": passkeys.listing(caller.principal.account)}


@router.post(
    "/api/me/passkeys/options", summary="Start adding a passkey (needs the password)", tags=["accounts"],
    security=SESSION,
)
def registration_options(body: NewPasskey, caller: CurrentCaller) -> dict:
    principal = caller.principal
    return passkeys.registration_options(principal.account, body.password, body.name, binding=principal.session_key)


@router.post(
    "/api/me/passkeys", summary="Store the new passkey; a first recovery code, shown once", tags=["accounts"],
    security=SESSION, status_code=201,
)
def add_passkey(body: Credential, caller: CurrentCaller):
    principal = caller.principal
    added = profile.add_passkey(principal.account, body.credential, binding=principal.session_key,
                                source_ip=caller.source_ip)
    return json_response(201, added)


@router.put("/api/me/passkeys/<passkey_id>", summary="Rename a passkey", tags=["accounts"], security=SESSION)
def rename_passkey(passkey_id: str, body: Rename, caller: CurrentCaller) -> dict:
    return passkeys.rename(caller.principal.account, passkey_id, body.name, source_ip=caller.source_ip)


@router.delete(
    "/api/me/passkeys/<passkey_id>", summary="Remove a passkey (needs the password; the last one a second factor)",
    tags=["accounts"], security=SESSION,
)
def remove_passkey(passkey_id: str, body: Removal, caller: CurrentCaller) -> dict:
    principal = caller.principal
    return profile.remove_passkey(principal.account, passkey_id, body.password, code=body.code, method=body.method,
                                  source_ip=caller.source_ip, credential=body.credential,
                                  binding=principal.session_key)


@router.post("/api/session/passkey/options", summary="Start signing in with a passkey", tags=["accounts"])
def login_options():
    login_cookie, options = passkey_login.login_options()
    return login_response(LoginResult("passkey", login_cookie=login_cookie, body=options))


@router.post("/api/session/passkey", summary="Sign in with a passkey (both steps at once)", tags=["accounts"])
def login(body: Credential, visitor: CurrentVisitor):
    result = passkey_login.login(visitor.cookie(LOGIN_COOKIE), body.credential, source_ip=visitor.source_ip,
                                 user_agent=visitor.user_agent, device_cookie=visitor.cookie(DEVICE_COOKIE))
    return login_response(result)


@router.post(
    "/api/session/second-factor/passkey/options", summary="After the password: ask for one of the account's passkeys",
    tags=["accounts"],
)
def second_step_options(visitor: CurrentVisitor) -> dict:
    return passkey_login.second_step_options(visitor.cookie(LOGIN_COOKIE))


@router.post(
    "/api/session/second-factor/passkey", summary="Complete a login with a passkey as the second step",
    tags=["accounts"],
)
def second_step(body: Credential, visitor: CurrentVisitor):
    result = passkey_login.second_step(visitor.cookie(LOGIN_COOKIE), body.credential, source_ip=visitor.source_ip,
                                       user_agent=visitor.user_agent, device_cookie=visitor.cookie(DEVICE_COOKIE))
    return login_response(result)


lambda_handler = handler_for(router, api="client")
