""""Mijn gegevens" as a user sees it: language, 2-step verification, notifications, password and
the company's extra accounts, against a stubbed client API."""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_site_stubs import Api, login_as, me, problem, real_console_errors

pytestmark = pytest.mark.e2e

COMPANY = me(kind="company_main", name="Els Bakker", company_name="Bakkerij Zoet B.V.")
ACCOUNTS = {
    "items": [
        {"id": "x-1", "name": "Piet Jansen", "email": "piet@bakkerijzoet.example", "status": "active", "created_at": "2024-03-01T10:00:00Z"},
        {"id": "x-2", "name": "Marie <b>Dekker</b>", "email": "marie@bakkerijzoet.example", "status": "invited", "created_at": "2024-03-02T10:00:00Z"},
    ],
    "next_token": None,
}


def company_page(page: Page) -> Api:
    return login_as(page, COMPANY).on("/me/accounts", ACCOUNTS, method="GET")


def test_details_show_the_sections_of_the_manual(page: Page) -> None:
    api = login_as(page)
    page.goto("/#/mijn-gegevens")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    for name in ("Taal", "2-staps verificatie", "Notificaties", "Wachtwoord wijzigen"):
        expect(page.get_by_role("region", name=name)).to_be_visible()
    expect(page.get_by_role("heading", name="Extra accounts")).to_have_count(0)
    expect(page.get_by_role("region", name="Accounts")).to_have_count(0)
    assert api.paths() == ["GET /api/me"]  # a person has no accounts list to load
    assert page.console_errors == []


def test_extra_accounts_are_shown_only_to_a_company_main_account(page: Page) -> None:
    api = company_page(page)
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="Accounts")
    expect(section.get_by_role("heading", name="Extra accounts")).to_be_visible()
    rows = section.get_by_role("list", name="Extra accounts").get_by_role("listitem")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Piet Jansen")
    expect(rows.nth(0)).to_contain_text("Actief")
    # Server data is text, never markup.
    expect(rows.nth(1)).to_contain_text("Marie <b>Dekker</b>")
    expect(rows.nth(1)).to_contain_text("Uitgenodigd")
    expect(section.get_by_role("button", name="Extra account toevoegen")).to_be_visible()
    expect(section.get_by_role("button", name="Gegevens van Piet Jansen bekijken")).to_be_visible()
    expect(section.get_by_role("button", name="Account van Piet Jansen verwijderen")).to_be_visible()
    assert api.paths() == ["GET /api/me", "GET /api/me/accounts"]  # at most 2 calls per screen
    assert page.console_errors == []


def test_an_extra_account_sees_no_accounts_section(page: Page) -> None:
    login_as(page, me(kind="company_extra", company_name="Bakkerij Zoet B.V."))
    page.goto("/#/mijn-gegevens")
    expect(page.get_by_role("region", name="Notificaties")).to_be_visible()
    expect(page.get_by_role("region", name="Accounts")).to_have_count(0)


def test_add_an_extra_account(page: Page) -> None:
    api = company_page(page)
    api.on("/me/accounts", {"id": "x-3", "name": "Kees de Boer", "email": "kees@bakkerijzoet.example", "status": "invited", "created_at": "2024-04-01T09:00:00Z"}, status=201, method="POST")
    page.goto("/#/mijn-gegevens")
    opener = page.get_by_role("button", name="Extra account toevoegen")
    opener.click()
    dialog = page.get_by_role("dialog", name="Extra account toevoegen")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Naam")).to_be_focused()
    dialog.get_by_role("button", name="Toevoegen").click()
    expect(dialog.get_by_text("Vul dit veld in.").first).to_be_visible()
    dialog.get_by_label("Naam").fill("Kees de Boer")
    dialog.get_by_label("E-mailadres").fill("kees@bakkerijzoet.example")
    dialog.get_by_role("button", name="Toevoegen").click()
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()  # focus returns to what opened the dialog
    expect(page.get_by_role("status").filter(has_text="Kees de Boer is toegevoegd")).to_be_visible()
    expect(page.get_by_role("list", name="Extra accounts").get_by_role("listitem")).to_have_count(3)
    assert api.sent("POST", "/api/me/accounts")[0]["body"] == {"name": "Kees de Boer", "email": "kees@bakkerijzoet.example"}


def test_view_an_extra_account(page: Page) -> None:
    api = company_page(page)
    api.on("/me/accounts/x-1", ACCOUNTS["items"][0], method="GET")
    page.goto("/#/mijn-gegevens")
    page.get_by_role("button", name="Gegevens van Piet Jansen bekijken").click()
    dialog = page.get_by_role("dialog", name="Extra account")
    expect(dialog).to_contain_text("piet@bakkerijzoet.example")
    expect(dialog).to_contain_text("1 maart 2024")
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Gegevens van Piet Jansen bekijken")).to_be_focused()


