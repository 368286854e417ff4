"""Accounts over HTTP: cookies, CSRF, identical answers, blocking, the staff CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import requests

from tests.support.clients import PASSWORD, PortalClient, activate, invite, logged_in_client, unique_email


def test_first_time_flow_sets_a_strict_host_only_session_cookie(stack) -> None:
    account = invite(stack)
    client = PortalClient(stack.url)
    invitation = stack.mails(account["email"])[-1]["links"][0].rsplit("/", 1)[1]
    assert client.get(f"/api/invitations/{invitation}").json() == {"valid": True, "language": "nl"}
    client.post("/api/password-links", {"email": account["email"], "invitation": invitation})
    token = stack.mails(account["email"])[-1]["links"][0].rsplit("/", 1)[1]
    response = client.post("/api/password", {"token": token, "password": PASSWORD})
    assert response.status_code == 200 and response.json()["first_login"] is True
    cookie = next(c for c in response.raw.headers.getlist("Set-Cookie") if c.startswith("__Host-portal_session="))
    for attribute in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"):
        assert attribute in cookie
    assert "Domain" not in cookie
    assert client.get("/api/me").json()["email"] == account["email"]
    subjects = [m["subject"] for m in stack.mails(account["email"])]
    assert len(subjects) == 3


def test_link_requests_answer_identically_for_known_and_unknown_addresses(stack) -> None:
    account = invite(stack)
    client = PortalClient(stack.url)
    known = client.post("/api/password-links", {"email": account["email"]})
    unknown_address = unique_email("nobody")
    unknown = client.post("/api/password-links", {"email": unknown_address})
    assert (known.status_code, known.text) == (unknown.status_code, unknown.text) == (202, '{"status":"sent"}')
    assert stack.mails(unknown_address) == []


def test_state_changes_without_the_portal_header_or_from_another_origin_are_refused(stack) -> None:
    client, _ = logged_in_client(stack)
    bare = requests.put(
        stack.url + "/api/me/language", json={"language": "en"}, timeout=10,
        headers={"Cookie": client.headers()["Cookie"], "Origin": stack.url},
    )
    assert bare.status_code == 403 and bare.json()["code"] == "csrf_failed"
    foreign = client.put("/api/me/language", {"language": "en"}, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
    assert client.get("/api/me").json()["language"] == "nl"


def test_logout_ends_the_session_server_side(stack) -> None:
    client, _ = logged_in_client(stack)
    stolen = dict(client.cookies)
    assert client.delete("/api/session").status_code == 204
    replay = PortalClient(stack.url, cookies=stolen)
    assert replay.get("/api/me").status_code == 401


def test_a_blocked_clients_open_session_fails_on_its_next_request(stack) -> None:
    client, account = logged_in_client(stack)
    assert client.get("/api/me").status_code == 200
    assert stack.admin().post(f"/clients/{account['id']}/block").status == 200
    response = client.get("/api/me")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_errors_come_in_the_callers_language(stack) -> None:
    english = PortalClient(stack.url, language="en")
    response = english.post("/api/session", {"email": unique_email(), "password": "Verkeerd-1"})
    assert response.status_code == 401
    assert response.json() == {
        "status": 401, "code": "invalid_credentials", "message": "The email address or the password is incorrect.",
    }


def test_bad_input_gets_a_clear_problem_and_the_next_request_works(stack) -> None:
    client = PortalClient(stack.url)
    broken = client.request("POST", "/api/session", data=b"{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and broken.json()["code"] == "invalid_json"
    missing = client.post("/api/session", {"email": "a@example.nl"})
    assert missing.status_code == 422 and missing.json()["code"] == "validation_failed"
    assert {"field": "password", "type": "missing"} in missing.json()["fields"]
    control = client.post("/api/session", {"email": "a@example.nl\r\nBcc: x@evil.example", "password": "x"})
    assert control.status_code == 422
    assert client.get("/api/health").status_code == 200


def test_company_main_account_manages_extra_accounts_over_http(stack) -> None:
    main, _ = logged_in_client(stack, name="Petra Zoet", company="Bakkerij Zoet B.V.")
    extra_email = unique_email("extra")
    added = main.post("/api/me/accounts", {"name": "Ahmed", "email": extra_email, "password": PASSWORD})
    assert added.status_code == 201 and added.json()["status"] == "invited"
    assert [a["email"] for a in main.get("/api/me/accounts").json()["items"]] == [extra_email]
    extra = activate(stack, extra_email)
    assert extra.get("/api/me").json()["kind"] == "company_extra"
    assert extra.get("/api/me/accounts").status_code == 403
    assert main.delete(f"/api/me/accounts/{added.json()['id']}").status_code == 204
    assert extra.get("/api/me").status_code == 401


def test_portal_admin_cli_creates_lists_and_shows_clients(stack) -> None:
    email = unique_email("cli")
    base = [sys.executable, "-m", "portal_admin.cli", "--endpoint", stack.url + "/admin"]
    created = subprocess.run(  # noqa: S603
        [*base, "clients", "create", "--name", "Zoë Łukasz", "--email", email, "--language", "en"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert created.returncode == 0, created.stderr
    account = json.loads(created.stdout)
    assert account["name"] == "Zoë Łukasz" and account["language"] == "en"
    shown = subprocess.run([*base, "clients", "show", account["id"]], capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    assert json.loads(shown.stdout)["audit"][0]["action"] in {"invitation_sent", "account_created"}
    duplicate = subprocess.run(  # noqa: S603
        [*base, "clients", "create", "--name", "Again", "--email", email], capture_output=True, text=True, timeout=60, check=False,
    )
    assert duplicate.returncode == 1 and json.loads(duplicate.stderr)["code"] == "email_taken"
    assert duplicate.stdout == ""
