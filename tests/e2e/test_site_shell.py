"""The site's frame and sign-in screens as a user sees them, against a stubbed client API."""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.e2e.site_stubs import ME, Api, login_as, me, problem, real_console_errors

NO_ACTIONS = {"items": [], "next_token": None}
ONE_ACTION = {"items": [{
    "id": "q-1", "title": "Vragenlijst testament", "dossier": {"id": "d-1", "number": "2026.0123", "description": "Testament"},
    "due_date": "2026-12-31", "note": None, "sent_at": "2026-11-01T09:00:00+00:00", "status": "sent",
    "page_count": 4, "saved_pages": [], "first_unsaved_page": 1,
}], "next_token": None}
DOSSIER_LIST = {"items": [
    {"id": "d-1", "number": "2026.0123", "description": "Levering Dorpsstraat 1", "status": "in_behandeling",
     "status_label": "In behandeling", "in_progress": True, "unread_total": 0},
    {"id": "d-2", "number": "2026.0100", "description": "Testament", "status": "afgerond",
     "status_label": "Afgerond", "in_progress": False, "unread_total": 0},
], "statuses": [], "total": 2, "next_token": None}
DOSSIER_PAGE = {"id": "d-1", "number": "2026.0123", "description": "Levering Dorpsstraat 1", "status": "in_behandeling",
                "status_label": "In behandeling", "in_progress": True, "unread_total": 0,
                "progress": {"done": 0, "total": 0, "steps": []},
                "tabs": {tab: {"count": 0, "unread": 0} for tab in ("correspondence", "documents", "supplied", "messages")},
                "first_page": {"tab": "correspondence", "items": [], "next_token": None}}

pytestmark = pytest.mark.e2e


