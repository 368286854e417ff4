"""Scenarios of the passkey endpoints (issue 17): each answered by a software authenticator
(tests/support/authenticator.py, keys from ``cryptography``), checked by py_webauthn as in AWS.

The accounts are the scenarios' own, made once per world: one with a passkey that signs in (its
sign count grows with every measured login), one that collects the passkeys added, one whose
passkeys are removed (never its last: removing the last asks for the recovery code).
"""

from __future__ import annotations

from typing import Any

from benchmarks.dataset import PASSWORD, World, active, site_headers
from benchmarks.inprocess import SITE, Request
from benchmarks.scenarios import scenario


def _device(world: World) -> Any:
    """The world's passkey account and its authenticator, registered through the domain once."""
    if "passkey" not in world.state:
        from portal.accounts import passkeys
        from portal.accounts.lookup import by_id

        from tests.support.authenticator import SoftAuthenticator

        account = active(name="Klant passkey", prefix="passkey")
        device = SoftAuthenticator(origin=SITE)
        options = passkeys.registration_options(account, PASSWORD, "iPhone", binding="SESSION#bench")
        added = passkeys.register(by_id(account.id), device.create(options), binding="SESSION#bench", source_ip="-")
        world.state["passkey"] = (account, device, added["passkey"]["id"])
    return world.state["passkey"]


def _session_key(headers: dict[str, str]) -> str:
    from portal.platform import ids

    return f"SESSION#{ids.token_hash(headers['Cookie'].split('=', 1)[1])}"


def _pending(account: Any) -> str:
    """A login waiting for its passkey, as ``signin._begin_second_factor`` leaves it."""
    from portal.accounts import signin
    from portal.accounts.models import PendingLogin
    from portal.platform import clock, ids

    value, now = ids.new_token(), clock.epoch()
    PendingLogin(pk=signin._key(value), sk="META", account_id=account.id, method="passkey", attempts=0,
                 valid_until=now + signin.PENDING_LOGIN_SECONDS, expires_at=now + signin.PENDING_LOGIN_SECONDS + 3600).save()
    return value


def _login_headers(value: str) -> dict[str, str]:
    return {"Cookie": f"__Host-portal_login={value}", **site_headers()}


@scenario("GET", "/api/me/passkeys")
def listing(world: World) -> Request:
    account, _, _ = _device(world)
    return Request("GET", "/api/me/passkeys", headers=world.headers(account))


@scenario("POST", "/api/me/passkeys/options", heavy=1)
def registration_options(world: World) -> Request:
    account, _, _ = _device(world)
    return Request("POST", "/api/me/passkeys/options", headers=world.headers(account),
                   body={"name": "MacBook", "password": PASSWORD})


@scenario("POST", "/api/me/passkeys")
def register(world: World) -> Request:
    from portal.accounts import passkeys

    from tests.support.authenticator import SoftAuthenticator, b64url

    if "passkey_adder" not in world.state:
        world.state["passkey_adder"] = active(name="Klant passkeys erbij", prefix="passkeyadd")
    account = world.state["passkey_adder"]
    headers = world.headers(account, fresh=True)
    challenge = passkeys.new_challenge(_session_key(headers), "register", account_id=account.id, name="Laptop")
    options = {"rp": {"id": passkeys.rp_id()}, "user": {"id": b64url(account.id.encode())}, "challenge": b64url(challenge)}
    return Request("POST", "/api/me/passkeys", headers=headers,
                   body={"credential": SoftAuthenticator(origin=SITE).create(options)}, expect=201)


@scenario("PUT", "/api/me/passkeys/{passkey_id}")
def rename(world: World) -> Request:
    account, _, passkey_id = _device(world)
    return Request("PUT", "/api/me/passkeys/{passkey_id}", {"passkey_id": passkey_id}, headers=world.headers(account),
                   body={"name": "iPhone van Anna"})


@scenario("DELETE", "/api/me/passkeys/{passkey_id}", heavy=1)
def remove(world: World) -> Request:
    from portal.accounts.models import Account
    from portal.accounts.passkey_models import Passkey, passkey_key, passkeys_of
    from portal.platform import ids

    if "passkey_remover" not in world.state:
        world.state["passkey_remover"] = active(name="Klant passkeys eraf", prefix="passkeydel")
    account = world.state["passkey_remover"]
    credential_id = ids.new_token()
    Passkey(pk=passkey_key(credential_id), sk="META", account_id=account.id, name="Oud", public_key="AA",
            created_at="2026-01-01T00:00:00+00:00", gsi1pk=passkeys_of(account.id), gsi1sk=credential_id).save()
    account.update(actions=[Account.passkey_count.add(2)])  # never the last one: the password is enough
    return Request("DELETE", "/api/me/passkeys/{passkey_id}", {"passkey_id": credential_id},
                   headers=world.headers(account), body={"password": PASSWORD})


@scenario("POST", "/api/session/passkey/options")
def login_options(world: World) -> Request:
    return Request("POST", "/api/session/passkey/options", headers=site_headers(), body={})


@scenario("POST", "/api/session/passkey")
def login(world: World) -> Request:
    from portal.accounts import passkey_login

    _, device, _ = _device(world)
    cookie, options = passkey_login.login_options()
    return Request("POST", "/api/session/passkey", headers=_login_headers(cookie),
                   body={"credential": device.get(options)})


@scenario("POST", "/api/session/second-factor/passkey/options")
def second_step_options(world: World) -> Request:
    account, _, _ = _device(world)
    return Request("POST", "/api/session/second-factor/passkey/options", headers=_login_headers(_pending(account)),
                   body={})


@scenario("POST", "/api/session/second-factor/passkey")
def second_step(world: World) -> Request:
    from portal.accounts import passkey_login

    account, device, _ = _device(world)
    value = _pending(account)
    options = passkey_login.second_step_options(value)
    return Request("POST", "/api/session/second-factor/passkey", headers=_login_headers(value),
                   body={"credential": device.get(options)})
