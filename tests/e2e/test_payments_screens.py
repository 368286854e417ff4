"""Payment instructions in Chromium against the local stack (issue 18): Home's line, the dossier's
"Betaalinstructie" with copy buttons, a change shown as changed with the old version, and
"Rekeningnummer controleren" from the login page without logging in. Dutch and English."""

from __future__ import annotations

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from portal_admin.client import AdminClient

from tests.e2e.live_data import client, console_errors, dossier, login, sign_in

pytestmark = pytest.mark.e2e

DEMO_ESCROW = "NL91ABNA0417164300"  # seeded by the local stack's demo data
TERMS = {"amount_cents": 41_237_550, "iban": DEMO_ESCROW, "reference": "2026 Koopsom Kerkstraat 7",
         "due_date": "2026-12-31", "purpose": "Koopsom en kosten levering Kerkstraat 7"}


def published(stack, account: dict, dossier_id: str, **terms) -> dict:
    answer = stack.admin().post(f"/dossiers/{dossier_id}/payments", {**TERMS, **terms, "party_id": account["id"]})
    assert answer.status == 201, answer.body
    return answer.body


def no_serious_axe_violations(page: Page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def opened_current(stack, dossier_id: str) -> bool:
    return stack.admin().get(f"/dossiers/{dossier_id}/payments").body["items"][0]["opened_current"]


def test_the_client_opens_the_full_instruction_on_home_and_copies_it_on_the_dossier_page(page: Page, stack) -> None:
    _, account = client(stack, name="Koper Betaling")
    created = dossier(stack, account, description="Levering Kerkstraat 7")
    instruction = published(stack, account, created["id"])
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    sign_in(page, stack, account["email"])
    home = page.get_by_role("region", name="Betaalinstructie")
    expect(home).to_contain_text("€ 412.375,50")
    expect(home).to_contain_text("Wij sturen u nooit per e-mail of telefoon een ander rekeningnummer.")
    opener = home.get_by_role("button", name=re.compile("Koopsom en kosten levering Kerkstraat 7"))
    expect(opener).to_have_attribute("aria-expanded", "false")
    assert not opened_current(stack, created["id"])  # Home's first paint reports nothing as opened

    opener.click()  # the same card as the dossier page's, on Home
    card = home.get_by_role("article")
    expect(card).to_contain_text("NL91 ABNA 0417 1643 00")
    expect(card).to_contain_text("Stichting Derdengelden")
    expect(card).to_contain_text("2026 Koopsom Kerkstraat 7")
    expect(card).to_contain_text("31 december 2026")
    expect(card).to_contain_text("Wij sturen u nooit per e-mail of telefoon een ander rekeningnummer.")
    expect(card.get_by_role("button", name="Afdrukken")).to_be_visible()
    expect(card).not_to_contain_text("null")  # a missing part is left out, not written out
    card.get_by_role("button", name="Betalingskenmerk kopiëren").click()
    assert page.evaluate("navigator.clipboard.readText()") == "2026 Koopsom Kerkstraat 7"
    no_serious_axe_violations(page)
    for _ in range(20):  # opening it on Home is what staff see
        if opened_current(stack, created["id"]):
            break
        page.wait_for_timeout(100)
    assert opened_current(stack, created["id"])
    assert stack.admin().get(f"/dossiers/{created['id']}/payments").body["items"][0]["id"] == instruction["id"]

    home.get_by_role("link", name="Naar het dossier").click()
    card = page.get_by_role("article")
    expect(card).to_contain_text("NL91 ABNA 0417 1643 00")
    card.get_by_role("button", name="Rekeningnummer (IBAN) kopiëren").click()
    expect(card.get_by_role("status")).to_contain_text("is gekopieerd")
    assert page.evaluate("navigator.clipboard.readText()") == DEMO_ESCROW
    card.get_by_role("button", name="Bedrag kopiëren").click()
    assert page.evaluate("navigator.clipboard.readText()") == "412375,50"
    no_serious_axe_violations(page)
    assert console_errors(page) == []


def test_a_changed_instruction_is_marked_changed_and_keeps_the_old_version(page: Page, stack) -> None:
    _, account = client(stack, name="Koper Wijziging", language="en")
    created = dossier(stack, account, description="Transfer Kerkstraat 9")
    instruction = published(stack, account, created["id"])
    base = f"/dossiers/{created['id']}/payments/{instruction['id']}/changes"
    assert stack.admin().post(base, {**TERMS, "amount_cents": 41_240_000}).status == 201
    os.environ["PORTAL_ADMIN_LOCAL_STAFF"] = "second"
    try:
        approved = AdminClient(stack.url + "/admin").post(base + "/approve", {})
    finally:
        del os.environ["PORTAL_ADMIN_LOCAL_STAFF"]
    assert approved.status == 200, approved.body

    login(page, account["email"], english=True)
    page.goto(f"/#/dossiers/{created['id']}/betaalinstructie")
    card = page.get_by_role("article")
    expect(card).to_contain_text("Changed")
    expect(card).to_contain_text("€412,400.00")
    card.get_by_text("Earlier versions (1)").click()
    expect(card).to_contain_text("€412,375.50")
    expect(card).to_contain_text("We will never send you a different account number by e-mail or phone.")


def test_an_account_number_is_checked_from_the_login_page_without_logging_in(page: Page, stack) -> None:
    page.goto("/#/login")
    page.get_by_role("link", name="Rekeningnummer controleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rekeningnummer controleren")
    field = page.get_by_label("Rekeningnummer (IBAN)")
    field.fill("nl91 abna 0417 1643 00")
    page.get_by_role("button", name="Controleren").click()
    expect(page.locator(".iban-yes")).to_contain_text("Dit is een rekening van")
    field.fill("NL93 RABO 0987 6543 21")
    page.get_by_role("button", name="Controleren").click()
    expect(page.locator(".iban-no")).to_contain_text("Dit is GEEN rekening van")
    expect(page.locator(".iban-no")).to_contain_text("Maak niets over en bel ons op het nummer op onze website.")
    no_serious_axe_violations(page)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check an account number")
    page.get_by_label("Account number (IBAN)").fill("NL93RABO0987654321")
    page.get_by_role("button", name="Check").click()
    expect(page.locator(".iban-no")).to_contain_text("This is NOT an account of")
    assert console_errors(page) == []
