"""Payment instructions over HTTP and portal-admin against the local stack (issue 18)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import requests

from tests.support.clients import logged_in_client

FREE_IBAN = "NL93RABO0987654321"  # valid, never registered


def portal_admin(stack, *args: str, second: bool = False) -> tuple[int, dict]:
    env = {**os.environ, "PORTAL_ADMIN_LOCAL_STAFF": "second" if second else "first"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "portal_admin.cli", "--endpoint", stack.url + "/admin", *args],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )
    return result.returncode, json.loads(result.stdout or result.stderr)


def test_staff_register_an_escrow_account_with_two_people_and_publish_an_instruction(stack) -> None:
    iban = "NL44RABO0123456789"
    code, proposal = portal_admin(stack, "escrow", "propose-add", "--iban", "nl44 rabo 0123 4567 89",
                                  "--holder", "Stichting Derdengelden Test")
    assert code == 0 and proposal["iban"] == iban
    code, refused = portal_admin(stack, "escrow", "approve", proposal["id"])
    assert (code, refused["code"]) == (1, "two_person_rule")
    code, approved = portal_admin(stack, "escrow", "approve", proposal["id"], second=True)
    assert code == 0 and approved["account"]["approved_by"].endswith("local-staff-2")

    client, account = logged_in_client(stack, name="Koper Betaling")
    code, dossier = portal_admin(stack, "dossiers", "create", "--number", f"PAY-{uuid.uuid4().hex[:8]}",
                                 "--description", "Levering Kerkstraat 7", "--grant", account["id"])
    terms = ["--dossier", dossier["id"], "--amount", "412.375,50", "--reference", "Koopsom Kerkstraat 7",
             "--due-date", "2026-12-31", "--purpose", "Koopsom en kosten levering Kerkstraat 7"]
    code, free = portal_admin(stack, "payments", "publish", "--party", account["id"], "--iban", FREE_IBAN, *terms)
    assert (code, free["code"]) == (1, "payment_iban_not_registered")
    code, published = portal_admin(stack, "payments", "publish", "--party", account["id"], "--iban", iban, *terms)
    assert code == 0 and published["versions"][0]["amount_cents"] == 41_237_550

    shown = client.get(f"/api/dossiers/{dossier['id']}/payments").json()["items"]
    assert shown[0]["current"]["iban_grouped"] == "NL44 RABO 0123 4567 89"
    assert shown[0]["current"]["amount"] == "412375.50"
    assert [i["id"] for i in client.get("/api/payments").json()["items"]] == [published["id"]]
    opened = client.post(f"/api/dossiers/{dossier['id']}/payments/{published['id']}/opened", {"version": 1})
    assert opened.status_code == 204
    code, listed = portal_admin(stack, "payments", "list", "--dossier", dossier["id"])
    assert listed["items"][0]["opened_current"]

    # A change by one person is refused; a second person makes it the current version.
    change = [a if a != "412.375,50" else "412.400,00" for a in terms]
    assert portal_admin(stack, "payments", "propose-change", published["id"], "--iban", iban, *change)[0] == 0
    code, refused = portal_admin(stack, "payments", "approve-change", "--dossier", dossier["id"], published["id"])
    assert (code, refused["code"]) == (1, "two_person_rule")
    code, _ = portal_admin(stack, "payments", "approve-change", "--dossier", dossier["id"], published["id"], second=True)
    assert code == 0
    [item] = client.get(f"/api/dossiers/{dossier['id']}/payments").json()["items"]
    assert item["changed"] and not item["opened"] and item["earlier"][0]["amount"] == "412375.50"

    assert stack.admin().post("/digest/run", {}).status == 200
    mails = stack.mails(account["email"])
    digest = [m for m in mails if "betaalinstructie" in m["text"]]
    assert digest
    for mail in mails:
        for part in (mail["subject"], mail["text"], mail["html"]):
            for secret in (iban, "RABO 0123", "412375", "412.375", "412400", "412.400"):
                assert secret not in part


def test_the_public_check_needs_no_login_and_answers_alike_for_every_unknown_iban(stack) -> None:
    site = {"X-Portal-Request": "1", "Origin": stack.url, "Content-Type": "application/json"}

    def check(typed: str) -> dict:
        answer = requests.post(stack.url + "/api/iban-checks", json={"iban": typed}, headers=site, timeout=10)
        assert answer.status_code == 200, answer.text
        return answer.json()

    demo = check("NL91 ABNA 0417 1643 00")  # the demo escrow account
    assert demo["registered"] and demo["office_name"]
    unknown = [check(typed) for typed in (FREE_IBAN, "DE89 3704 0044 0532 0130 00", "NL00 FAKE 0000 0000 00")]
    assert all(sorted(a) == sorted(demo) and a["registered"] is False for a in unknown)
    assert {a["office_name"] for a in unknown} == {demo["office_name"]}
