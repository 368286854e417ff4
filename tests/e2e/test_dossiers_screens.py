"""Dossiers (manual 2.1 to 2.1.1.3) in Chromium against the real local stack: staff set up
clients, dossiers, progress and documents through the admin API; the client logs in and finds,
searches, filters, opens and downloads them, in Dutch and in English (issue 4's e2e list)."""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.e2e import live_data as live
from tests.e2e.site_stubs import login_as

pytestmark = pytest.mark.e2e


def test_login_page_welcomes_with_the_office_name_from_the_api(page: Page, stack) -> None:
    office = requests.get(stack.url + "/api/site", timeout=10).json()["office_name"]
    page.goto("/#/login")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welkom op het klantenportaal van {office}")
    expect(page.locator(".brand")).to_have_text(office)
    assert page.console_errors == []


def test_home_counts_search_by_number_and_description_and_status_filter(page: Page, stack) -> None:
    _, account = live.client(stack, name="Sanne de Boer")
    delivery = live.dossier(stack, account, description="Levering Dorpsstraat 1 Utrecht")
    live.dossier(stack, account, description="Hypotheek Kerkweg 12 Zeist")
    will = live.dossier(stack, account, description="Testament Sanne de Boer", status="afgerond")

    live.sign_in(page, stack, account["email"])
    dossiers_tile = page.get_by_role("list", name="Onderdelen").get_by_role("link").first
    expect(dossiers_tile).to_contain_text("2 in behandeling")
    expect(dossiers_tile).to_contain_text("3 totaal")
    dossiers_tile.click()

    expect(page).to_have_url(re.compile(r"#/dossiers$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers")
    rows = page.get_by_role("list", name="Uw dossiers").get_by_role("listitem")
    expect(rows).to_have_count(3)

    search = page.get_by_role("searchbox", name="Zoek")
    search.fill(will["number"])
    page.get_by_role("button", name="Zoek", exact=True).click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Testament Sanne de Boer")
    expect(page.get_by_role("status").filter(has_text="gevonden")).to_have_text("1 dossier gevonden.")

    search.fill("dorpsstraat")  # any case; the list follows the typing without a button
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(delivery["number"])

    search.fill("")
    page.get_by_role("button", name="Zoek", exact=True).click()
    expect(rows).to_have_count(3)
    filter_button = page.get_by_role("button", name="Filter")
    expect(filter_button).to_have_attribute("aria-expanded", "false")
    filter_button.click()
    statuses = page.get_by_role("group", name="Toon alleen dossiers met de status")
    statuses.get_by_label(re.compile("^Afgerond")).check()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Afgerond")
    statuses.get_by_label(re.compile("^In behandeling")).check()
    expect(rows).to_have_count(3)
    statuses.get_by_label(re.compile("^Afgerond")).uncheck()
    expect(rows).to_have_count(2)
    statuses.get_by_label(re.compile("^In behandeling")).uncheck()
    expect(rows).to_have_count(3)
    assert live.console_errors(page) == []


def test_the_filter_is_only_offered_with_several_statuses(page: Page, stack) -> None:
    _, account = live.client(stack)
    live.dossier(stack, account, description="Levering A")
    live.dossier(stack, account, description="Levering B")
    live.sign_in(page, stack, account["email"])
    page.goto("/#/dossiers")
    expect(page.get_by_role("list", name="Uw dossiers").get_by_role("listitem")).to_have_count(2)
    expect(page.get_by_role("button", name="Filter")).to_have_count(0)


def test_a_single_dossier_opens_at_once_with_progress_zero_of_zero(page: Page, stack) -> None:
    _, account = live.client(stack, name="Piet Jansen")
    only = live.dossier(stack, account, description="Levering Molenweg 3 Amersfoort")
    live.sign_in(page, stack, account["email"])
    page.get_by_role("list", name="Onderdelen").get_by_role("link", name=re.compile("Dossiers")).click()

    expect(page).to_have_url(re.compile(rf"#/dossiers/{only['id']}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Levering Molenweg 3 Amersfoort")
    expect(page.get_by_text(only["number"])).to_be_visible()
    expect(page.get_by_role("link", name="Alle dossiers")).to_have_count(0)  # it would only come back here
    progress = page.get_by_role("button", name="Voortgang (0/0)")
    expect(progress).to_have_attribute("aria-expanded", "false")
    progress.click()
    expect(page.get_by_text("Voor dit dossier is (nog) geen voortgangslijst beschikbaar.")).to_be_visible()
    page.go_back()  # the list was replaced by the dossier: back is Home
    expect(page).to_have_url(re.compile(r"#/home$"))
    assert live.console_errors(page) == []


def test_progress_tabs_and_download_of_a_letter_clears_its_unread_mark(page: Page, stack) -> None:
    _, account = live.client(stack, name="Fatima el Idrissi")
    delivery = live.dossier(stack, account, description="Levering Dorpsstraat 1 Utrecht")
    live.dossier(stack, account, description="Testament")
    live.progress(stack, delivery["id"], [
        ("Opdracht ontvangen", "Instruction received", True),
        ("Concept akte verstuurd", "Draft deed sent", True),
        ("Akte gepasseerd", "Deed signed", False),
    ])
    live.publish(stack, delivery["id"], title="Brief over de levering", tab="correspondence", file_name="brief-levering.pdf")
    live.publish(stack, delivery["id"], title="Concept akte", tab="documents", file_name="concept-akte.pdf")
    live.sign_in(page, stack, account["email"])
    page.goto("/#/dossiers")
    row = page.get_by_role("list", name="Uw dossiers").get_by_role("link", name=re.compile("Dorpsstraat"))
    expect(row).to_contain_text("2 ongelezen")
    row.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Levering Dorpsstraat 1 Utrecht")
    expect(page.get_by_text("In behandeling", exact=True)).to_be_visible()
    progress = page.get_by_role("button", name="Voortgang (2/3)")
    expect(progress).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text("Concept akte verstuurd")).to_be_hidden()
    progress.click()
    expect(progress).to_have_attribute("aria-expanded", "true")
    steps = page.locator(".steps li")
    expect(steps).to_have_count(3)
    expect(steps.nth(1)).to_contain_text("Concept akte verstuurd (afgerond)")
    expect(steps.nth(2)).to_contain_text("Akte gepasseerd (nog niet afgerond)")

    tabs = page.get_by_role("tablist", name="Onderdelen van het dossier").get_by_role("tab")
    expect(tabs).to_have_count(4)
    correspondence = page.get_by_role("tab", name=re.compile("^Correspondentie"))
    expect(correspondence).to_have_attribute("aria-selected", "true")
    expect(correspondence).to_have_accessible_name("Correspondentie (1 item, 1 ongelezen)")
    expect(page.get_by_role("tab", name=re.compile("^Door mij aangeleverd"))).to_contain_text("(0)")

    letters = page.get_by_role("tabpanel", name=re.compile("^Correspondentie")).get_by_role("listitem")
    expect(letters).to_have_count(1)
    expect(letters.first).to_contain_text("Ongelezen")
    with page.expect_download() as fetched:
        letters.first.get_by_role("button", name="Download: Brief over de levering").click()
    assert fetched.value.suggested_filename == "brief-levering.pdf"
    expect(letters.first.get_by_text("Ongelezen")).to_be_hidden()
    expect(correspondence).to_have_accessible_name("Correspondentie (1 item)")
    expect(correspondence.locator(".tab-unread")).to_be_hidden()

    # Arrow keys move between the tabs; the address keeps the open tab.
    correspondence.focus()
    page.keyboard.press("ArrowRight")
    documents = page.get_by_role("tab", name=re.compile("^Documenten"))
    expect(documents).to_be_focused()
    expect(documents).to_have_attribute("aria-selected", "true")
    expect(page).to_have_url(re.compile(r"/documenten$"))
    expect(page.get_by_role("tabpanel", name=re.compile("^Documenten"))).to_contain_text("Concept akte")
    page.keyboard.press("End")
    expect(page.get_by_role("tab", name=re.compile("^Berichten"))).to_be_focused()

    page.get_by_role("link", name="Alle dossiers").click()
    expect(row).to_contain_text("1 ongelezen")
    assert live.console_errors(page) == []


def test_a_document_visible_only_to_the_buyer_is_absent_for_the_seller(page: Page, stack) -> None:
    _, buyer = live.client(stack, name="Koper Kees")
    _, seller = live.client(stack, name="Verkoper Vera")
    shared = live.dossier(stack, buyer, seller, description="Levering Stationsweg 8")
    live.publish(stack, shared["id"], title="Leveringsakte concept", tab="documents")
    live.publish(stack, shared["id"], title="Hypotheekofferte koper", tab="documents", visible_to=[buyer["id"]])

    live.sign_in(page, stack, seller["email"])
    page.goto(f"/#/dossiers/{shared['id']}/documenten")
    documents = page.get_by_role("tabpanel", name=re.compile("^Documenten")).get_by_role("listitem")
    expect(documents).to_have_count(1)
    expect(documents.first).to_contain_text("Leveringsakte concept")
    expect(page.get_by_text("Hypotheekofferte koper")).to_have_count(0)
    live.logout(page)

    live.sign_in(page, stack, buyer["email"])
    page.goto(f"/#/dossiers/{shared['id']}/documenten")
    expect(documents).to_have_count(2)
    expect(documents.first).to_contain_text("Hypotheekofferte koper")


def test_another_clients_dossier_reads_as_not_found(page: Page, stack) -> None:
    _, owner = live.client(stack)
    _, stranger = live.client(stack)
    private = live.dossier(stack, owner, description="Prive")
    live.sign_in(page, stack, stranger["email"])
    page.goto(f"/#/dossiers/{private['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossier niet gevonden")


def test_the_dossier_flow_in_english_and_on_a_phone(page: Page, stack) -> None:
    _, account = live.client(stack, name="Emma Clarke", language="en")
    delivery = live.dossier(stack, account, description="Transfer 5 Canal Street")
    live.dossier(stack, account, description="Will Emma Clarke", status="afgerond")
    live.progress(stack, delivery["id"], [("Akte ontvangen", "Deed received", True), ("Passeren", "Signing", False)])
    live.publish(stack, delivery["id"], title="Letter about the transfer", tab="correspondence", file_name="letter.pdf")
    live.login(page, account["email"], english=True)
    expect(page.get_by_role("list", name="Sections").get_by_role("link").first).to_contain_text("1 in progress")
    page.get_by_role("list", name="Sections").get_by_role("link", name=re.compile("Dossiers")).click()
    page.get_by_role("searchbox", name="Search").fill("canal")
    rows = page.get_by_role("list", name="Your dossiers").get_by_role("listitem")
    expect(rows).to_have_count(1)
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("group", name="Only show dossiers with the status").get_by_label(re.compile("^Completed")).check()
    expect(page.get_by_text("No dossiers match.")).to_be_visible()
    page.get_by_role("searchbox", name="Search").fill("")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Will Emma Clarke")
    page.goto(f"/#/dossiers/{delivery['id']}")
    page.get_by_role("button", name="Progress (1/2)").click()
    expect(page.get_by_text("Deed received (done)")).to_be_visible()
    for name in ("Correspondence", "Documents", "Supplied by me", "Messages"):
        expect(page.get_by_role("tab", name=re.compile(f"^{name}"))).to_be_visible()
    with page.expect_download() as fetched:
        page.get_by_role("button", name="Download: Letter about the transfer").click()
    assert fetched.value.suggested_filename == "letter.pdf"
    expect(page.get_by_role("tabpanel", name=re.compile("^Correspondence")).get_by_text("Unread")).to_be_hidden()

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transfer 5 Canal Street")
    page.get_by_role("button", name="Progress (1/2)").click()
    assert live.no_horizontal_scroll(page)
    page.screenshot(path=str(live.SHOTS / "dossier-en-375.png"), full_page=True)
    assert live.console_errors(page) == []


def test_the_dossier_page_loads_with_one_call_of_its_own(page: Page) -> None:
    tabs = {tab: {"count": 0, "unread": 0} for tab in ("correspondence", "documents", "supplied", "messages")}
    api = login_as(page)
    api.on("/dossiers/d-9*", {"id": "d-9", "number": "2026.9", "description": "Levering", "status": "in_behandeling",
                             "status_label": "In behandeling", "in_progress": True, "unread_total": 0,
                             "progress": {"done": 0, "total": 0, "steps": []}, "tabs": tabs,
                             "first_page": {"tab": "correspondence", "items": [], "next_token": None}}, method="GET")
    api.on("/dossiers/d-9/items*", {"items": [], "next_token": None}, method="GET")
    page.goto("/#/dossiers/d-9")
    expect(page.get_by_text("Er is nog geen correspondentie.")).to_be_visible()
    assert api.paths() == ["GET /api/me", "GET /api/dossiers/d-9"]  # the open tab's list came along
    assert api.calls[-1]["query"] == "tab=correspondence"
    page.get_by_role("tab", name=re.compile("^Documenten")).click()  # another tab: its list when opened
    expect(page.get_by_text("Er zijn nog geen documenten.")).to_be_visible()
    assert api.paths()[-1] == "GET /api/dossiers/d-9/items" and api.calls[-1]["query"] == "tab=documents"
    assert page.console_errors == []


def test_the_list_loads_25_dossiers_at_a_time(page: Page, stack) -> None:
    _, account = live.client(stack, name="Vastgoed Beheer")
    for index in range(26):
        live.dossier(stack, account, description=f"Levering pand {index + 1}")
    live.sign_in(page, stack, account["email"])
    page.goto("/#/dossiers")
    rows = page.get_by_role("list", name="Uw dossiers").get_by_role("listitem")
    expect(rows).to_have_count(25)
    page.get_by_role("button", name="Meer laden").click()
    expect(rows).to_have_count(26)
    expect(page.get_by_role("button", name="Meer laden")).to_have_count(0)
    page.get_by_role("searchbox", name="Zoek").fill("pand 1")  # 1, 10-19: one page, no more to load
    expect(rows).to_have_count(11)
    expect(page.get_by_role("status").filter(has_text="gevonden")).to_have_text("11 dossiers gevonden.")