def test_remove_an_extra_account_after_confirming(page: Page) -> None:
    api = company_page(page)
    api.on("/me/accounts/x-1", None, status=204, method="DELETE")
    page.goto("/#/mijn-gegevens")
    remove = page.get_by_role("button", name="Account van Piet Jansen verwijderen")
    remove.click()
    dialog = page.get_by_role("dialog", name="Extra account verwijderen")
    expect(dialog).to_contain_text("Weet u zeker dat u het account van Piet Jansen")
    expect(dialog.get_by_role("button", name="Annuleer")).to_be_focused()
    dialog.get_by_role("button", name="Annuleer").click()
    expect(remove).to_be_focused()
    assert api.sent("DELETE", "/api/me/accounts/x-1") == []

    remove.click()
    page.get_by_role("dialog").get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_role("list", name="Extra accounts").get_by_role("listitem")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text="Het account van Piet Jansen is verwijderd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Extra accounts")).to_be_focused()
    assert len(api.sent("DELETE", "/api/me/accounts/x-1")) == 1


def test_language_choice_applies_at_once(page: Page) -> None:
    api = login_as(page)
    api.on("/me/language", me(language="en"), method="PUT")
    page.goto("/#/mijn-gegevens")
    page.get_by_label("English").check()
    expect(page.get_by_role("heading", level=1)).to_have_text("My details")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("status").filter(has_text="The language has been changed.")).to_be_visible()
    expect(page.get_by_label("English")).to_be_focused()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert api.sent("PUT", "/api/me/language")[0]["body"] == {"language": "en"}


def test_notification_switches_are_saved(page: Page) -> None:
    api = login_as(page)
    api.on("/me/notifications", me(notifications={"documents": True, "questionnaires": True, "messages": True}), method="PUT")
    page.goto("/#/mijn-gegevens")
    messages = page.get_by_role("switch", name="Nieuwe berichten")
    expect(messages).not_to_be_checked()
    expect(page.get_by_role("switch", name="Nieuwe documenten")).to_be_checked()
    messages.check()
    expect(page.get_by_role("status").filter(has_text="Uw keuze is opgeslagen.")).to_be_visible()
    assert api.sent("PUT", "/api/me/notifications")[0]["body"] == {"documents": True, "questionnaires": True, "messages": True}


def test_notification_switch_goes_back_when_saving_fails(page: Page) -> None:
    api = login_as(page)
    api.on("/me/notifications", problem(500, "internal_error"), status=500, method="PUT")
    page.goto("/#/mijn-gegevens")
    documents = page.get_by_role("switch", name="Nieuwe documenten")
    documents.click()
    expect(page.get_by_role("alert").filter(has_text="Er ging iets mis aan onze kant")).to_be_visible()
    expect(documents).to_be_checked()


def test_two_step_verification_by_sms_shows_the_recovery_code_once(page: Page) -> None:
    api = login_as(page)
    api.on("/me/two-factor/sms", {"status": "code_sent", "phone_hint": "••• ••• •78"}, status=202, method="POST")
    enabled = me(two_factor={"method": "sms", "phone_hint": "••• ••• •78"})
    api.on("/me/two-factor/sms/confirm", lambda route: (
        (401, problem(401, "code_invalid")) if "000000" in (route.request.post_data or "") else
        {"recovery_code": "WXYZ-2345-6789-ABCD", "me": enabled}), method="POST")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="2-staps verificatie")
    expect(section).to_contain_text("2-staps verificatie staat uit.")
    section.get_by_role("button", name="Instellen met sms").click()
    expect(section.get_by_label("Mobiel nummer")).to_be_focused()
    section.get_by_label("Mobiel nummer").fill("06 12345678")
    section.get_by_label("Wachtwoord").fill("Geheim123")
    section.get_by_role("button", name="Verstuur code").click()
    expect(section).to_contain_text("We hebben een sms met een code gestuurd naar ••• ••• •78.")
    section.get_by_label("Code").fill("000000")
    section.get_by_role("button", name="Bevestigen").click()
    expect(section.get_by_label("Code")).to_have_accessible_description(re.compile("De code is onjuist"))
    section.get_by_label("Code").fill("123456")
    section.get_by_role("button", name="Bevestigen").click()
    dialog = page.get_by_role("dialog", name="Uw herstelcode")
    expect(dialog).to_contain_text("WXYZ-2345-6789-ABCD")
    expect(dialog).to_contain_text("Schrijf deze herstelcode op")
    dialog.get_by_role("button", name="Ik heb de herstelcode opgeschreven").click()
    expect(dialog).to_have_count(0)
    expect(section).to_contain_text("2-staps verificatie staat aan. U ontvangt een code per sms op ••• ••• •78.")
    expect(section.get_by_role("heading", name="2-staps verificatie", exact=True)).to_be_focused()
    assert api.sent("POST", "/api/me/two-factor/sms")[0]["body"] == {"phone": "06 12345678", "password": "Geheim123"}
    assert real_console_errors(page) == []


