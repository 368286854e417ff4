"""Passkeys over HTTP against the local stack, answered by the software authenticator
(tests/support/authenticator.py): add, sign in alone and after the password, replay refused."""

from __future__ import annotations

from tests.support.authenticator import SoftAuthenticator
from tests.support.clients import PASSWORD, PortalClient, logged_in_client


def add_passkey(client: PortalClient, device: SoftAuthenticator) -> dict:
    options = client.post("/api/me/passkeys/options", {"name": "iPhone", "password": PASSWORD})
    assert options.status_code == 200, options.text
    added = client.post("/api/me/passkeys", {"credential": device.create(options.json())})
    assert added.status_code == 201, added.text
    return added.json()


def test_add_then_sign_in_with_the_passkey_alone_and_a_replay_is_refused(stack) -> None:
    client, account = logged_in_client(stack, name="Lotte Jansen")
    device = SoftAuthenticator(origin=stack.url)
    added = add_passkey(client, device)
    assert added["recovery_code"] and added["me"]["passkeys"] == 1
    assert client.get("/api/me/passkeys").json()["items"][0]["name"] == "iPhone"

    browser = PortalClient(stack.url)
    options = browser.post("/api/session/passkey/options", {})
    login_cookie = browser.cookies["__Host-portal_login"]
    answer = device.get(options.json())
    signed_in = browser.post("/api/session/passkey", {"credential": answer})
    assert signed_in.status_code == 200, signed_in.text
    assert signed_in.json()["me"]["email"] == account["email"]
    assert browser.get("/api/me").status_code == 200

    replay = PortalClient(stack.url, cookies={"__Host-portal_login": login_cookie})
    again = replay.post("/api/session/passkey", {"credential": answer})
    assert (again.status_code, again.json()["code"]) == (410, "passkey_challenge_expired")


def test_after_the_password_the_passkey_is_the_second_step(stack) -> None:
    client, account = logged_in_client(stack, name="Daan Peters")
    device = SoftAuthenticator(origin=stack.url)
    add_passkey(client, device)
    browser = PortalClient(stack.url)
    first = browser.post("/api/session", {"email": account["email"], "password": PASSWORD})
    assert first.json()["status"] == "second_factor_required" and first.json()["methods"][0] == "passkey"
    options = browser.post("/api/session/second-factor/passkey/options", {})
    assert options.status_code == 200, options.text
    done = browser.post("/api/session/second-factor/passkey", {"credential": device.get(options.json())})
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "ok"
