"""The manual's first-login and forgotten-password flows (1.1, 1.2) in the browser: invitation
link, request a set-password link, set the password with the live rule check."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.site_stubs import ME, Api, problem

pytestmark = pytest.mark.e2e

RULE = "Het wachtwoord dient minimaal 8 tekens bevatten, waarvan minimaal 1 hoofdletter en 1 cijfer"


def test_request_a_set_password_link(page: Page) -> None:
    api = Api(page).on("/password-links", {"status": "sent"}, status=202, method="POST")
    page.goto("/#/login")
    page.get_by_role("link", name="Instellen wachtwoord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Instellen wachtwoord")
    page.get_by_label("E-mailadres").fill("geen-mailadres")
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_label("E-mailadres")).to_have_accessible_description(re.compile("geldig e-mailadres"))
    assert api.calls == []
    page.get_by_label("E-mailadres").fill("jan@example.nl")
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_role("status")).to_contain_text("Als dit e-mailadres bij ons bekend is")
    expect(page.get_by_role("button", name="Verstuur")).to_have_count(0)
    assert api.sent("POST", "/api/password-links")[0]["body"] == {"email": "jan@example.nl"}
    assert page.console_errors == []


def test_an_address_with_a_foreign_letter_before_the_at_is_shown_on_the_field(page: Page) -> None:
    """A Cyrillic "а" looks like an "a" but cannot be mailed: the server says so (issue 14)."""
    Api(page).on("/password-links", problem(422, "email_not_ascii"), status=422, method="POST")
    page.goto("/#/wachtwoord")
    page.get_by_label("E-mailadres").fill("\u0430nna@example.nl")
    page.get_by_role("button", name="Verstuur").click()
    email = page.get_by_label("E-mailadres")
    expect(email).to_be_focused()
    expect(email).to_have_accessible_description(re.compile("Het deel vóór de @ mag alleen gewone letters"))


def test_invitation_link_asks_for_the_email_in_the_invited_language(page: Page) -> None:
    api = Api(page)
    api.on("/invitations/inv-123", {"valid": True, "language": "en"}, method="GET")
    api.on("/password-links", {"status": "sent"}, status=202, method="POST")
    page.goto("/#/activeren/inv-123")
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate your account")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Email address").fill("jan@example.nl")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status")).to_contain_text("If we know this email address")
    assert api.sent("POST", "/api/password-links")[0]["body"] == {"email": "jan@example.nl", "invitation": "inv-123"}
    assert api.sent("POST", "/api/password-links")[0]["headers"]["accept-language"] == "en"


def test_expired_invitation_offers_a_new_link(page: Page) -> None:
    Api(page).on("/invitations/old", problem(410, "link_expired"), status=410, method="GET")
    page.goto("/#/activeren/old")
    expect(page.get_by_role("alert")).to_have_text("Deze link is verlopen. Vraag een nieuwe link aan.")
    page.get_by_role("link", name="Nieuwe link aanvragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Instellen wachtwoord")


def test_set_password_page_checks_the_rules_while_typing(page: Page) -> None:
    Api(page).on("/password-links/tok-1", {"valid": True}, method="GET")
    page.goto("/#/wachtwoord-instellen/tok-1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel uw wachtwoord in a.u.b.")
    expect(page.get_by_text(RULE)).to_be_visible()
    password = page.get_by_label("Wachtwoord", exact=True)
    expect(password).to_have_accessible_description(re.compile("minimaal 8 tekens bevatten"))
    rules = page.get_by_role("listitem")
    password.press_sequentially("abc")
    expect(rules.filter(has_text="Minimaal 8 tekens")).to_have_class(re.compile("is-unmet"))
    expect(page.get_by_text("Nog nodig: minimaal 8 tekens, minimaal 1 hoofdletter, minimaal 1 cijfer.")).to_be_visible()
    password.press_sequentially("defgh")
    expect(rules.filter(has_text="Minimaal 8 tekens")).to_have_class(re.compile("is-met"))
    expect(page.get_by_text("Nog nodig: minimaal 1 hoofdletter, minimaal 1 cijfer.")).to_be_visible()
    password.press("Home")
    password.press_sequentially("X")
    password.press("End")
    password.press_sequentially("7")
    expect(page.locator(".rule.is-met")).to_have_count(3)
    live = page.get_by_text("Het wachtwoord voldoet aan de eisen.")
    expect(live).to_be_visible()
    expect(live).to_have_attribute("aria-live", "polite")
    assert page.console_errors == []


def test_set_password_refuses_a_weak_password_before_sending(page: Page) -> None:
    api = Api(page).on("/password-links/tok-1", {"valid": True}, method="GET")
    page.goto("/#/wachtwoord-instellen/tok-1")
    page.get_by_label("Wachtwoord", exact=True).fill("zwak")
    page.get_by_role("button", name="Instellen wachtwoord").click()
    expect(page.get_by_label("Wachtwoord", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Wachtwoord", exact=True)).to_be_focused()
    assert api.sent("POST", "/api/password") == []


def test_set_password_logs_in_and_opens_my_details_the_first_time(page: Page) -> None:
    api = Api(page)
    api.on("/password-links/tok-1", {"valid": True}, method="GET")
    api.on("/password", lambda route: (
        (422, problem(422, "password_too_common")) if "Welkom123" in (route.request.post_data or "") else
        {"status": "ok", "first_login": True, "me": ME}), method="POST")
    api.on("/me", ME, method="GET")
    page.goto("/#/wachtwoord-instellen/tok-1")
    password = page.get_by_label("Wachtwoord", exact=True)
    password.fill("Welkom123")
    page.get_by_role("button", name="Instellen wachtwoord").click()
    expect(password).to_have_accessible_description(re.compile("wordt te vaak gebruikt"))
    password.fill("Zonnebloem-Portaal-7")
    page.get_by_role("button", name="Instellen wachtwoord").click()
    expect(page).to_have_url(re.compile(r"#/mijn-gegevens$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(page.get_by_role("status").first).to_have_text(re.compile("Uw wachtwoord is ingesteld"))
    assert api.sent("POST", "/api/password")[-1]["body"] == {"token": "tok-1", "password": "Zonnebloem-Portaal-7"}


def test_a_refused_common_password_gets_one_verdict_not_red_beside_green(page: Page) -> None:
    """Issue 16.5: "te vaak gebruikt" in red next to a green "voldoet aan de eisen" was two verdicts."""
    api = Api(page).on("/password-links/tok-1", {"valid": True}, method="GET")
    api.on("/password", (422, problem(422, "password_too_common")), method="POST")
    page.goto("/#/wachtwoord-instellen/tok-1")
    password = page.get_by_label("Wachtwoord", exact=True)
    summary = page.locator(".rules-summary")
    password.fill("Welkom123")
    expect(summary).to_have_text("Het wachtwoord voldoet aan de eisen.")  # the listed rules, before the server spoke
    page.get_by_role("button", name="Instellen wachtwoord").click()
    expect(password).to_have_accessible_description(re.compile("wordt te vaak gebruikt"))
    expect(summary).to_have_text("Dit wachtwoord kan niet: zie de melding hierboven.")
    expect(summary).not_to_have_class(re.compile("is-met"))
    expect(page.get_by_text("voldoet aan de eisen")).to_have_count(0)
    password.fill("Welkom1234")  # another value: the rules speak again
    expect(summary).to_have_text("Het wachtwoord voldoet aan de eisen.")


def test_used_set_password_link_says_so(page: Page) -> None:
    Api(page).on("/password-links/used", problem(410, "link_used"), status=410, method="GET")
    page.goto("/#/wachtwoord-instellen/used")
    expect(page.get_by_role("alert")).to_contain_text("Deze link is al gebruikt.")
    expect(page.get_by_role("link", name="Terug naar inloggen")).to_be_visible()
