"""The manual's first login (1.1) through the real local stack: the staff create a client, the
client follows the invitation and set-password e-mails in the browser and lands on "Mijn gegevens".
No stubs here: this checks the site against the API as it is actually built."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PASSWORD = "Lindeboom-Akte-2026"


def route_of(link: str) -> str:
    """The site route of a mailed link; the mail's host is the configured SITE_URL, not this test stack."""
    return "/" + "#" + urlsplit(link).fragment


def link_in_latest_mail(stack, to: str, route: str) -> str:
    for mail in reversed(stack.mails(to)):
        for link in mail["links"]:
            if f"#/{route}/" in link:
                return route_of(link)
    raise AssertionError(f"no {route} link mailed to {to}: {stack.mails(to)}")


def test_first_login_from_invitation_to_my_details_and_back(page: Page, stack) -> None:
    email = f"klant-{uuid.uuid4().hex[:8]}@example.nl"
    created = stack.admin().post("/clients", {"name": "Sanne Visser", "email": email, "language": "nl"})
    assert created.ok, created.body

    page.goto(link_in_latest_mail(stack, email, "activeren"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Account activeren")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_role("status")).to_contain_text("Als dit e-mailadres bij ons bekend is")

    page.goto(link_in_latest_mail(stack, email, "wachtwoord-instellen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel uw wachtwoord in a.u.b.")
    page.get_by_label("Wachtwoord", exact=True).press_sequentially(PASSWORD)
    expect(page.get_by_text("Het wachtwoord voldoet aan de eisen.")).to_be_visible()
    page.get_by_role("button", name="Instellen wachtwoord").click()

    expect(page).to_have_url(re.compile(r"#/mijn-gegevens$"))
    expect(page.get_by_role("region", name="Uw account")).to_contain_text("Sanne Visser")
    expect(page.get_by_role("complementary", name="Acties")).to_contain_text("0")
    page.get_by_role("link", name="Home").click()
    tiles = page.get_by_role("list", name="Onderdelen").get_by_role("link")
    expect(tiles).to_have_count(3)
    expect(tiles.nth(0)).to_contain_text("0 in behandeling")

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("status")).to_have_text("U bent uitgelogd.")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("Verkeerd-wachtwoord-1")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("alert").last).to_contain_text("onjuist")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/home$"))
    assert [e for e in page.console_errors if "status of 401" not in e] == []


def test_company_main_account_sees_its_extra_accounts(page: Page, stack) -> None:
    email = f"directie-{uuid.uuid4().hex[:8]}@example.nl"
    created = stack.admin().post("/clients", {"name": "Bram Smit", "email": email, "language": "en", "company": "Smit Bouw B.V."})
    assert created.ok, created.body
    page.goto(link_in_latest_mail(stack, email, "activeren"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate your account")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status")).to_contain_text("If we know this email address")
    page.goto(link_in_latest_mail(stack, email, "wachtwoord-instellen"))
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Set password").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My details")
    accounts = page.get_by_role("region", name="Accounts")
    expect(accounts).to_contain_text("There are no extra accounts yet.")
    accounts.get_by_role("button", name="Add extra account").click()
    dialog = page.get_by_role("dialog", name="Add extra account")
    dialog.get_by_label("Name").fill("Lotte Smit")
    extra = f"lotte-{uuid.uuid4().hex[:8]}@example.nl"
    dialog.get_by_label("Email address").fill(extra)
    dialog.get_by_label("Your own password").fill(PASSWORD)
    dialog.get_by_role("button", name="Add").click()
    rows = accounts.get_by_role("list", name="Extra accounts").get_by_role("listitem")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Lotte Smit")
    expect(rows.first).to_contain_text("Invited")
    assert stack.mails(extra), "the extra account gets its invitation"

    rows.first.get_by_role("button", name="Remove account of Lotte Smit").click()
    page.get_by_role("dialog").get_by_role("button", name="Remove").click()
    expect(rows).to_have_count(0)
    expect(accounts).to_contain_text("There are no extra accounts yet.")
