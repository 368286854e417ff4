"""SMS pumping over HTTP: 30 correct-password logins of an SMS account text only the account's budget,
read from the local stack's /_dev/sms; then the login says so and the recovery code still works."""

from __future__ import annotations

import re
import secrets

from tests.support.clients import PASSWORD, PortalClient, logged_in_client


def _codes_to(stack, number: str) -> list[str]:
    return [re.search(r"\b(\d{6})\b", s["message"]).group(1) for s in stack.sms() if s["to"] == number]


def test_thirty_logins_of_an_sms_account_send_five_sms_then_offer_the_recovery_code(stack) -> None:
    client, account = logged_in_client(stack, name="Pomp Test")
    digits = f"1{secrets.randbelow(10**7):07d}"  # 06-1xxxxxxx: a Dutch mobile range
    number = "+316" + digits
    assert client.post("/api/me/two-factor/sms", {"phone": "06 " + digits, "password": PASSWORD}).status_code == 202
    confirmed = client.post("/api/me/two-factor/sms/confirm", {"code": _codes_to(stack, number)[-1]})
    recovery = confirmed.json()["recovery_code"]
    assert len(recovery.replace("-", "")) == 24

    answers = [PortalClient(stack.url).post("/api/session", {"email": account["email"], "password": PASSWORD})
               for _ in range(30)]
    assert all(a.status_code == 200 for a in answers)
    assert len(_codes_to(stack, number)) == 5  # the setup code and four logins: the account's hour
    last = answers[-1].json()
    assert last["status"] == "second_factor_required" and last["methods"] == ["recovery"]
    assert last["notice"]["code"] == "sms_budget_spent"
    assert last["notice"]["message"].startswith("Er zijn te veel sms-codes verstuurd")

    browser = PortalClient(stack.url)
    assert browser.post("/api/session", {"email": account["email"], "password": PASSWORD}).status_code == 200
    refused = browser.post("/api/session/second-factor/resend", {})
    assert refused.status_code == 429 and refused.json()["code"] == "sms_budget_spent"
    assert refused.json()["methods"] == ["recovery"]
    done = browser.post("/api/session/second-factor", {"method": "recovery", "code": recovery})
    assert done.status_code == 200 and done.json()["status"] == "ok"
    assert len(_codes_to(stack, number)) == 5


def test_a_premium_or_international_network_number_is_refused_with_a_stable_code(stack) -> None:
    client, _ = logged_in_client(stack, name="Pomp Nummer")
    for phone, code in (("+882 1234 5678 90", "phone_country_not_allowed"), ("0900 1234567", "phone_not_mobile")):
        answer = client.post("/api/me/two-factor/sms", {"phone": phone, "password": PASSWORD})
        assert answer.status_code == 422 and answer.json()["code"] == code