def test_login_page_shows_the_dutch_texts_of_the_manual(page: Page) -> None:
    Api(page)
    page.goto("/#/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom op het klantenportaal")
    expect(page.get_by_label("E-mailadres")).to_be_visible()
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
    expect(page.get_by_role("button", name="Inloggen", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Instellen wachtwoord")).to_have_attribute("href", "#/wachtwoord")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("complementary")).to_be_hidden()  # no actions panel before login
    assert page.console_errors == []


def test_login_page_switches_to_english_and_remembers_it(page: Page) -> None:
    Api(page)
    page.goto("/#/login")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to the client portal")
    expect(page.get_by_role("button", name="Log in", exact=True)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to the client portal")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("button", name="Inloggen", exact=True)).to_be_visible()
    assert page.console_errors == []


def test_login_shows_its_own_translation_of_invalid_credentials(page: Page) -> None:
    api = Api(page).on("/session", problem(401, "invalid_credentials"), status=401, method="POST")
    page.goto("/#/login")
    page.get_by_label("E-mailadres").fill("jan@example.nl")
    page.get_by_label("Wachtwoord").fill("Verkeerd123")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("Het e-mailadres of het wachtwoord is onjuist.")
    expect(page).to_have_url(re.compile(r"#/login$"))  # a wrong password is no lost session
    sent = api.sent("POST", "/api/session")[0]
    assert sent["body"] == {"email": "jan@example.nl", "password": "Verkeerd123"}
    assert sent["headers"]["x-portal-request"] == "1"
    assert sent["headers"]["accept-language"] == "nl"
    assert sent["headers"]["content-type"] == "application/json"

    page.get_by_role("button", name="English").click()
    page.get_by_label("Email address").fill("jan@example.nl")
    page.get_by_label("Password").fill("Verkeerd123")
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("The email address or the password is incorrect.")
    assert api.sent("POST", "/api/session")[1]["headers"]["accept-language"] == "en"
    assert real_console_errors(page) == []


def test_login_asks_for_the_fields_before_calling_the_api(page: Page) -> None:
    api = Api(page)
    page.goto("/#/login")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    email = page.get_by_label("E-mailadres")
    expect(email).to_be_focused()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("Vul dit veld in"))
    assert api.calls == []


def test_login_opens_home_with_the_three_tiles_and_counts(page: Page) -> None:
    api = Api(page).on("/session", {"status": "ok", "first_login": False, "me": ME}, method="POST").on("/me", ME, method="GET")
    page.goto("/#/login")
    page.get_by_label("E-mailadres").fill("jan@example.nl")
    page.get_by_label("Wachtwoord").fill("Geheim123")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/home$"))
    tiles = page.get_by_role("list", name="Onderdelen").get_by_role("link")
    expect(tiles).to_have_count(3)
    expect(tiles.nth(0)).to_contain_text("Dossiers")
    expect(tiles.nth(0)).to_contain_text("2 in behandeling")
    expect(tiles.nth(0)).to_contain_text("5 totaal")
    expect(tiles.nth(1)).to_contain_text("Acties")
    expect(tiles.nth(1)).to_contain_text("3 openstaand")
    expect(tiles.nth(2)).to_contain_text("Mijn gegevens")
    expect(page.get_by_role("banner")).to_contain_text("Notariskantoor Van Dijk")
    expect(page.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(page).to_have_title(re.compile("Home – Notariskantoor Van Dijk"))
    # The login's answer carries Me, the counts and the panel's list; Home asks only for the appointment line.
    assert api.paths() == ["POST /api/session", "GET /api/home"]
    assert page.console_errors == []


def test_home_tiles_are_reachable_by_keyboard(page: Page) -> None:
    login_as(page)
    page.goto("/#/home")
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href') || document.activeElement.textContent"))
    assert {"#/dossiers", "#/acties", "#/mijn-gegevens"} <= set(reached)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#/(dossiers|acties|mijn-gegevens)$"))


def test_home_shows_zero_actions_when_there_are_none(page: Page) -> None:
    login_as(page, me(counts={"dossiers_in_progress": 0, "dossiers_total": 0, "actions_open": 0}))
    page.goto("/#/home")
    tiles = page.get_by_role("list", name="Onderdelen").get_by_role("link")
    expect(tiles.nth(1)).to_contain_text("0 openstaand")
    expect(page.get_by_role("complementary", name="Acties")).to_contain_text("U heeft geen openstaande acties.")


def test_home_loads_with_one_api_call_and_the_required_headers(page: Page) -> None:
    api = login_as(page)
    page.goto("/#/home")
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    assert api.paths() == ["GET /api/me", "GET /api/home"]  # Me, and Home's appointments and instructions
    headers = api.calls[0]["headers"]
    assert headers["x-portal-request"] == "1"
    assert headers["accept-language"] == "nl"


def test_actions_panel_is_visible_on_every_page_once_logged_in(page: Page) -> None:
    api = login_as(page, me(actions=ONE_ACTION["items"])).on("/actions", ONE_ACTION, method="GET")
    api.on("/dossiers", DOSSIER_LIST, method="GET").on("/dossiers/d-1*", DOSSIER_PAGE, method="GET")
    for route, heading in (("home", "Home"), ("dossiers", "Dossiers"), ("dossiers/d-1", "Levering Dorpsstraat 1"), ("acties", "Acties")):
        page.goto(f"/#/{route}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        panel = page.get_by_role("complementary", name="Acties")
        expect(panel).to_be_visible()
        expect(panel).to_contain_text("3 openstaand")
        if route != "acties":  # the Acties page lists them itself
            expect(panel.get_by_role("link", name="Invullen: Vragenlijst testament")).to_have_attribute("href", "#/vragenlijst/q-1")
            expect(panel).to_contain_text("Uiterlijk 31 december 2026")
    # The panel's list comes with Me: only the Acties page itself asks for the list.
    assert len(api.sent("GET", "/api/actions")) == 1
    assert page.console_errors == []


def test_the_actions_panel_asks_nothing_when_there_are_no_open_actions(page: Page) -> None:
    api = login_as(page, me(counts={"dossiers_in_progress": 0, "dossiers_total": 0, "actions_open": 0}))
    api.on("/actions", ONE_ACTION, method="GET")
    page.goto("/#/home")
    expect(page.get_by_role("complementary", name="Acties")).to_contain_text("U heeft geen openstaande acties.")
    assert api.paths() == ["GET /api/me", "GET /api/home"]  # no GET /api/actions


def test_user_language_from_me_is_used_for_the_screens(page: Page) -> None:
    login_as(page, me(language="en"))
    page.goto("/#/home")
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("list", name="Sections")).to_contain_text("2 in progress")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_logout_ends_the_session_and_returns_to_login(page: Page) -> None:
    api = login_as(page).on("/session", None, status=204, method="DELETE")
    page.goto("/#/home")
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"#/login$"))
    expect(page.get_by_role("status")).to_have_text("U bent uitgelogd.")
    assert api.sent("DELETE", "/api/session")[0]["headers"]["x-portal-request"] == "1"


def test_lost_session_goes_to_login_and_returns_to_the_page_after_login(page: Page) -> None:
    api = Api(page)
    api.on("/me", problem(401, "session_expired"), status=401, method="GET")
    page.goto("/#/dossiers")
    expect(page).to_have_url(re.compile(r"#/login$"))
    expect(page.get_by_role("alert").first).to_have_text("Uw sessie is verlopen. Log opnieuw in.")
    api.on("/me", ME, method="GET")
    api.on("/session", {"status": "ok", "first_login": False, "me": ME}, method="POST")
    api.on("/dossiers", DOSSIER_LIST, method="GET")
    page.get_by_label("E-mailadres").fill("jan@example.nl")
    page.get_by_label("Wachtwoord").fill("Geheim123")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/dossiers$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers")


def test_first_visit_without_session_shows_plain_login(page: Page) -> None:
    Api(page)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"#/login$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom op het klantenportaal")
    expect(page.get_by_role("alert")).to_have_text("")  # no "session expired" for a first visit