def test_two_step_verification_with_an_authenticator_app_shows_the_qr_code(page: Page) -> None:
    api = login_as(page)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
    api.on("/me/two-factor/totp", {"secret": "JBSWY3DPEHPK3PXP", "otpauth_uri": "otpauth://totp/Portal:jan?secret=JBSWY3DPEHPK3PXP", "qr_svg": svg}, method="POST")
    api.on("/me/two-factor/totp/confirm", {"recovery_code": "QRST-2345-6789-ABCD", "me": me(two_factor={"method": "totp", "phone_hint": None})}, method="POST")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="2-staps verificatie")
    section.get_by_role("button", name="Instellen met authenticator-app").click()
    section.get_by_label("Wachtwoord").fill("Geheim123")
    section.get_by_role("button", name="Doorgaan").click()
    qr = section.get_by_role("img", name="QR-code om het klantenportaal toe te voegen aan uw authenticator-app")
    expect(qr).to_be_visible()
    src = qr.get_attribute("src")
    assert src.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(src.split(",", 1)[1]).decode() == svg
    assert page.evaluate("document.querySelector('img.qr').naturalWidth") > 0  # the CSP let it load
    expect(section).to_contain_text("JBSWY3DPEHPK3PXP")
    section.get_by_label("Code").fill("123456")
    section.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("dialog", name="Uw herstelcode")).to_contain_text("QRST-2345-6789-ABCD")
    page.get_by_role("button", name="Ik heb de herstelcode opgeschreven").click()
    expect(section).to_contain_text("2-staps verificatie staat aan met een authenticator-app.")
    assert page.console_errors == []


def test_turn_off_two_step_verification_with_the_password(page: Page) -> None:
    api = login_as(page, me(two_factor={"method": "sms", "phone_hint": "••• ••• •78"}))
    api.on("/me/two-factor", me(), method="DELETE")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="2-staps verificatie")
    section.get_by_label("Wachtwoord").fill("Geheim123")
    section.get_by_role("button", name="Uitschakelen").click()
    expect(section).to_contain_text("2-staps verificatie is uitgeschakeld.")
    expect(section.get_by_role("button", name="Instellen met sms")).to_be_visible()
    assert api.sent("DELETE", "/api/me/two-factor")[0]["body"] == {"password": "Geheim123"}


def test_change_password_checks_the_rules_live(page: Page) -> None:
    api = login_as(page)
    api.on("/me/password", lambda route: (
        (401, problem(401, "invalid_credentials")) if "Fout" in (route.request.post_data or "") else me()), method="POST")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="Wachtwoord wijzigen")
    new = section.get_by_label("Nieuw wachtwoord")
    new.press_sequentially("kort")
    expect(section.locator(".rule.is-unmet")).to_have_count(3)
    expect(section.get_by_text(re.compile("^Nog nodig:"))).to_be_visible()
    new.fill("")
    new.press_sequentially("Langgenoeg1")
    expect(section.locator(".rule.is-met")).to_have_count(3)
    expect(section.get_by_text("Het wachtwoord voldoet aan de eisen.")).to_be_visible()
    section.get_by_label("Huidig wachtwoord").fill("Fout1234")
    section.get_by_role("button", name="Wachtwoord wijzigen").click()
    expect(section.get_by_label("Huidig wachtwoord")).to_have_accessible_description(re.compile("onjuist"))
    expect(page).to_have_url(re.compile(r"#/mijn-gegevens$"))  # a wrong password is no lost session
    section.get_by_label("Huidig wachtwoord").fill("Goed1234")
    section.get_by_role("button", name="Wachtwoord wijzigen").click()
    expect(section.get_by_role("status")).to_have_text(re.compile("Uw wachtwoord is gewijzigd"))
    assert api.sent("POST", "/api/me/password")[-1]["body"] == {"current_password": "Goed1234", "new_password": "Langgenoeg1"}


def test_details_fit_a_phone_screen(page: Page) -> None:
    company_page(page)
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/#/mijn-gegevens")
    expect(page.get_by_role("heading", name="Extra accounts")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
