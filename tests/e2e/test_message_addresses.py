"""Issue 16, points 1 and 2 in Chromium against the local stack: every view of a dossier has its own
address (tab, open message, reply form), Back and Forward step through them, a link survives a
reload and a login in between; a message being written asks before it is left and is kept as a
draft until sent or discarded."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import live_data as live
from tests.e2e.test_messages_screens import dossier_with_office_message, messages_tab
from tests.support.clients import PASSWORD

pytestmark = pytest.mark.e2e


def test_a_message_and_its_reply_form_have_addresses_back_and_forward_step_through(page: Page, stack) -> None:
    _, account, dossier, office = dossier_with_office_message(stack, name="Ria Adres")
    live.sign_in(page, stack, account["email"])
    messages_tab(page, dossier)
    rows = page.get_by_role("list", name="Berichten").get_by_role("listitem")
    rows.first.get_by_role("button").click()
    heading = page.get_by_role("heading", name="Kopie legitimatie")
    expect(heading).to_be_visible()
    expect(page).to_have_url(re.compile(f"/berichten/{office['id']}$"))

    page.go_back()
    expect(rows).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/berichten$"))
    page.go_forward()
    expect(heading).to_be_visible()
    page.reload()
    expect(page.get_by_role("article", name="Kopie legitimatie")).to_contain_text("Wilt u een kopie van uw paspoort sturen?")

    page.get_by_role("button", name="Beantwoorden").click()
    expect(page).to_have_url(re.compile(f"/berichten/{office['id']}/beantwoorden$"))
    page.reload()
    form = page.get_by_role("region", name="Beantwoorden")
    expect(form.get_by_label("Onderwerp")).to_have_value("Re: Kopie legitimatie")
    form.get_by_role("button", name="Annuleer").click()
    expect(heading).to_be_visible()
    page.get_by_role("button", name="Terug naar berichten").click()
    expect(rows).to_have_count(1)

    # A tab is a step too: Back returns to the tab before.
    page.get_by_role("tab", name=re.compile("^Documenten")).click()
    expect(page).to_have_url(re.compile(r"/documenten$"))
    page.go_back()
    expect(page.get_by_role("tab", name=re.compile("^Berichten"))).to_have_attribute("aria-selected", "true")
    expect(rows).to_have_count(1)
    assert live.console_errors(page) == []


def test_a_link_to_a_message_survives_a_login_in_between(page: Page, stack) -> None:
    _, account, dossier, office = dossier_with_office_message(stack, name="Wim Link")
    page.goto(f"/#/dossiers/{dossier['id']}/berichten/{office['id']}")
    expect(page).to_have_url(re.compile(r"#/login$"))
    page.get_by_label("E-mailadres").fill(account["email"])
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", name="Kopie legitimatie")).to_be_visible()
    expect(page).to_have_url(re.compile(f"/berichten/{office['id']}$"))


def test_a_message_being_written_asks_before_leaving_and_is_kept_as_a_draft(page: Page, stack) -> None:
    _, account, dossier, _ = dossier_with_office_message(stack, name="Kees Concept")
    live.sign_in(page, stack, account["email"])
    messages_tab(page, dossier)
    page.get_by_role("button", name="Nieuw bericht").click()
    expect(page).to_have_url(re.compile(r"/berichten/nieuw$"))
    form = page.get_by_role("region", name="Nieuw bericht")
    form.get_by_label("Onderwerp").fill("Vraag over de akte")
    form.get_by_label("Bericht", exact=True).fill("Beste,\n\nKlopt het adres in de akte?")

    # In the portal: Home asks; staying keeps the form as it was.
    page.get_by_role("link", name="Home").click()
    ask = page.get_by_role("dialog", name="Bericht nog niet verstuurd")
    expect(ask).to_contain_text("Uw bericht is nog niet verstuurd. Pagina verlaten?")
    ask.get_by_role("button", name="Annuleer").click()
    expect(page).to_have_url(re.compile(r"/berichten/nieuw$"))
    expect(form.get_by_label("Bericht", exact=True)).to_have_value("Beste,\n\nKlopt het adres in de akte?")

    # The browser's Back asks too.
    page.go_back()
    expect(ask).to_be_visible()
    ask.get_by_role("button", name="Annuleer").click()
    expect(page).to_have_url(re.compile(r"/berichten/nieuw$"))
    expect(form.get_by_label("Onderwerp")).to_have_value("Vraag over de akte")

    # Closing or reloading the page gets the browser's own warning; the text is kept anyway.
    seen: list[str] = []

    def accept(dialog) -> None:  # noqa: ANN001
        seen.append(dialog.type)
        dialog.accept()

    page.on("dialog", accept)
    page.reload()
    assert seen == ["beforeunload"]
    page.remove_listener("dialog", accept)
    form = page.get_by_role("region", name="Nieuw bericht")
    expect(form.get_by_label("Bericht", exact=True)).to_have_value("Beste,\n\nKlopt het adres in de akte?")
    expect(form.get_by_label("Onderwerp")).to_have_value("Vraag over de akte")

    # Leaving on purpose keeps the draft; the list offers it again.
    page.get_by_role("link", name="Home").click()
    page.get_by_role("dialog", name="Bericht nog niet verstuurd").get_by_role("button", name="Pagina verlaten").click()
    expect(page).to_have_url(re.compile(r"#/home$"))
    messages_tab(page, dossier)
    page.get_by_role("link", name="Verder schrijven").click()
    form = page.get_by_role("region", name="Nieuw bericht")
    expect(form.get_by_label("Bericht", exact=True)).to_have_value("Beste,\n\nKlopt het adres in de akte?")
    form.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("status").filter(has_text="verstuurd")).to_have_text("Uw bericht is verstuurd.")
    expect(page.get_by_role("link", name="Verder schrijven")).to_have_count(0)

    # Sent: no draft, and nothing asks any more.
    page.get_by_role("link", name="Home").click()
    expect(page).to_have_url(re.compile(r"#/home$"))
    assert page.evaluate("Object.keys(localStorage).filter((key) => key.startsWith('portal.draft.')).length") == 0
    assert live.console_errors(page) == []


def test_questionnaire_pages_have_addresses_and_back_returns_to_the_page_before(page: Page, stack) -> None:
    from tests.e2e.test_questionnaire_screens import Form

    _, account = live.client(stack, name="Lukas Pagina")
    dossier = live.dossier(stack, account, description="Testament Lukas")
    sent = live.send_testament(stack, dossier["id"], account)
    form = Form(page, "nl")
    live.sign_in(page, stack, account["email"])
    page.goto(f"/#/vragenlijst/{sent['id']}")
    form.expect_page(1)
    expect(page).to_have_url(re.compile(f"/vragenlijst/{sent['id']}/1$"))
    form.personal_details()
    form.next()
    form.expect_page(2)
    expect(page).to_have_url(re.compile(f"/vragenlijst/{sent['id']}/2$"))
    page.go_back()
    form.expect_page(1)
    expect(form.field("first_names")).to_have_value("Łukasz Jan")
    page.go_forward()
    form.expect_page(2)
    page.reload()
    form.expect_page(2)
    # A link past the first unsaved page opens that page, not a later one.
    page.goto(f"/#/vragenlijst/{sent['id']}/4")
    form.expect_page(2)
    expect(page).to_have_url(re.compile(f"/vragenlijst/{sent['id']}/2$"))
    assert live.console_errors(page) == []


def test_search_and_filter_have_addresses_back_returns_to_them(page: Page, stack) -> None:
    _, account = live.client(stack, name="Mila Zoek")
    live.dossier(stack, account, description="Levering Dorpsstraat 1 Utrecht")
    live.dossier(stack, account, description="Hypotheek Kerkweg 12 Zeist")
    live.dossier(stack, account, description="Testament Mila", status="afgerond")
    live.sign_in(page, stack, account["email"])
    page.goto("/#/dossiers")
    rows = page.get_by_role("list", name="Uw dossiers").get_by_role("listitem")
    expect(rows).to_have_count(3)
    page.get_by_role("searchbox", name="Zoek").fill("Kerkweg")
    page.get_by_role("button", name="Zoek", exact=True).click()
    expect(rows).to_have_count(1)
    expect(page).to_have_url(re.compile(r"#/dossiers\?zoek=Kerkweg$"))
    rows.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hypotheek Kerkweg 12 Zeist")
    page.go_back()
    expect(rows).to_have_count(1)
    expect(page.get_by_role("searchbox", name="Zoek")).to_have_value("Kerkweg")

    page.get_by_role("searchbox", name="Zoek").fill("")
    page.get_by_role("button", name="Zoek", exact=True).click()
    expect(rows).to_have_count(3)
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("group", name="Toon alleen dossiers met de status").get_by_label(re.compile("^Afgerond")).check()
    expect(rows).to_have_count(1)
    expect(page).to_have_url(re.compile(r"#/dossiers\?status=afgerond$"))
    page.reload()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Testament Mila")
    page.go_back()
    expect(rows).to_have_count(3)
