"""Acties and Vragenlijst (manual "Acties" and 2.1.2) in Chromium against the real local stack:
staff send the shipped will intake; the client fills it in over two visits, meets required,
conditional and repeating questions, completes it, prints it, and finds its PDF under "Door mij
aangeleverd" (issue 6's e2e list), in Dutch and in English."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
import requests
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from tests.e2e import live_data as live

pytestmark = pytest.mark.e2e

TEMPLATE = json.loads(live.TESTAMENT.read_text(encoding="utf-8"))
OPTIONAL = {"nl": " (niet verplicht)", "en": " (optional)"}
YES = {"nl": "Ja", "en": "Yes"}
NO = {"nl": "Nee", "en": "No"}


class Form:
    """Finds the will intake's questions by their labels in the page's language (from the template)."""

    def __init__(self, page: Page, language: str) -> None:
        self.page, self.language = page, language
        self.questions: dict[str, dict[str, Any]] = {}
        for page_spec in TEMPLATE["pages"]:
            for question in page_spec["questions"]:
                self.questions[question["id"]] = question
                for sub in question.get("questions", []):
                    self.questions[f"{question['id']}.{sub['id']}"] = sub

    def label(self, qid: str) -> str:
        question = self.questions[qid]
        text = question["label"][self.language]
        return text if question.get("required") else text + OPTIONAL[self.language]

    def option(self, qid: str, value: str) -> str:
        return next(o["label"][self.language] for o in self.questions[qid]["options"] if o["value"] == value)

    def text(self, qid: str, value: str, within: Page | Locator | None = None) -> None:
        (within or self.page).get_by_label(self.label(qid), exact=True).fill(value)

    def field(self, qid: str, within: Page | Locator | None = None) -> Locator:
        return (within or self.page).get_by_label(self.label(qid), exact=True)

    def choice(self, qid: str, option_label: str, within: Page | Locator | None = None) -> None:
        group = (within or self.page).get_by_role("radiogroup", name=self.label(qid), exact=True)
        group.get_by_label(option_label, exact=True).check()

    def yes(self, qid: str, within: Page | Locator | None = None) -> None:
        self.choice(qid, YES[self.language], within)

    def no(self, qid: str, within: Page | Locator | None = None) -> None:
        self.choice(qid, NO[self.language], within)

    def group(self, qid: str) -> Locator:
        return self.page.get_by_role("radiogroup", name=self.label(qid), exact=True)

    def next(self) -> None:
        self.page.get_by_role("button", name="Volgende" if self.language == "nl" else "Next").click()

    def expect_page(self, number: int) -> None:
        text = f"Pagina {number} van 4" if self.language == "nl" else f"Page {number} of 4"
        expect(self.page.locator(".page-count")).to_have_text(text)

    def personal_details(self, bsn: str = "111222333") -> None:
        self.text("first_names", "Łukasz Jan")
        self.text("surname", "Özdemir")
        self.text("birth_date", "1980-03-12")
        self.text("birth_place", "Gdańsk")
        self.text("bsn", bsn)
        self.text("nationality", "Nederlandse")
        self.text("street", "Dorpsstraat 1")
        self.text("postcode_city", "3512 AB Utrecht")
        self.text("email", "lukasz@example.nl")


def pdf_text(url: str) -> str:
    fetched = requests.get(url, timeout=30)
    assert fetched.status_code == 200 and fetched.content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(fetched.content)).pages)


def test_fill_in_over_two_visits_complete_print_and_find_the_pdf(page: Page, stack) -> None:
    client, account = live.client(stack, name="Łukasz Özdemir")
    dossier = live.dossier(stack, account, description="Testament Łukasz Özdemir")
    live.send_testament(stack, dossier["id"], account)
    form = Form(page, "nl")

    live.sign_in(page, stack, account["email"])
    tile = page.get_by_role("list", name="Onderdelen").get_by_role("link", name=re.compile("Acties"))
    expect(tile).to_contain_text("1 openstaand")
    panel = page.get_by_role("complementary", name="Acties")
    action = panel.get_by_role("list", name="Openstaande vragenlijsten").get_by_role("listitem")
    expect(action).to_have_count(1)
    expect(action).to_contain_text("Vragenlijst testament")
    expect(action).to_contain_text(f"{dossier['number']} – Testament Łukasz Özdemir")
    expect(action).to_contain_text("Uiterlijk 31 december 2026")
    action.get_by_role("link", name="Invullen: Vragenlijst testament").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vragenlijst testament")
    form.expect_page(1)
    expect(page.get_by_role("heading", level=2, name="Persoonlijke gegevens")).to_be_visible()
    form.next()  # nothing filled in: refused here, nothing sent
    expect(page.get_by_role("alert").filter(has_text="Niet alle vragen")).to_be_visible()
    first = form.field("first_names")
    expect(first).to_be_focused()
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(first).to_have_accessible_description(re.compile("Deze vraag is verplicht."))
    form.expect_page(1)

    form.personal_details(bsn="123456789")  # fails the 11-test: the server's message at the field
    form.next()
    bsn = form.field("bsn")
    expect(bsn).to_have_accessible_description(re.compile("Dit burgerservicenummer \\(BSN\\) klopt niet"))
    expect(bsn).to_be_focused()
    bsn.fill("111222333")
    form.next()
    form.expect_page(2)
    live.logout(page)

    # Second visit: "Invullen" resumes at page 2, page 1's answers kept.
    live.sign_in(page, stack, account["email"])
    panel.get_by_role("link", name="Invullen: Vragenlijst testament").click()
    form.expect_page(2)
    page.get_by_role("button", name="Vorige").click()
    form.expect_page(1)
    expect(form.field("first_names")).to_have_value("Łukasz Jan")
    expect(form.field("birth_date")).to_have_value("1980-03-12")
    form.next()

    # Page 2: a conditional question appears only for the right answer.
    form.expect_page(2)
    relationship = form.group("partner_relationship")
    expect(relationship).to_be_hidden()
    form.yes("has_partner")
    expect(relationship).to_be_visible()
    form.no("has_partner")
    expect(relationship).to_be_hidden()
    form.yes("has_partner")
    form.choice("partner_relationship", "Samenwonend")
    expect(form.group("cohabitation_agreement")).to_be_visible()
    expect(form.group("prenuptial_agreement")).to_be_hidden()
    form.choice("partner_relationship", "Gehuwd")
    expect(form.group("prenuptial_agreement")).to_be_visible()
    expect(form.group("cohabitation_agreement")).to_be_hidden()
    form.text("partner_first_names", "Zoë")
    form.text("partner_surname", "Özdemir-Bakker")
    form.text("partner_birth_date", "1982-07-01")
    form.no("prenuptial_agreement")
    form.no("previous_marriages")
    form.next()

    # Page 3: a repeating group with two children.
    form.expect_page(3)
    form.yes("has_children")
    first_child = page.get_by_role("group", name="Kind 1", exact=True)
    form.text("children.first_names", "Zoë Anna", first_child)
    form.text("children.surname", "Özdemir", first_child)
    form.text("children.birth_date", "2010-05-01", first_child)
    form.choice("children.relation", "Mijn eigen kind", first_child)
    form.no("children.deceased", first_child)
    page.get_by_role("button", name="Kind toevoegen").click()
    second_child = page.get_by_role("group", name="Kind 2", exact=True)
    expect(form.field("children.first_names", second_child)).to_be_focused()
    form.text("children.first_names", "Mateusz", second_child)
    form.text("children.surname", "Özdemir", second_child)
    form.text("children.birth_date", "2012-09-30", second_child)
    form.choice("children.relation", "Mijn eigen kind", second_child)
    death_date = form.field("children.death_date", second_child)
    expect(death_date).to_be_hidden()
    form.yes("children.deceased", second_child)
    expect(death_date).to_be_visible()
    form.no("children.deceased", second_child)
    form.next()

    # Page 4, then the overview, then "Versturen".
    form.expect_page(4)
    form.choice("heirs", form.option("heirs", "partner_first"))
    form.yes("executor")
    form.text("executor_name", "Zoë Özdemir-Bakker")
    form.no("guardian")  # shown: there are children (an answer of page 3)
    form.text("estate_value", "450.000,00")
    form.next()
    expect(page.get_by_role("heading", level=2, name="Overzicht van uw antwoorden")).to_be_visible()
    overview = page.locator(".overview")
    expect(overview).to_contain_text("Zoë Anna")
    expect(overview).to_contain_text("Kind 2")
    expect(overview).to_contain_text("€ 450.000,00")
    page.get_by_role("button", name="Wijzigen: Kinderen").click()
    form.expect_page(3)
    expect(form.field("children.first_names", second_child)).to_have_value("Mateusz")
    form.next()
    form.expect_page(4)
    expect(form.field("executor_name")).to_have_value("Zoë Özdemir-Bakker")
    form.next()
    page.get_by_role("button", name="Versturen").click()

    expect(page.get_by_role("status").filter(has_text="verstuurd")).to_have_text("Dank u wel. De vragenlijst is verstuurd.")
    expect(page.get_by_role("heading", level=2, name="Uw antwoorden")).to_be_visible()
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Printen").click()
    assert page.evaluate("window.printed") == 1
    expect(panel).to_contain_text("0 openstaand")
    expect(panel.get_by_text("Vragenlijst testament")).to_have_count(0)  # it left the panel's list at once
    expect(page.get_by_role("navigation").locator(".nav-count")).to_have_text("0")

    # The print stylesheet leaves the answers only.
    page.emulate_media(media="print")
    expect(page.locator("#site-header")).to_be_hidden()
    expect(panel).to_be_hidden()
    expect(page.get_by_role("button", name="Printen")).to_be_hidden()
    expect(page.get_by_text("Zoë Anna")).to_be_visible()
    page.screenshot(path=str(live.SHOTS / "questionnaire-print.png"), full_page=True)
    page.emulate_media(media="screen")

    # The PDF is under "Door mij aangeleverd" and carries the Unicode names.
    page.get_by_role("link", name=re.compile("Door mij aangeleverd")).click()
    supplied = page.get_by_role("tabpanel", name=re.compile("^Door mij aangeleverd")).get_by_role("listitem")
    expect(supplied).to_have_count(1)
    expect(supplied.first).to_contain_text(".pdf")
    items = client.get(f"/api/dossiers/{dossier['id']}/items", params={"tab": "supplied"}).json()["items"]
    link = client.post(f"/api/dossiers/{dossier['id']}/items/{items[0]['id']}/download").json()
    text = pdf_text(link["url"])
    for expected in ("Łukasz", "Özdemir", "Zoë Anna", dossier["number"]):
        assert expected in text, expected
    page.get_by_role("link", name="Home").click()
    expect(tile).to_contain_text("0 openstaand")
    assert live.console_errors(page) == []


def test_a_save_after_another_device_saved_is_refused_with_a_reload(page: Page, stack) -> None:
    client, account = live.client(stack, name="Noor Visser")
    dossier = live.dossier(stack, account, description="Testament")
    sent = live.send_testament(stack, dossier["id"], account)
    form = Form(page, "nl")
    live.sign_in(page, stack, account["email"])
    page.goto(f"/#/vragenlijst/{sent['id']}")
    form.expect_page(1)
    form.personal_details()
    opened = client.get(f"/api/questionnaires/{sent['id']}").json()
    other = {"first_names": "Noor", "surname": "Visser", "birth_date": "1990-01-01", "birth_place": "Delft", "bsn": "111222333",
             "nationality": "Nederlandse", "street": "Laan 2", "postcode_city": "2611 AA Delft", "email": "noor@example.nl"}
    assert client.put(f"/api/questionnaires/{sent['id']}/pages/1", {"answers": other, "version": opened["version"]}).status_code == 200
    form.next()
    expect(page.get_by_role("alert").filter(has_text="intussen")).to_contain_text("De gegevens zijn intussen gewijzigd. Laad de pagina opnieuw.")
    page.get_by_role("button", name="Pagina opnieuw laden").click()
    form.expect_page(2)  # what the other device saved is the truth now
    page.get_by_role("button", name="Vorige").click()
    expect(form.field("first_names")).to_have_value("Noor")


def test_the_questionnaire_in_english_on_a_phone(page: Page, stack) -> None:
    client, account = live.client(stack, name="Chloë Łaska", language="en")
    dossier = live.dossier(stack, account, description="Will")
    live.send_testament(stack, dossier["id"], account, due="2026-12-01")
    form = Form(page, "en")
    page.set_viewport_size({"width": 375, "height": 800})
    live.login(page, account["email"], english=True)
    expect(page.get_by_role("list", name="Sections").get_by_role("link", name=re.compile("Actions"))).to_contain_text("1 open")
    page.get_by_role("navigation").get_by_role("link", name=re.compile("Actions")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actions")
    page.get_by_role("list", name="Your open actions").get_by_role("link", name="Fill in: Will questionnaire").click()
    form.expect_page(1)
    form.next()
    expect(form.field("first_names")).to_have_accessible_description(re.compile("This question is required."))
    form.personal_details()
    assert live.no_horizontal_scroll(page)
    page.screenshot(path=str(live.SHOTS / "questionnaire-en-375.png"), full_page=True)
    form.next()
    form.expect_page(2)
    form.no("has_partner")
    form.no("previous_marriages")
    form.next()
    form.no("has_children")
    expect(page.get_by_role("group", name="Child 1")).to_have_count(0)
    form.next()
    form.choice("heirs", form.option("heirs", "legal"))
    form.no("executor")
    expect(form.group("guardian")).to_be_hidden()  # no children
    topics = page.get_by_role("group", name=form.label("topics"))
    topics.get_by_label(form.option("topics", "legacies")).check()
    form.text("legacies_details", "My bicycle to my neighbour.")
    form.text("estate_value", "1,250.50")
    form.next()
    expect(page.get_by_role("heading", level=2, name="Overview of your answers")).to_be_visible()
    expect(page.locator(".overview")).to_contain_text("1,250.50")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status").filter(has_text="Thank you")).to_have_text("Thank you. The questionnaire has been sent.")
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    assert live.no_horizontal_scroll(page)
    page.screenshot(path=str(live.SHOTS / "questionnaire-result-en-375.png"), full_page=True)
    expect(page.get_by_role("navigation").locator(".nav-count")).to_have_text("0")
    items = client.get(f"/api/dossiers/{dossier['id']}/items", params={"tab": "supplied"}).json()["items"]
    link = client.post(f"/api/dossiers/{dossier['id']}/items/{items[0]['id']}/download").json()
    text = pdf_text(link["url"])
    for expected in ("Chloë Łaska", "Łukasz Jan", "My bicycle to my neighbour."):
        assert expected in text, expected
    assert live.console_errors(page) == []
