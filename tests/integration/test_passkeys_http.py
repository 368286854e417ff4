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


def test_the_last_passkey_is_removed_with_the_passkey_itself_as_the_second_factor(stack) -> None:
    client, _ = logged_in_client(stack, name="Sanne Visser")
    device = SoftAuthenticator(origin=stack.url)
    passkey_id = add_passkey(client, device)["passkey"]["id"]
    path = f"/api/me/passkeys/{passkey_id}"
    first = client.delete(path, {"password": PASSWORD})
    assert (first.status_code, first.json()["code"]) == (422, "second_factor_needed"), first.text
    assert first.json()["methods"] == ["recovery", "passkey"]
    answer = device.get(first.json()["passkey_options"])
    other_session, _ = logged_in_client(stack, name="Bram de Wit")
    refused = other_session.delete(path, {"password": PASSWORD, "method": "passkey", "credential": answer})
    assert refused.status_code == 404, refused.text  # another account's passkey: not found, nothing checked
    removed = client.delete(path, {"password": PASSWORD, "method": "passkey", "credential": answer})
    assert removed.status_code == 200, removed.text
    assert removed.json()["passkeys"] == 0
    assert client.get("/api/me/passkeys").json()["items"] == []
    replayed = client.delete(path, {"password": PASSWORD, "method": "passkey", "credential": answer})
    assert replayed.status_code == 404
