""""Mijn gegevens" as a user sees it: language, 2-step verification, notifications, password,
signed-in devices and the company's extra accounts, against a stubbed client API."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.live_data import no_horizontal_scroll
from tests.e2e.site_stubs import Api, login_as, me, problem, real_console_errors

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
    for name in ("Taal", "2-staps verificatie", "Notificaties", "Wachtwoord wijzigen", "Ingelogde apparaten"):
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
    # The main account's own password again: the office sends the e-mail on the company's behalf.
    dialog.get_by_label("Uw eigen wachtwoord").fill("Vlinder-Tuin-2026")
    dialog.get_by_role("button", name="Toevoegen").click()
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()  # focus returns to what opened the dialog
    # The same words whether or not the address already had an account (that person gets a notice).
    expect(page.get_by_role("status").filter(
        has_text="Kees de Boer is toegevoegd. kees@bakkerijzoet.example ontvangt een e-mail van ons.")).to_be_visible()
    expect(page.get_by_role("list", name="Extra accounts").get_by_role("listitem")).to_have_count(3)
    assert api.sent("POST", "/api/me/accounts")[0]["body"] == {
        "name": "Kees de Boer", "email": "kees@bakkerijzoet.example", "password": "Vlinder-Tuin-2026"}


def add_kees(page: Page, password: str = "Vlinder-Tuin-2026") -> Any:
    """Mijn gegevens, Extra account toevoegen, filled in for Kees and sent: the dialog."""
    page.goto("/#/mijn-gegevens")
    page.get_by_role("button", name="Extra account toevoegen").click()
    dialog = page.get_by_role("dialog", name="Extra account toevoegen")
    dialog.get_by_label("Naam").fill("Kees de Boer")
    dialog.get_by_label("E-mailadres").fill("kees@bakkerijzoet.example")
    dialog.get_by_label("Uw eigen wachtwoord").fill(password)
    dialog.get_by_role("button", name="Toevoegen").click()
    return dialog


def test_a_wrong_password_when_adding_is_shown_on_the_password_field(page: Page) -> None:
    api = company_page(page)
    api.on("/me/accounts", problem(401, "invalid_credentials"), status=401, method="POST")
    dialog = add_kees(page, "fout")
    password = dialog.get_by_label("Uw eigen wachtwoord")
    expect(password).to_be_focused()
    expect(password).to_have_value("")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(dialog.get_by_text("Het wachtwoord is onjuist.")).to_be_visible()
    expect(dialog.get_by_label("E-mailadres")).to_have_value("kees@bakkerijzoet.example")
    expect(page).to_have_url(re.compile("mijn-gegevens"))  # a form error, not a lost session


@pytest.mark.parametrize(("code", "field", "text"), [
    ("email_not_ascii", "E-mailadres", "Het deel vóór de @ mag alleen gewone letters"),
    ("hidden_characters", "Naam", "onzichtbare tekens"),
    ("name_invalid", "Naam", "Vul een geldige naam in."),
])
def test_a_refused_name_or_address_is_shown_on_its_field(page: Page, code: str, field: str, text: str) -> None:
    api = company_page(page)
    api.on("/me/accounts", problem(422, code), status=422, method="POST")
    dialog = add_kees(page)
    expect(dialog.get_by_label(field)).to_be_focused()
    expect(dialog.get_by_text(text)).to_be_visible()


def test_the_daily_limit_is_told_plainly(page: Page) -> None:
    api = company_page(page)
    api.on("/me/accounts", problem(429, "extra_accounts_daily_limit"), status=429, method="POST")
    dialog = add_kees(page)
    expect(dialog.get_by_role("alert")).to_contain_text("maximum aantal extra accounts")


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
    assert api.sent("PUT", "/api/me/notifications")[0]["body"] == {"documents": True, "questionnaires": True, "messages": True,
                                                                  "appointments": True}


def test_the_appointments_switch_is_its_own_in_both_languages(page: Page) -> None:
    api = login_as(page)
    api.on("/me/notifications", me(notifications={"documents": True, "questionnaires": True, "messages": False,
                                                  "appointments": False}), method="PUT")
    page.goto("/#/mijn-gegevens")
    appointments = page.get_by_role("switch", name="Afspraken (nieuw, verzet, geannuleerd, herinnering)")
    expect(appointments).to_be_checked()
    appointments.uncheck()
    expect(page.get_by_role("status").filter(has_text="Uw keuze is opgeslagen.")).to_be_visible()
    assert api.sent("PUT", "/api/me/notifications")[0]["body"] == {"documents": True, "questionnaires": True, "messages": False,
                                                                  "appointments": False}
    expect(page.get_by_role("switch", name="Nieuwe documenten")).to_be_checked()
    api.on("/me/language", me(language="en", notifications={"documents": True, "questionnaires": True, "messages": False,
                                                           "appointments": False}), method="PUT")
    page.get_by_label("English").check()
    expect(page.get_by_role("switch", name="Appointments (new, moved, cancelled, reminder)")).not_to_be_checked()


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


def test_turn_off_two_step_verification_with_the_password_and_a_texted_code(page: Page) -> None:
    api = login_as(page, me(two_factor={"method": "sms", "phone_hint": "••• ••• •78"}))
    api.on("/me/two-factor/step-up", {"status": "code_sent", "phone_hint": "••• ••• •78"}, status=202, method="POST")
    api.on("/me/two-factor", me(), method="DELETE")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="2-staps verificatie")
    expect(section).to_contain_text("Wij sturen die per sms naar ••• ••• •78.")
    section.get_by_label("Wachtwoord").fill("Geheim123")
    section.get_by_role("button", name="Uitschakelen").click()
    expect(section.get_by_label("Code uit de sms")).to_have_accessible_description(re.compile("Vul dit veld in"))
    section.get_by_role("button", name="Stuur code per sms").click()
    expect(section.get_by_role("status")).to_contain_text("We hebben een sms met een code gestuurd naar ••• ••• •78.")
    section.get_by_label("Code uit de sms").fill("654 321")
    section.get_by_role("button", name="Uitschakelen").click()
    expect(section).to_contain_text("2-staps verificatie is uitgeschakeld.")
    expect(section.get_by_role("button", name="Instellen met sms")).to_be_visible()
    assert api.sent("DELETE", "/api/me/two-factor")[0]["body"] == {"password": "Geheim123", "code": "654321"}


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


# ---------------------------------------------------------------- Ingelogde apparaten

SESSIONS = {
    "items": [
        {"id": "s-cur", "browser": "Firefox", "os": "Windows", "created_at": "2026-03-01T12:00:00Z", "last_seen": "2026-03-02T12:00:00Z", "current": True},
        {"id": "s-2", "browser": "Safari", "os": "iOS", "created_at": "2026-02-20T12:00:00Z", "last_seen": "2026-02-27T12:00:00Z", "current": False},
        {"id": "s/3", "browser": "Chrome", "os": None, "created_at": "2026-02-10T12:00:00Z", "last_seen": "2026-02-11T12:00:00Z", "current": False},
        {"id": "s-4", "browser": None, "os": None, "created_at": "2026-01-05T12:00:00Z", "last_seen": "2026-01-06T12:00:00Z", "current": False},
    ],
}


def sessions_page(page: Page, who: dict | None = None) -> Api:
    return login_as(page, who).on("/me/sessions", SESSIONS, method="GET")


def open_devices(page: Page, name: str = "Toon apparaten"):
    section = page.get_by_role("region", name="Ingelogde apparaten")
    section.get_by_role("button", name=name).click()
    return section


def test_devices_are_not_loaded_with_the_screen(page: Page) -> None:
    api = login_as(page, COMPANY).on("/me/accounts", ACCOUNTS, method="GET").on("/me/sessions", SESSIONS, method="GET")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="Ingelogde apparaten")
    expect(section).to_contain_text("Hier ziet u op welke apparaten u bent ingelogd. Herkent u een apparaat niet?")
    toggle = section.get_by_role("button", name="Toon apparaten")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator(f"#{toggle.get_attribute('aria-controls')}")).to_be_hidden()
    expect(page.get_by_role("heading", name="Extra accounts")).to_be_visible()
    assert api.paths() == ["GET /api/me", "GET /api/me/accounts"]  # the screen budget: 2 calls
    # After the password section: it belongs to security.
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings.index("Ingelogde apparaten") == headings.index("Wachtwoord wijzigen") + 1


def test_show_devices_lists_the_sessions_with_the_current_one_marked(page: Page) -> None:
    api = sessions_page(page)
    page.goto("/#/mijn-gegevens")
    section = open_devices(page)
    toggle = section.get_by_role("button", name="Toon apparaten")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    rows = section.get_by_role("list", name="Ingelogde apparaten").get_by_role("listitem")
    expect(rows).to_have_count(4)
    devices = [row.get_by_role("paragraph").first for row in (rows.nth(0), rows.nth(1), rows.nth(2), rows.nth(3))]
    expect(devices[0]).to_have_text("Firefox op Windows Dit apparaat")
    expect(rows.nth(0)).to_contain_text(re.compile(r"Ingelogd op 1 maart 2026 om \d\d:\d\d"))
    expect(rows.nth(0)).to_contain_text(re.compile(r"Laatst actief 2 maart 2026 om \d\d:\d\d"))
    expect(rows.nth(0).get_by_role("button")).to_have_count(0)  # the current device has no button
    expect(devices[1]).to_have_text("Safari op iOS")  # no badge on the other devices
    expect(devices[2]).to_have_text("Chrome")  # only what is known
    expect(devices[3]).to_have_text("Onbekend apparaat")
    safari = rows.nth(1).get_by_role("button", name="Uitloggen: Safari op iOS")
    expect(safari).to_have_text("Uitloggen")
    expect(safari).to_have_accessible_description(re.compile("Ingelogd op 20 februari 2026"))
    expect(section.get_by_role("button", name="Overal anders uitloggen")).to_be_visible()
    assert api.paths() == ["GET /api/me", "GET /api/me/sessions"]

    toggle.click()  # a second press hides the list
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(section.get_by_role("list")).to_be_hidden()
    toggle.click()  # and a later open loads it again
    expect(rows).to_have_count(4)
    assert len(api.sent("GET", "/api/me/sessions")) == 2
    assert page.console_errors == []


def test_sign_out_one_device(page: Page) -> None:
    api = sessions_page(page)
    api.on("/me/sessions/s-2", None, status=204, method="DELETE")
    api.on("/me/sessions/s%2F3", None, status=204, method="DELETE")
    page.goto("/#/mijn-gegevens")
    section = open_devices(page)
    rows = section.get_by_role("list", name="Ingelogde apparaten").get_by_role("listitem")
    section.get_by_role("button", name="Uitloggen: Safari op iOS").click()
    expect(rows).to_have_count(3)
    expect(section).not_to_contain_text("Safari op iOS")
    expect(section.get_by_role("status")).to_have_text("Het apparaat is uitgelogd.")
    expect(section.get_by_role("button", name="Uitloggen: Chrome")).to_be_focused()  # the next device's button
    assert len(api.sent("DELETE", "/api/me/sessions/s-2")) == 1
    assert api.sent("DELETE", "/api/me/sessions/s-2")[0]["headers"].get("x-portal-request") == "1"

    section.get_by_role("button", name="Uitloggen: Chrome").click()  # an id is one path segment
    expect(rows).to_have_count(2)
    assert len(api.sent("DELETE", "/api/me/sessions/s%2F3")) == 1
    assert real_console_errors(page) == []


def test_signing_out_the_last_other_device_moves_focus_to_the_heading(page: Page) -> None:
    api = login_as(page).on("/me/sessions", {"items": SESSIONS["items"][:2]}, method="GET")
    api.on("/me/sessions/s-2", None, status=204, method="DELETE")
    page.goto("/#/mijn-gegevens")
    section = open_devices(page)
    section.get_by_role("button", name="Uitloggen: Safari op iOS").click()
    expect(section.get_by_role("listitem")).to_have_count(1)
    expect(section.get_by_role("heading", name="Ingelogde apparaten")).to_be_focused()
    expect(section.get_by_role("button", name="Overal anders uitloggen")).to_be_hidden()


def test_a_device_that_is_already_signed_out_leaves_the_list(page: Page) -> None:
    api = sessions_page(page)
    api.on("/me/sessions/s-4", problem(404, "not_found"), status=404, method="DELETE")
    page.goto("/#/mijn-gegevens")
    section = open_devices(page)
    section.get_by_role("button", name="Uitloggen: Onbekend apparaat").click()
    expect(section.get_by_role("listitem")).to_have_count(3)
    expect(section.get_by_role("status")).to_have_text("Het apparaat was al uitgelogd.")
    expect(section.get_by_role("alert")).to_have_text("")
    expect(section.get_by_role("button", name="Uitloggen: Chrome")).to_be_focused()  # no next one: the previous
    assert len(api.sent("DELETE", "/api/me/sessions/s-4")) == 1


def test_a_failure_to_sign_out_a_device_is_shown_in_the_section(page: Page) -> None:
    api = sessions_page(page)
    api.on("/me/sessions/s-2", problem(500, "internal_error"), status=500, method="DELETE")
    page.goto("/#/mijn-gegevens")
    section = open_devices(page)
    button = section.get_by_role("button", name="Uitloggen: Safari op iOS")
    button.click()
    expect(section.get_by_role("alert")).to_contain_text("Er ging iets mis aan onze kant")
    expect(section.get_by_role("listitem")).to_have_count(4)
    expect(button).not_to_have_attribute("aria-disabled", "true")


def test_a_failure_to_load_the_devices_is_shown_in_the_section(page: Page) -> None:
    login_as(page).on("/me/sessions", problem(500, "internal_error"), status=500, method="GET")
    page.goto("/#/mijn-gegevens")
    section = open_devices(page)
    expect(section.get_by_role("alert")).to_contain_text("Er ging iets mis aan onze kant")
    expect(section.get_by_role("button", name="Toon apparaten")).to_have_attribute("aria-expanded", "false")


def test_sign_out_everywhere_else_after_confirming(page: Page) -> None:
    api = sessions_page(page)
    api.on("/me/sessions/end-others", {"ended": 3}, method="POST")
    page.goto("/#/mijn-gegevens")
    section = open_devices(page)
    everywhere = section.get_by_role("button", name="Overal anders uitloggen")
    everywhere.click()
    dialog = page.get_by_role("dialog", name="Uitloggen op andere apparaten")
    expect(dialog).to_contain_text("Op dit apparaat blijft u ingelogd.")
    expect(dialog.get_by_role("button", name="Annuleer")).to_be_focused()
    dialog.get_by_role("button", name="Annuleer").click()
    expect(everywhere).to_be_focused()
    assert api.sent("POST", "/api/me/sessions/end-others") == []

    everywhere.click()
    page.get_by_role("dialog").get_by_role("button", name="Overal anders uitloggen").click()
    rows = section.get_by_role("listitem")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_contain_text("Dit apparaat")
    expect(section.get_by_role("status")).to_have_text("U bent op 3 andere apparaten uitgelogd.")
    expect(everywhere).to_be_hidden()
    expect(section.get_by_role("heading", name="Ingelogde apparaten")).to_be_focused()
    assert api.sent("POST", "/api/me/sessions/end-others")[0]["body"] == {}


def test_sign_out_everywhere_else_says_one_device_in_the_singular(page: Page) -> None:
    api = login_as(page).on("/me/sessions", {"items": SESSIONS["items"][:2]}, method="GET")
    api.on("/me/sessions/end-others", {"ended": 1}, method="POST")
    page.goto("/#/mijn-gegevens")
    section = open_devices(page)
    section.get_by_role("button", name="Overal anders uitloggen").click()
    page.get_by_role("dialog").get_by_role("button", name="Overal anders uitloggen").click()
    expect(section.get_by_role("status")).to_have_text("U bent op 1 ander apparaat uitgelogd.")


def test_only_the_current_device_offers_no_sign_out_buttons(page: Page) -> None:
    login_as(page).on("/me/sessions", {"items": SESSIONS["items"][:1]}, method="GET")
    page.goto("/#/mijn-gegevens")
    section = open_devices(page)
    expect(section.get_by_role("listitem")).to_have_count(1)
    expect(section.get_by_role("button", name=re.compile("uitloggen", re.IGNORECASE))).to_have_count(0)


def test_devices_in_english(page: Page) -> None:
    api = sessions_page(page, me(language="en"))
    api.on("/me/sessions/end-others", {"ended": 3}, method="POST")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="Logged-in devices")
    expect(section).to_contain_text("Here you can see on which devices you are logged in.")
    section.get_by_role("button", name="Show devices").click()
    rows = section.get_by_role("list", name="Logged-in devices").get_by_role("listitem")
    expect(rows.nth(0)).to_contain_text("Firefox on Windows")
    expect(rows.nth(0)).to_contain_text("This device")
    expect(rows.nth(0)).to_contain_text(re.compile(r"Logged in on 1 March 2026 at \d\d:\d\d"))
    expect(rows.nth(0)).to_contain_text(re.compile(r"Last active 2 March 2026 at \d\d:\d\d"))
    expect(rows.nth(3)).to_contain_text("Unknown device")
    expect(section.get_by_role("button", name="Log out: Safari on iOS")).to_have_text("Log out")
    section.get_by_role("button", name="Log out everywhere else").click()
    page.get_by_role("dialog", name="Log out on other devices").get_by_role("button", name="Log out everywhere else").click()
    expect(section.get_by_role("status")).to_have_text("You have been logged out on 3 other devices.")
    assert page.console_errors == []


def test_devices_work_by_keyboard_only(page: Page) -> None:
    api = sessions_page(page)
    api.on("/me/sessions/s-2", None, status=204, method="DELETE")
    api.on("/me/sessions/end-others", {"ended": 2}, method="POST")
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="Ingelogde apparaten")
    toggle = section.get_by_role("button", name="Toon apparaten")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(section.get_by_role("listitem")).to_have_count(4)
    page.keyboard.press("Tab")  # the current device has no button: straight to the first other one
    expect(section.get_by_role("button", name="Uitloggen: Safari op iOS")).to_be_focused()
    page.keyboard.press("Space")
    expect(section.get_by_role("listitem")).to_have_count(3)
    expect(section.get_by_role("button", name="Uitloggen: Chrome")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    everywhere = section.get_by_role("button", name="Overal anders uitloggen")
    expect(everywhere).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Uitloggen op andere apparaten")
    page.keyboard.press("Escape")  # Escape cancels
    expect(dialog).to_have_count(0)
    expect(everywhere).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # from Annuleer back to the confirm button
    expect(dialog.get_by_role("button", name="Overal anders uitloggen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(section.get_by_role("listitem")).to_have_count(1)
    expect(section.get_by_role("heading", name="Ingelogde apparaten")).to_be_focused()
    page.keyboard.press("Tab")  # from the heading on to the toggle, which closes the list
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert len(api.sent("POST", "/api/me/sessions/end-others")) == 1
    assert real_console_errors(page) == []


def test_devices_fit_a_phone_screen(page: Page) -> None:
    sessions_page(page)
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto("/#/mijn-gegevens")
    section = open_devices(page)
    expect(section.get_by_role("listitem")).to_have_count(4)
    assert no_horizontal_scroll(page)
    box = section.get_by_role("button", name="Uitloggen: Safari op iOS").bounding_box()
    assert box and box["height"] >= 44 and box["width"] >= 44  # touch target size
