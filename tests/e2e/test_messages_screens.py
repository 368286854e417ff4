"""Berichten and Bijlagen (manual 2.1.1.4 and 2.1.1.5) in Chromium against the real local stack:
the office writes through the admin API, the client reads, replies with attachments that go
straight to the embedded S3, and finds them under "Door mij aangeleverd" (issue 5's e2e list)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.e2e import live_data as live

pytestmark = pytest.mark.e2e


def dossier_with_office_message(stack: Any, name: str = "Jan Bericht", language: str = "nl") -> tuple[Any, dict, dict, dict]:
    client, account = live.client(stack, name=name, language=language)
    dossier = live.dossier(stack, account, description="Levering Dorpsstraat 1 Utrecht")
    live.dossier(stack, account, description="Testament")  # two dossiers: the list shows its unread totals
    message = live.office_message(stack, dossier["id"], account, "Kopie legitimatie",
                                  "Beste,\n\nWilt u een kopie van uw paspoort sturen?\n\nMet vriendelijke groet")
    return client, account, dossier, message


def messages_tab(page: Page, dossier: dict, name: str = "Berichten") -> Any:
    page.goto(f"/#/dossiers/{dossier['id']}/berichten")
    return page.get_by_role("tab", name=re.compile(f"^{name}"))


def test_reading_an_incoming_message_marks_it_read_and_the_counts_drop(page: Page, stack) -> None:
    _, account, dossier, _ = dossier_with_office_message(stack)
    live.sign_in(page, stack, account["email"])
    page.goto("/#/dossiers")
    listed = page.get_by_role("link", name=re.compile("Dorpsstraat"))
    expect(listed).to_contain_text("1 ongelezen")
    listed.click()
    tab = page.get_by_role("tab", name=re.compile("^Berichten"))
    expect(tab).to_have_accessible_name("Berichten (1 item, 1 ongelezen)")
    tab.click()
    expect(page).to_have_url(re.compile(r"/berichten$"))
    rows = page.get_by_role("list", name="Berichten").get_by_role("listitem")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Notariskantoor")  # incoming: the office, with its icon
    expect(rows.first).to_contain_text("Ongelezen")

    rows.first.get_by_role("button").click()  # one click opens it
    expect(page.get_by_role("heading", name="Kopie legitimatie")).to_be_visible()
    expect(page.get_by_role("article", name="Kopie legitimatie")).to_contain_text("Wilt u een kopie van uw paspoort sturen?")
    expect(tab).to_have_accessible_name("Berichten (1 item)")
    page.get_by_role("button", name="Terug naar berichten").click()
    expect(rows.first.get_by_text("Ongelezen")).to_be_hidden()
    page.get_by_role("link", name="Alle dossiers").click()
    expect(listed).to_contain_text("Geen ongelezen berichten of documenten")
    assert live.console_errors(page) == []


def test_reply_with_attachments_browsed_dropped_and_one_removed(page: Page, stack, tmp_path) -> None:
    client, account, dossier, office = dossier_with_office_message(stack, name="Karin Vos")
    passport = tmp_path / "paspoort.pdf"
    passport.write_bytes(live.PDF)
    extra = tmp_path / "verkeerd.pdf"
    extra.write_bytes(live.PDF)
    live.sign_in(page, stack, account["email"])
    tab = messages_tab(page, dossier)
    page.get_by_role("list", name="Berichten").get_by_role("button").first.click()
    page.get_by_role("button", name="Beantwoorden").click()

    form = page.get_by_role("region", name="Beantwoorden")
    expect(form.get_by_label("Onderwerp")).to_have_value("Re: Kopie legitimatie")
    original = form.get_by_role("region", name="Oorspronkelijk bericht")
    expect(original).to_contain_text("Wilt u een kopie van uw paspoort sturen?")
    form.get_by_label("Bericht", exact=True).fill("Beste,\n\nHierbij mijn paspoort en een foto.")

    form.get_by_role("button", name="Bijlagen").click()
    dialog = page.get_by_role("dialog", name="Bijlagen toevoegen")
    expect(dialog).to_contain_text("Maximaal 25 MB per bestand")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Bladeren").click()
    chooser.value.set_files(str(passport))
    live.drop_files(page, "dialog .dropzone", [("foto.png", "image/png", live.PNG)])
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Meer toevoegen").click()
    chooser.value.set_files(str(extra))
    files = dialog.get_by_role("list", name="Gekozen bestanden").get_by_role("listitem")
    expect(files).to_have_count(3)
    dialog.get_by_role("button", name="verkeerd.pdf verwijderen").click()
    expect(files).to_have_count(2)
    dialog.get_by_role("button", name="Upload 2 bestanden").click()
    expect(dialog).to_be_hidden()

    attached = form.get_by_role("list", name="Bijlagen").get_by_role("listitem")
    expect(attached).to_have_count(2)
    expect(attached.nth(0)).to_contain_text("paspoort.pdf")
    expect(attached.nth(1)).to_contain_text("foto.png")
    expect(attached.nth(0).get_by_role("button", name="Bijlage paspoort.pdf verwijderen")).to_be_visible()
    form.get_by_role("button", name="Versturen").dblclick()  # twice: still one message

    expect(page.get_by_role("status").filter(has_text="verstuurd")).to_have_text("Uw bericht is verstuurd.")
    rows = page.get_by_role("list", name="Berichten").get_by_role("listitem")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Aan")  # outgoing, newest first
    expect(rows.first).to_contain_text("Re: Kopie legitimatie")
    expect(rows.first).to_contain_text("2 bijlagen")
    expect(tab).to_have_accessible_name("Berichten (2 items)")
    rows.first.get_by_role("button").click()
    expect(page.get_by_role("region", name="Oorspronkelijk bericht")).to_contain_text("Wilt u een kopie van uw paspoort sturen?")

    supplied = page.get_by_role("tab", name=re.compile("^Door mij aangeleverd"))
    expect(supplied).to_have_accessible_name("Door mij aangeleverd (2 items)")
    supplied.click()
    items = page.get_by_role("tabpanel", name=re.compile("^Door mij aangeleverd")).get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Bij: Re: Kopie legitimatie")  # the message it came with
    with page.expect_download() as fetched:
        page.get_by_role("button", name="Download: paspoort.pdf").click()
    assert fetched.value.suggested_filename == "paspoort.pdf"

    # Staff see one message (the double click made no second one), with the attachment downloadable.
    staff = stack.admin().get(f"/dossiers/{dossier['id']}/messages").body["items"]
    sent = [m for m in staff if m["direction"] == "outgoing"]
    assert len(sent) == 1 and sent[0]["in_reply_to"] == office["id"]
    assert sorted(a["file_name"] for a in sent[0]["attachments"]) == ["foto.png", "paspoort.pdf"]
    link = stack.admin().get(f"/dossiers/{dossier['id']}/messages/{sent[0]['id']}/attachments/{sent[0]['attachments'][0]['id']}")
    assert requests.get(link.body["url"], timeout=30).status_code == 200
    assert live.console_errors(page) == []


def test_a_new_message_needs_a_subject_and_a_text(page: Page, stack) -> None:
    _, account, dossier, _ = dossier_with_office_message(stack)
    live.sign_in(page, stack, account["email"])
    messages_tab(page, dossier)
    page.get_by_role("button", name="Nieuw bericht").click()
    form = page.get_by_role("region", name="Nieuw bericht")
    expect(form).to_contain_text("Aan Notariskantoor")
    form.get_by_role("button", name="Versturen").click()
    subject = form.get_by_label("Onderwerp")
    expect(subject).to_have_attribute("aria-invalid", "true")
    expect(subject).to_be_focused()
    expect(form.get_by_text("Vul een onderwerp in.")).to_be_visible()
    expect(form.get_by_text("Vul een bericht in.")).to_be_visible()
    form.get_by_label("Bericht", exact=True).fill("Wanneer is de passeerdatum?")
    form.get_by_role("button", name="Versturen").click()
    expect(form.get_by_text("Vul een onderwerp in.")).to_be_visible()
    expect(form.get_by_text("Vul een bericht in.")).to_be_hidden()
    staff = stack.admin().get(f"/dossiers/{dossier['id']}/messages").body["items"]
    assert [m["direction"] for m in staff] == ["incoming"], "nothing was sent"


def test_typing_and_pasting_past_4000_characters_keeps_exactly_4000(page: Page, stack) -> None:
    _, account, dossier, _ = dossier_with_office_message(stack)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    live.sign_in(page, stack, account["email"])
    messages_tab(page, dossier)
    page.get_by_role("button", name="Nieuw bericht").click()
    body = page.get_by_label("Bericht", exact=True)
    body.fill("Beste,\n\nHierbij zend ik ")
    expect(page.get_by_text("24 van 4000 tekens")).to_be_visible()

    body.fill("a" * 3995)
    body.press("End")
    page.keyboard.type("bcdefgh")  # up to 4,000 is kept; the first key past it is refused and says why
    warning = page.get_by_role("dialog", name="Maximum bereikt")
    expect(warning).to_contain_text("Het maximaal aantal van 4000 karakters voor een bericht is bereikt. Meer tekst zal worden verwijderd.")
    warning.get_by_role("button", name="OK").click()
    expect(warning).to_be_hidden()
    expect(body).to_be_focused()
    assert body.input_value() == "a" * 3995 + "bcdef"
    expect(page.get_by_text("4000 van 4000 tekens")).to_be_visible()

    body.fill("b" * 3000)
    body.press("End")
    page.evaluate("text => navigator.clipboard.writeText(text)", "c" * 2000)
    body.press("Control+V")
    expect(warning).to_be_visible()
    warning.get_by_role("button", name="OK").click()
    assert body.input_value() == "b" * 3000 + "c" * 1000
    expect(page.get_by_text("4000 van 4000 tekens")).to_be_visible()
    assert live.console_errors(page) == []


def test_maximum_reached_shows_only_when_text_was_cut_and_once(page: Page, stack) -> None:
    """Issue 16.10: exactly 4,000 cuts nothing (no dialog); the first refused key says so, once."""
    _, account, dossier, _ = dossier_with_office_message(stack)
    live.sign_in(page, stack, account["email"])
    messages_tab(page, dossier)
    page.get_by_role("button", name="Nieuw bericht").click()
    body = page.get_by_label("Bericht", exact=True)
    warning = page.get_by_role("dialog", name="Maximum bereikt")
    body.fill("a" * 3999)
    body.press("End")
    page.keyboard.type("b")
    expect(page.get_by_text("4000 van 4000 tekens")).to_be_visible()
    expect(warning).to_be_hidden()
    page.keyboard.type("c")
    expect(warning).to_be_visible()
    warning.get_by_role("button", name="OK").click()
    expect(body).to_be_focused()
    assert body.evaluate("el => el.selectionStart") == 4000
    page.keyboard.type("d")  # still at the limit: refused again, without a second dialog
    expect(warning).to_be_hidden()
    assert body.input_value() == "a" * 3999 + "b"
    page.keyboard.press("Backspace")  # the caret stayed at the end of the text
    page.keyboard.type("ef")  # below the limit and past it again: a new cut, the dialog once more
    expect(warning).to_be_visible()
    assert body.input_value() == "a" * 3999 + "e"


def test_file_sizes_read_alike_and_too_large_says_the_size_and_the_limit(page: Page, stack) -> None:
    """Issue 16.12: one way to write a size (not "1.004 B" beside "8 kB"), never a file over the limit
    that reads as the limit, and "te groot" names both."""
    _, account, dossier, _ = dossier_with_office_message(stack)
    live.sign_in(page, stack, account["email"])
    messages_tab(page, dossier)
    page.get_by_role("button", name="Nieuw bericht").click()
    page.get_by_role("button", name="Bijlagen").click()
    dialog = page.get_by_role("dialog", name="Bijlagen toevoegen")
    expect(dialog).to_contain_text("Maximaal 25 MB per bestand")
    # 1,004 bytes, 8 kB, and 25.06 MB (just over the limit), made in the page: too big to pass over.
    page.evaluate("""() => {
        const data = new DataTransfer();
        const file = (name, type, size) => data.items.add(new File([new Uint8Array(size)], name, { type }));
        file('klein.txt', 'text/plain', 1004);
        file('notitie.txt', 'text/plain', 8 * 1024);
        file('scan.pdf', 'application/pdf', 25 * 1024 * 1024 + 60 * 1024);
        const target = document.querySelector('dialog .dropzone');
        target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }""")
    files = dialog.get_by_role("list", name="Gekozen bestanden").get_by_role("listitem")
    expect(files).to_have_count(2)
    expect(files.nth(0)).to_contain_text("klein.txt 1 kB")
    expect(files.nth(1)).to_contain_text("notitie.txt 8 kB")
    expect(dialog.get_by_role("alert")).to_contain_text(
        "scan.pdf: Het bestand is te groot (25,1 MB); per bestand mag maximaal 25 MB.")


def test_an_infected_file_and_a_disguised_one_are_refused(page: Page, stack, tmp_path) -> None:
    _, account, dossier, _ = dossier_with_office_message(stack)
    eicar = tmp_path / "eicar.txt"
    eicar.write_bytes(live.EICAR)
    disguised = tmp_path / "scan.pdf"
    disguised.write_bytes(live.PNG)
    live.sign_in(page, stack, account["email"])
    messages_tab(page, dossier)
    page.get_by_role("button", name="Nieuw bericht").click()
    form = page.get_by_role("region", name="Nieuw bericht")
    form.get_by_role("button", name="Bijlagen").click()
    dialog = page.get_by_role("dialog", name="Bijlagen toevoegen")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Bladeren").click()
    chooser.value.set_files([str(eicar), str(disguised)])
    dialog.get_by_role("button", name="Upload 2 bestanden").click()
    files = dialog.get_by_role("list", name="Gekozen bestanden").get_by_role("listitem")
    expect(files.nth(0)).to_contain_text("In dit bestand is een virus gevonden.")
    expect(files.nth(1)).to_contain_text("De inhoud van het bestand past niet bij de naam")
    dialog.get_by_role("button", name="Annuleer").click()
    expect(dialog).to_be_hidden()
    expect(form.get_by_role("list", name="Bijlagen").get_by_role("listitem")).to_have_count(0)

    # A file of a type the portal does not take is refused before anything is sent.
    form.get_by_role("button", name="Bijlagen").click()
    live.drop_files(page, "dialog .dropzone", [("setup.exe", "application/octet-stream", b"MZ")])
    expect(dialog.get_by_role("alert")).to_contain_text("setup.exe: Dit type bestand kan niet worden toegevoegd")
    expect(dialog.get_by_role("list", name="Gekozen bestanden").get_by_role("listitem")).to_have_count(0)


def test_the_message_flows_in_english_on_a_phone(page: Page, stack, tmp_path) -> None:
    _, account, dossier, _ = dossier_with_office_message(stack, name="Oliver Grant", language="en")
    scan = tmp_path / "id-card.pdf"
    scan.write_bytes(live.PDF)
    eicar = tmp_path / "eicar.txt"
    eicar.write_bytes(live.EICAR)
    page.set_viewport_size({"width": 375, "height": 800})
    live.login(page, account["email"], english=True)
    tab = messages_tab(page, dossier, "Messages")
    expect(tab).to_have_accessible_name("Messages (1 item, 1 unread)")
    page.get_by_role("list", name="Messages").get_by_role("button").first.click()
    expect(tab).to_have_accessible_name("Messages (1 item)")
    page.get_by_role("button", name="Reply").click()
    form = page.get_by_role("region", name="Reply")
    expect(form.get_by_role("region", name="Original message")).to_contain_text("Wilt u een kopie van uw paspoort sturen?")
    subject = form.get_by_label("Subject")
    expect(subject).to_have_value("Re: Kopie legitimatie")
    subject.fill("")
    form.get_by_role("button", name="Send").click()
    expect(form.get_by_text("Please enter a subject.")).to_be_visible()
    expect(form.get_by_text("Please enter a message.")).to_be_visible()
    subject.fill("Copy of my ID card")

    body = form.get_by_label("Message", exact=True)
    body.fill("x" * 3999)
    body.press("End")
    page.keyboard.type("yz")
    warning = page.get_by_role("dialog", name="Maximum reached")
    expect(warning).to_contain_text("The maximum of 4000 characters for a message has been reached.")
    warning.get_by_role("button", name="OK").click()
    assert len(body.input_value()) == 4000
    body.fill("Dear office,\n\nPlease find my ID card attached.")
    expect(form.get_by_text("46 of 4000 characters")).to_be_visible()

    form.get_by_role("button", name="Attachments").click()
    dialog = page.get_by_role("dialog", name="Add attachments")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Browse").click()
    chooser.value.set_files([str(eicar), str(scan)])
    assert live.no_horizontal_scroll(page)
    page.screenshot(path=str(live.SHOTS / "attachments-en-375.png"), full_page=True)
    dialog.get_by_role("button", name="Upload 2 files").click()
    files = dialog.get_by_role("list", name="Chosen files").get_by_role("listitem")
    expect(files.nth(0)).to_contain_text("A virus was found in this file.")
    expect(files.nth(1)).to_contain_text("Checked and ready.")
    dialog.get_by_role("button", name="Add to message").click()  # the checked one only
    expect(dialog).to_be_hidden()
    attached = form.get_by_role("list", name="Attachments").get_by_role("listitem")
    expect(attached).to_have_count(1)
    expect(attached).to_contain_text("id-card.pdf")
    assert live.no_horizontal_scroll(page)
    page.screenshot(path=str(live.SHOTS / "compose-en-375.png"), full_page=True)
    form.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status").filter(has_text="sent")).to_have_text("Your message has been sent.")
    first = page.get_by_role("list", name="Messages").get_by_role("listitem").first
    expect(first).to_contain_text("To")
    expect(first).to_contain_text("Copy of my ID card")
    page.get_by_role("tab", name=re.compile("^Supplied by me")).click()
    supplied = page.get_by_role("tabpanel", name=re.compile("^Supplied by me"))
    expect(supplied).to_contain_text("id-card.pdf")
    expect(supplied).to_contain_text("With: Copy of my ID card")
    assert live.no_horizontal_scroll(page)
    assert live.console_errors(page) == []


def test_a_failed_send_keeps_the_draft_and_the_retry_uses_the_same_key(page: Page, stack, tmp_path) -> None:
    _, account, dossier, _ = dossier_with_office_message(stack)
    scan = tmp_path / "akte.pdf"
    scan.write_bytes(live.PDF)
    sends: list[dict] = []
    failures = {"left": 1}

    def flaky(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        sends.append(route.request.post_data_json)
        if failures["left"]:  # the first send meets a server failure; nothing was written
            failures["left"] -= 1
            route.fulfill(status=503, json={"status": 503, "code": "internal_error", "message": "unavailable"})
        else:
            route.continue_()

    page.route(re.compile(r".*/api/dossiers/[^/]+/messages$"), flaky)
    live.sign_in(page, stack, account["email"])
    messages_tab(page, dossier)
    page.get_by_role("button", name="Nieuw bericht").click()
    form = page.get_by_role("region", name="Nieuw bericht")
    form.get_by_label("Onderwerp").fill("Getekende akte")
    form.get_by_label("Bericht", exact=True).fill("Bijgaand de getekende akte.")
    form.get_by_role("button", name="Bijlagen").click()
    dialog = page.get_by_role("dialog", name="Bijlagen toevoegen")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Bladeren").click()
    chooser.value.set_files(str(scan))
    dialog.get_by_role("button", name="Upload 1 bestand").click()
    expect(dialog).to_be_hidden()

    form.get_by_role("button", name="Versturen").click()
    expect(form.get_by_role("alert")).to_contain_text("Er ging iets mis aan onze kant")
    expect(form.get_by_label("Onderwerp")).to_have_value("Getekende akte")
    expect(form.get_by_label("Bericht", exact=True)).to_have_value("Bijgaand de getekende akte.")
    expect(form.get_by_role("list", name="Bijlagen").get_by_role("listitem")).to_have_count(1)
    form.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("status").filter(has_text="verstuurd")).to_be_visible()

    assert len(sends) == 2 and sends[0] == sends[1], "the retry sends the same draft with the same key"
    assert re.fullmatch(r"[0-9a-f-]{36}", sends[0]["idempotency_key"])
    staff = stack.admin().get(f"/dossiers/{dossier['id']}/messages").body["items"]
    assert [m["subject"] for m in staff if m["direction"] == "outgoing"] == ["Getekende akte"]
