"""Issue 16, point 9 in Chromium against the local stack: the pages before login (invitation,
set-password, not found) carry the office's name in the header, not "Klantenportaal"; a logged-in
client on a page that does not exist keeps the logged-in header."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import live_data as live
from tests.support.clients import invite, token_from

pytestmark = pytest.mark.e2e


def office_name(stack) -> str:
    import requests

    return requests.get(stack.url + "/api/site", timeout=10).json()["office_name"]


def test_pages_before_login_carry_the_office_name(page: Page, stack) -> None:
    office = office_name(stack)
    assert office and office != "Klantenportaal"
    account = invite(stack, name="Fleur Kop")
    invitation = token_from(stack.mails(account["email"])[-1])
    brand = page.locator("#site-header .brand")
    for address in (f"/#/activeren/{invitation}", "/#/wachtwoord-instellen/onbekend", "/#/bestaat-niet"):
        page.goto("/#/login")  # a fresh page load each time: the name is not left over from login
        page.goto(address)
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(brand).to_have_text(office)
        expect(page).to_have_title(re.compile(re.escape(office)))


def test_a_logged_in_client_keeps_the_logged_in_header_on_an_unknown_page(page: Page, stack) -> None:
    _, account = live.client(stack, name="Gert Kop")
    live.sign_in(page, stack, account["email"])
    page.goto("/#/bestaat-niet")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(page.get_by_role("navigation", name=re.compile("."))).to_contain_text("Uitloggen")
    expect(page.get_by_role("group", name=re.compile("taal|Taal"))).to_have_count(0)
    assert live.console_errors(page) == []
