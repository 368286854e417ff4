"""2-step verification screens against a stubbed API: a spent SMS budget at the second step, and the
current second factor asked for every change in Mijn gegevens (number, method, off, new recovery code)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.site_stubs import ME, Api, login_as, me, problem, real_console_errors

pytestmark = pytest.mark.e2e

SPENT = {"code": "sms_budget_spent", "message": "-", "retry_after": 1800}
SMS_ON = me(two_factor={"method": "sms", "phone_hint": "••• ••• •78"})
TOTP_ON = me(two_factor={"method": "totp", "phone_hint": None})


def _login(page: Page) -> None:
    page.goto("/#/login")
    page.get_by_label("E-mailadres").fill("jan@example.nl")
    page.get_by_label("Wachtwoord").fill("Geheim123")
    page.get_by_role("button", name="Inloggen").click()


def test_a_spent_sms_budget_says_so_and_offers_the_recovery_code(page: Page) -> None:
    api = Api(page)
    api.on("/session", {"status": "second_factor_required", "methods": ["recovery"], "phone_hint": "••• ••• •78",
                        "notice": SPENT}, method="POST")
    api.on("/session/second-factor", {"status": "ok", "first_login": False, "me": ME,
                                      "recovery_code": "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ"}, method="POST")
    api.on("/me", ME, method="GET")
    _login(page)
    expect(page).to_have_url(re.compile(r"#/tweede-stap$"))
    expect(page.get_by_role("status").filter(has_text="te veel sms-codes verstuurd")).to_be_visible()
    expect(page.get_by_text("We hebben een sms met een code gestuurd")).to_have_count(0)
    expect(page.get_by_role("button", name="Stuur een nieuwe code")).to_have_count(0)
    page.get_by_label("Herstelcode").fill("2345-6789-ABCD-EFGH-JKLM-NPQR")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw nieuwe herstelcode")
    assert api.sent("POST", "/api/session/second-factor")[0]["body"] == {
        "method": "recovery", "code": "2345-6789-ABCD-EFGH-JKLM-NPQR"}
    assert real_console_errors(page) == []


def test_a_refused_new_sms_switches_to_the_ways_in_without_sms(page: Page) -> None:
    api = Api(page)
    api.on("/session", {"status": "second_factor_required", "methods": ["sms", "recovery"], "phone_hint": "••• ••• •78"},
           method="POST")
    api.on("/session/second-factor/resend", {**problem(429, "sms_budget_spent"), "methods": ["recovery"],
                                             "retry_after": 600}, status=429, method="POST")
    api.on("/me", ME, method="GET")
    _login(page)
    page.get_by_role("button", name="Stuur een nieuwe code").click()
    expect(page.get_by_role("status").filter(has_text="te veel sms-codes verstuurd")).to_be_visible()
    expect(page.get_by_label("Herstelcode")).to_be_focused()


def test_a_new_recovery_code_needs_the_password_and_the_app_code(page: Page) -> None:
    api = login_as(page, TOTP_ON)
    api.on("/me/two-factor/recovery-code", lambda route: (
        (401, problem(401, "code_invalid")) if "000000" in (route.request.post_data or "") else
        {"recovery_code": "WXYZ-2345-6789-ABCD-EFGH-JKLM"}), method="POST")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="2-staps verificatie")
    section.get_by_role("button", name="Nieuwe herstelcode").click()
    expect(section).to_contain_text("Uw huidige herstelcode werkt daarna niet meer.")
    section.get_by_label("Wachtwoord").fill("Geheim123")
    section.get_by_label("Code uit de authenticator-app").fill("000000")
    section.get_by_role("button", name="Maak nieuwe herstelcode").click()
    expect(section.get_by_label("Code uit de authenticator-app")).to_have_accessible_description(
        re.compile("De code is onjuist"))
    section.get_by_label("Code uit de authenticator-app").fill("123456")
    section.get_by_role("button", name="Maak nieuwe herstelcode").click()
    dialog = page.get_by_role("dialog", name="Uw herstelcode")
    expect(dialog).to_contain_text("WXYZ-2345-6789-ABCD-EFGH-JKLM")
    dialog.get_by_role("button", name="Ik heb de herstelcode opgeschreven").click()
    expect(section).to_contain_text("Er is een nieuwe herstelcode gemaakt.")
    assert api.sent("POST", "/api/me/two-factor/recovery-code")[-1]["body"] == {"password": "Geheim123", "code": "123456"}
    assert real_console_errors(page) == []


def test_a_lost_phone_turns_two_step_off_with_the_recovery_code(page: Page) -> None:
    api = login_as(page, SMS_ON)
    api.on("/me/two-factor", me(), method="DELETE")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="2-staps verificatie")
    section.get_by_label("Wachtwoord").fill("Geheim123")
    section.get_by_role("button", name="Telefoon kwijt? Gebruik uw herstelcode").click()
    expect(section.get_by_label("Herstelcode")).to_be_focused()
    section.get_by_label("Herstelcode").fill("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ")
    section.get_by_role("button", name="Uitschakelen").click()
    expect(section).to_contain_text("2-staps verificatie is uitgeschakeld.")
    assert api.sent("DELETE", "/api/me/two-factor")[0]["body"] == {
        "password": "Geheim123", "code": "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ", "method": "recovery"}


def test_another_number_needs_a_code_on_the_current_one_and_refuses_other_countries(page: Page) -> None:
    api = login_as(page, SMS_ON)
    api.on("/me/two-factor/step-up", {"status": "code_sent", "phone_hint": "••• ••• •78"}, status=202, method="POST")
    api.on("/me/two-factor/sms", lambda route: (
        (422, {**problem(422, "phone_country_not_allowed"), "fields": [{"field": "phone", "type": "phone"}]})
        if "+882" in (route.request.post_data or "") else (202, {"status": "code_sent", "phone_hint": "••• ••• •21"})),
        method="POST")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="2-staps verificatie")
    section.get_by_role("button", name="Ander mobiel nummer").click()
    section.get_by_label("Mobiel nummer").fill("+882 1234 5678 90")
    section.get_by_label("Wachtwoord").fill("Geheim123")
    section.get_by_role("button", name="Stuur code per sms").click()
    section.get_by_label("Code uit de sms").fill("654321")
    section.get_by_role("button", name="Verstuur code").click()
    expect(section.get_by_label("Mobiel nummer")).to_have_accessible_description(
        re.compile("alleen naar mobiele nummers in de landen die het kantoor toestaat"))
    section.get_by_label("Mobiel nummer").fill("06 87654321")
    section.get_by_role("button", name="Verstuur code").click()
    expect(section).to_contain_text("We hebben een sms met een code gestuurd naar ••• ••• •21.")
    assert api.sent("POST", "/api/me/two-factor/sms")[-1]["body"] == {
        "phone": "06 87654321", "password": "Geheim123", "code": "654321"}
