"""Draft-deed approval in Chromium against the local stack: the named party downloads the draft
(its fingerprint is the SHA-256 of those bytes), confirms Akkoord, and asks a question; a new
version resets; a party of the dossier that is not named sees no Akkoord."""

from __future__ import annotations

import hashlib
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import live_data as live
from tests.support.clients import PDF_BYTES


def put_up(stack, dossier_id: str, content: bytes, *accounts: dict) -> dict:
    document = live.publish(stack, dossier_id, title="Concept akte van levering", content=content)
    answer = stack.admin().post(f"/dossiers/{dossier_id}/approval",
                                {"document_id": document["id"], "parties": [a["id"] for a in accounts]})
    assert answer.status == 201, answer.body
    return answer.body


pytestmark = pytest.mark.e2e


def test_named_party_downloads_approves_and_asks_and_a_new_version_resets(page: Page, stack) -> None:
    _, buyer = live.client(stack, name="Koper Akkoord")
    _, seller = live.client(stack, name="Verkoper Zonder Akkoord")
    dossier = live.dossier(stack, buyer, seller, description="Levering Akkoordlaan 7")
    content = PDF_BYTES + f"% versie 1 {uuid.uuid4().hex}\n".encode()
    asked = put_up(stack, dossier["id"], content, buyer)

    live.sign_in(page, stack, buyer["email"])
    page.goto(f"/#/dossiers/{dossier['id']}")
    section = page.get_by_role("region", name="Concept-akte ter goedkeuring")
    opener = section.get_by_role("button", name="Concept-akte ter goedkeuring")
    expect(opener).to_have_attribute("aria-expanded", "false")  # read when opened: the page stays at 2 requests
    opener.click()
    expect(section).to_contain_text(asked["fingerprint"])
    with page.expect_download() as waiting:
        section.get_by_role("button", name="Download").click()
    downloaded = Path(waiting.value.path()).read_bytes()
    assert hashlib.sha256(downloaded).hexdigest() == asked["sha256"]
    assert asked["fingerprint"].replace(" ", "").lower() == asked["sha256"][:16]

    section.get_by_role("button", name="Akkoord").click()
    section.get_by_role("button", name="Bevestig akkoord").click()
    expect(section.get_by_role("alert")).to_have_text("Vink aan dat u de concept-akte heeft gelezen en akkoord gaat.")
    section.get_by_label("Ik heb de concept-akte gelezen en ga akkoord met deze versie").check()
    section.get_by_role("button", name="Bevestig akkoord").click()
    expect(section.get_by_role("status")).to_contain_text("U bent akkoord gegaan met deze versie op")
    expect(section.get_by_role("button", name="Akkoord")).to_have_count(0)

    section.get_by_role("button", name="Vraag stellen").click()
    section.get_by_label("Uw vraag over deze versie").fill("Klopt de datum van levering?")
    section.get_by_role("button", name="Versturen").click()
    expect(section.get_by_role("status")).to_contain_text("Uw vraag is verstuurd")
    state = stack.admin().get(f"/dossiers/{dossier['id']}/approval").body
    assert [(p["state"], p["questions"]) for p in state["parties"]] == [("approved", 1)]

    put_up(stack, dossier["id"], PDF_BYTES + b"% versie 2\n", buyer)
    page.reload()
    opener.click()
    expect(section).to_contain_text("Er is een nieuwe versie van de concept-akte.")
    expect(section.get_by_role("button", name="Akkoord")).to_be_visible()
    assert live.console_errors(page) == []

    live.logout(page)
    live.sign_in(page, stack, seller["email"])
    page.goto(f"/#/dossiers/{dossier['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Levering Akkoordlaan 7")
    expect(page.get_by_role("region", name="Concept-akte ter goedkeuring")).to_have_count(0)
    expect(page.get_by_role("button", name="Akkoord")).to_have_count(0)


def test_english_texts_of_the_approval(page: Page, stack) -> None:
    _, client = live.client(stack, name="Emma Approve", language="en")
    dossier = live.dossier(stack, client, description="Transfer Approval Road 1")
    put_up(stack, dossier["id"], PDF_BYTES + f"% {uuid.uuid4().hex}\n".encode(), client)
    live.login(page, client["email"], english=True)
    page.goto(f"/#/dossiers/{dossier['id']}")
    section = page.get_by_role("region", name="Draft deed for approval")
    section.get_by_role("button", name="Draft deed for approval").click()
    expect(section).to_contain_text(re.compile(r"Fingerprint of this version: [0-9A-F]{4} [0-9A-F]{4}"))
    section.get_by_role("button", name="Approve").click()
    section.get_by_label("I have read the draft deed and approve this version").check()
    section.get_by_role("button", name="Confirm approval").click()
    expect(section.get_by_role("status")).to_contain_text("You approved this version on")


def test_a_draft_awaiting_approval_is_in_the_acties_panel_and_leads_to_the_open_section(page: Page, stack) -> None:
    _, buyer = live.client(stack, name="Koper Acties")
    dossier = live.dossier(stack, buyer, description="Levering Actieslaan 3")
    asked = put_up(stack, dossier["id"], PDF_BYTES + f"% {uuid.uuid4().hex}\n".encode(), buyer)

    live.login(page, buyer["email"])
    panel = page.locator("#actions-panel")
    expect(panel.locator(".actions-count .count")).to_have_text("1")
    entry = panel.locator(".action-approval")
    expect(entry).to_contain_text("Concept-akte ter goedkeuring")
    expect(entry).to_contain_text("Levering Actieslaan 3")
    entry.get_by_role("link", name="Concept-akte bekijken: Concept akte van levering").click()
    expect(page).to_have_url(re.compile(rf"#/dossiers/{dossier['id']}/goedkeuring$"))
    section = page.get_by_role("region", name="Concept-akte ter goedkeuring")
    expect(section.get_by_role("button", name="Concept-akte ter goedkeuring")).to_have_attribute("aria-expanded", "true")
    expect(section).to_contain_text(asked["fingerprint"])

    page.goto("/#/acties")
    expect(page.locator("#action-list .action-approval")).to_contain_text("Levering Actieslaan 3")

    page.goto(f"/#/dossiers/{dossier['id']}/goedkeuring")
    section = page.get_by_role("region", name="Concept-akte ter goedkeuring")
    section.get_by_role("button", name="Akkoord").click()
    section.get_by_label("Ik heb de concept-akte gelezen en ga akkoord met deze versie").check()
    section.get_by_role("button", name="Bevestig akkoord").click()
    expect(section.get_by_role("status")).to_contain_text("U bent akkoord gegaan met deze versie op")
    expect(panel.locator(".actions-count .count")).to_have_text("0")  # at once, without a reload
    expect(panel.locator(".action-approval")).to_have_count(0)
    page.reload()
    expect(page.locator("#actions-panel .actions-count .count")).to_have_text("0")