def test_second_step_with_sms_code(page: Page) -> None:
    api = Api(page)
    api.on("/session", {"status": "second_factor_required", "methods": ["sms", "recovery"], "phone_hint": "••• ••• •78"}, method="POST")
    api.on("/session/second-factor", {"status": "ok", "first_login": False, "me": ME}, method="POST")
    api.on("/me", ME, method="GET")
    page.goto("/#/login")
    page.get_by_label("E-mailadres").fill("jan@example.nl")
    page.get_by_label("Wachtwoord").fill("Geheim123")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/tweede-stap$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("2-staps verificatie")
    expect(page.get_by_text("We hebben een sms met een code gestuurd naar ••• ••• •78.")).to_be_visible()
    page.get_by_label("Code").fill("123 456")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/home$"))
    assert api.sent("POST", "/api/session/second-factor")[0]["body"] == {"method": "sms", "code": "123456"}


def test_second_step_with_recovery_code_shows_the_new_code_once(page: Page) -> None:
    api = Api(page)
    api.on("/session", {"status": "second_factor_required", "methods": ["totp", "recovery"], "phone_hint": None}, method="POST")
    api.on("/session/second-factor", lambda route: (
        (401, problem(401, "code_invalid")) if "WRONG" in (route.request.post_data or "") else
        {"status": "ok", "first_login": False, "me": ME, "recovery_code": "ABCD-EFGH-JKLM-NPQR"}), method="POST")
    api.on("/me", ME, method="GET")
    page.goto("/#/login")
    page.get_by_label("E-mailadres").fill("jan@example.nl")
    page.get_by_label("Wachtwoord").fill("Geheim123")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("Voer de code in die uw authenticator-app nu toont.")).to_be_visible()
    page.get_by_role("button", name=re.compile("herstelcode")).click()
    expect(page.get_by_label("Herstelcode")).to_be_focused()
    page.get_by_label("Herstelcode").fill("1111-2222-3333-4444")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw nieuwe herstelcode")
    expect(page.get_by_text("ABCD-EFGH-JKLM-NPQR")).to_be_visible()
    expect(page.get_by_text(re.compile("Schrijf deze herstelcode op"))).to_be_visible()
    page.get_by_role("button", name="Ik heb de herstelcode opgeschreven").click()
    expect(page).to_have_url(re.compile(r"#/home$"))
    assert api.sent("POST", "/api/session/second-factor")[0]["body"] == {"method": "recovery", "code": "1111-2222-3333-4444"}


def test_second_step_without_a_pending_login_goes_to_login(page: Page) -> None:
    Api(page)
    page.goto("/#/tweede-stap")
    expect(page).to_have_url(re.compile(r"#/login$"))


