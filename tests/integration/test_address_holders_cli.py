"""Address squatting over the real stack: portal-admin shows who holds an address and releases it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.clients import PASSWORD, logged_in_client, unique_email


def _cli(stack, *args: str) -> subprocess.CompletedProcess:
    base = [sys.executable, "-m", "portal_admin.cli", "--endpoint", stack.url + "/admin"]
    return subprocess.run([*base, *args], capture_output=True, text=True, timeout=60, check=False)  # noqa: S603


def test_staff_find_a_company_holding_an_address_release_it_and_invite_the_person(stack) -> None:
    main, _ = logged_in_client(stack, name="Petra Zoet", company="Bakkerij Zoet B.V.")
    address = unique_email("squatted")
    added = main.post("/api/me/accounts", {"name": "Anna Jansen", "email": address, "password": PASSWORD})
    assert added.status_code == 201, added.text

    refused = _cli(stack, "clients", "create", "--name", "Anna Jansen", "--email", address)
    problem = json.loads(refused.stderr)
    assert refused.returncode == 1 and problem["code"] == "email_taken"
    assert problem["holder"]["company"]["name"] == "Bakkerij Zoet B.V." and problem["holder"]["activated"] is False

    shown = _cli(stack, "clients", "holder", address)
    holder = json.loads(shown.stdout)["holder"]
    assert shown.returncode == 0 and holder["account_id"] == added.json()["id"]
    assert "extra account of company 'Bakkerij Zoet B.V.'" in holder["summary"] and "never activated" in holder["summary"]

    released = _cli(stack, "clients", "release", holder["account_id"])
    assert released.returncode == 0, released.stderr
    assert json.loads(_cli(stack, "clients", "holder", address).stdout)["held"] is False
    created = _cli(stack, "clients", "create", "--name", "Anna Jansen", "--email", address)
    assert created.returncode == 0 and json.loads(created.stdout)["kind"] == "person"
    assert main.get("/api/me/accounts").json()["items"] == []


def test_a_company_cannot_tell_a_known_address_from_an_unknown_one(stack) -> None:
    main, _ = logged_in_client(stack, name="Petra Zoet", company="Bakkerij Zoet B.V.")
    _, known = logged_in_client(stack, name="Anna Jansen")
    answers = [
        main.post("/api/me/accounts", {"name": "Kees", "email": email, "password": PASSWORD})
        for email in (unique_email("unknown"), known["email"])
    ]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json().keys() == answers[1].json().keys()
    drop = {"date", "x-amzn-requestid", "x-amz-apigw-id", "content-length", "x-amzn-trace-id"}
    headers = [{k.lower(): v for k, v in a.headers.items() if k.lower() not in drop} for a in answers]
    assert headers[0] == headers[1]
    assert "Bakkerij Zoet B.V." in stack.mails(known["email"])[-1]["subject"]
