"""Issue 16, points 6 and 7 in Chromium against the local stack: an older link says a newer one was
sent, and a typo in the address on the link request has a way back ("Ander e-mailadres")."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.clients import invite, token_from

pytestmark = pytest.mark.e2e


def test_an_older_link_says_a_newer_one_was_sent(page: Page, stack) -> None:
    account = invite(stack, name="Els Ouder")
    invitation = token_from(stack.mails(account["email"])[-1])
    page.goto(f"/#/activeren/{invitation}")
    page.get_by_label("E-mailadres").fill(account["email"])
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_role("status")).to_contain_text("Als dit e-mailadres bij ons bekend is")
    older = token_from(stack.mails(account["email"])[-1])
    page.goto("/#/wachtwoord")
    page.get_by_label("E-mailadres").fill(account["email"])
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_role("status")).to_contain_text("Als dit e-mailadres bij ons bekend is")

    page.goto(f"/#/wachtwoord-instellen/{older}")
    expect(page.get_by_role("alert")).to_have_text(
        "Er is na deze link een nieuwere verstuurd. Gebruik de link in de laatste e-mail die u van ons kreeg.")
    expect(page.get_by_role("alert")).not_to_contain_text("verlopen")


def test_a_typo_in_the_address_has_a_way_back(page: Page, stack) -> None:
    account = invite(stack, name="Piet Tikfout")
    invitation = token_from(stack.mails(account["email"])[-1])
    page.goto(f"/#/activeren/{invitation}")
    typo = account["email"].replace("@", "x@")
    page.get_by_label("E-mailadres").fill(typo)
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_role("status")).to_contain_text("Als dit e-mailadres bij ons bekend is")
    expect(page.get_by_label("E-mailadres")).to_have_count(0)

    page.get_by_role("button", name="Ander e-mailadres").click()
    field = page.get_by_label("E-mailadres")
    expect(field).to_be_focused()
    expect(field).to_have_value(typo)  # the address as typed, to correct
    expect(page.get_by_role("status")).to_have_text("")
    field.fill(account["email"])
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_role("status")).to_contain_text("Als dit e-mailadres bij ons bekend is")
    assert "wachtwoord-instellen" in stack.mails(account["email"])[-1]["links"][0]