def test_unknown_page_says_so(page: Page) -> None:
    Api(page)
    page.goto("/#/bestaat-niet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")


def test_skip_link_moves_focus_to_the_page_heading(page: Page) -> None:
    login_as(page)
    page.goto("/#/home")
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    expect(page).to_have_url(re.compile(r"#/home$"))


def test_tiles_stack_on_a_phone_without_horizontal_scroll(page: Page) -> None:
    login_as(page)
    for width in (375, 320):
        page.set_viewport_size({"width": width, "height": 740})
        page.goto("/#/home")
        tiles = page.get_by_role("list", name="Onderdelen").get_by_role("link")
        expect(tiles).to_have_count(3)
        boxes = [tiles.nth(i).bounding_box() for i in range(3)]
        assert boxes[0]["x"] == boxes[1]["x"] == boxes[2]["x"]
        assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.goto("/#/login")
    expect(page.get_by_role("button", name="Inloggen", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_buttons_and_fields_are_large_enough_to_touch(page: Page) -> None:
    login_as(page)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/#/home")
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    small = page.evaluate("""() => [...document.querySelectorAll('button, input:not([type=checkbox]):not([type=radio]), nav a, .tile')]
        .filter((el) => el.offsetParent && el.getBoundingClientRect().height < 44)
        .map((el) => el.outerHTML.slice(0, 80))""")
    assert small == []


def test_site_is_served_under_a_strict_csp_without_inline_code(page: Page, stack) -> None:
    answer = requests.get(stack.url + "/", timeout=10)
    csp = answer.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    html = answer.text
    assert re.findall(r"<script\b[^>]*>", html) == ['<script type="module" src="/js/app.js">']
    assert " style=" not in html and "<style" not in html and not re.search(r"\son[a-z]+=", html)
    login_as(page)
    page.goto("/#/home")
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    assert page.evaluate("document.querySelectorAll('[style]').length") == 0
    assert page.console_errors == []  # a CSP violation would be reported here


def test_first_visit_weighs_less_than_150_kb(page: Page) -> None:
    sizes: dict[str, int] = {}
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())) if response.ok else None)
    Api(page)
    page.goto("/#/login")
    expect(page.get_by_role("button", name="Inloggen", exact=True)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert sum(sizes.values()) < 150_000, sizes


def test_a_failing_page_offers_to_try_again(page: Page) -> None:
    api = Api(page)
    api.on("/me", {**problem(500, "internal_error"), "correlation_id": "req-42"}, status=500, method="GET")
    page.goto("/#/home")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina kon niet worden geladen")
    expect(page.get_by_role("alert")).to_contain_text("Er ging iets mis aan onze kant")
    expect(page.get_by_role("alert")).to_contain_text("Referentie: req-42")
    api.on("/me", ME, method="GET")
    page.get_by_role("button", name="Opnieuw proberen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")


def test_the_acties_page_loads_more_fifty_at_a_time(page: Page) -> None:
    second = {**ONE_ACTION["items"][0], "id": "q-2", "title": "Vragenlijst levering"}
    api = login_as(page).on("/actions", {**ONE_ACTION, "next_token": "tok/1"}, method="GET")
    page.goto("/#/acties")
    items = page.get_by_role("list", name="Uw openstaande acties").get_by_role("listitem")
    expect(items).to_have_count(1)
    api.on("/actions?next_token=*", problem(500, "internal_error", "Er ging iets mis."), status=500, method="GET")
    page.get_by_role("button", name="Meer laden").click()
    expect(page.get_by_role("alert").first).to_contain_text("Er ging iets mis")
    expect(items).to_have_count(1)  # what was shown stays, and the button is still there to retry
    api.on("/actions?next_token=*", {"items": [second], "next_token": None}, method="GET")
    page.get_by_role("button", name="Meer laden").click()
    expect(items).to_have_count(2)
    expect(items.nth(1)).to_contain_text("Vragenlijst levering")
    expect(page.get_by_role("button", name="Meer laden")).to_have_count(0)
    assert api.calls[-1]["query"] == "next_token=tok%2F1"
