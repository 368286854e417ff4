"""Completing ("Afronden"): Acties drops, the PDF is filed under Door mij aangeleverd, staff are told."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
import requests
from portal.notifications.models import PendingNotification
from portal.platform.aws import client
from portal.platform.settings import get_settings
from pypdf import PdfReader

from tests.support.clients import active_account, call
from tests.unit.conftest import ROOT, load_handler
from tests.unit.questionnaires_steps import (
    TESTAMENT_PAGES,
    fill_all,
    headers_for,
    open_q,
    save,
    send_testament,
)


@pytest.fixture(scope="module")
def api():
    return load_handler("client/questionnaires")


@pytest.fixture(scope="module")
def complete_api():
    return load_handler("client/questionnaires_complete")


@pytest.fixture(scope="module")
def dossiers_api():
    return load_handler("client/dossiers")


@pytest.fixture(scope="module")
def downloads_api():
    return load_handler("client/dossier_downloads")


def complete(api, headers, questionnaire_id, version):
    return call(api, "POST", f"/api/questionnaires/{questionnaire_id}/complete", headers, body={"version": version})


def pdf_text(url: str) -> str:
    """The text of the PDF behind a presigned link (moto answers it), as a PDF reader extracts it."""
    fetched = requests.get(url, timeout=30)
    assert fetched.status_code == 200 and "attachment" in fetched.headers["Content-Disposition"]
    data = fetched.content
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_completion_drops_the_action_and_files_the_pdf_under_door_mij_aangeleverd(
    aws, fake_clock, api, complete_api, dossiers_api, downloads_api
) -> None:
    jan = active_account(name="Łukasz Özdemir")
    dossier, sent = send_testament(jan)
    headers = headers_for(jan)
    version = fill_all(api, headers, sent["id"])
    status, done = complete(complete_api, headers, sent["id"], version)
    assert status == 200, done
    assert done["status"] == "completed" and done["pdf_available"] is True
    assert done["completed_by_name"] == "Łukasz Özdemir"
    me = call(load_handler("client/me"), "GET", "/api/me", headers)[1]
    assert me["counts"]["actions_open"] == 0
    assert call(load_handler("client/questionnaires_actions"), "GET", "/api/actions", headers)[1]["items"] == []
    page = call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}", headers)[1]
    assert page["tabs"]["supplied"] == {"count": 1, "unread": 0}  # the client wrote it: no news to them
    [item] = call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}/items", headers, query={"tab": "supplied"})[1]["items"]
    assert item["title"] == "Vragenlijst testament" and item["content_type"] == "application/pdf"
    assert item["file_name"] == done["pdf_file_name"] == f"Vragenlijst testament {dossier['number']}.pdf"
    link = call(downloads_api, "POST", f"/api/dossiers/{dossier['id']}/items/{item['id']}/download", headers)[1]
    assert "Zoë Anna" in pdf_text(link["url"])


def test_the_office_is_notified_in_the_same_transaction(aws, fake_clock, api, complete_api) -> None:
    jan = active_account()
    dossier, sent = send_testament(jan)
    headers = headers_for(jan)
    assert list(PendingNotification.query("NOTIFY#STAFF")) == []
    complete(complete_api, headers, sent["id"], fill_all(api, headers, sent["id"]))
    [notice] = PendingNotification.query("NOTIFY#STAFF")
    assert notice.kind == "questionnaire_completed" and notice.dossier_id == dossier["id"]
    assert notice.dossier_label == f"{dossier['number']} Testament"


def test_the_pdf_holds_the_answers_with_every_name_spelled_right(aws, fake_clock, api, complete_api) -> None:
    jan = active_account(name="Łukasz Özdemir")
    dossier, sent = send_testament(jan)
    headers = headers_for(jan)
    complete(complete_api, headers, sent["id"], fill_all(api, headers, sent["id"]))
    status, link = call(api, "POST", f"/api/questionnaires/{sent['id']}/pdf", headers, body={})
    assert status == 200 and link["file_name"].endswith(".pdf") and link["expires_in"] <= 600
    text = pdf_text(link["url"])
    for expected in (
        "Notariskantoor Demo", "Vragenlijst testament", dossier["number"], "Testament", "Łukasz Özdemir",
        "Łukasz Jan", "Zoë Anna", "Zoë Özdemir-Bakker", "12 maart 1980", "Gdańsk", "€ 450.000,00", "Ja", "Nee",
        "Kind 1", "Kind 2", "Mateusz", "26 november 2026", "Pagina 1/",
    ):
        assert expected in text, expected


def test_the_pdf_is_in_the_clients_language(aws, fake_clock, api, complete_api) -> None:
    zoe = active_account(name="Zoë Kowalczyk", language="en")
    _, sent = send_testament(zoe)
    headers = headers_for(zoe)
    complete(complete_api, headers, sent["id"], fill_all(api, headers, sent["id"]))
    text = pdf_text(call(api, "POST", f"/api/questionnaires/{sent['id']}/pdf", headers, body={})[1]["url"])
    for expected in ("Will questionnaire", "Your children", "Child 2", "12 March 1980", "€450,000.00", "Yes", "Page 1/",
                     "Zoë Kowalczyk"):
        assert expected in text, expected


def test_a_missing_answer_refuses_completion_and_files_nothing(aws, fake_clock, api, complete_api) -> None:
    jan = active_account()
    dossier, sent = send_testament(jan)
    headers = headers_for(jan)
    version = fill_all(api, headers, sent["id"], {1: TESTAMENT_PAGES[1], 2: TESTAMENT_PAGES[2]})
    status, body = complete(complete_api, headers, sent["id"], version)
    assert status == 422 and body["code"] == "answers_invalid"
    assert {(f["field"], f["page"]) for f in body["fields"]} == {("has_children", 3), ("heirs", 4), ("executor", 4)}
    listed = client("s3").list_objects_v2(Bucket=get_settings().documents_bucket, Prefix=f"dossiers/{dossier['id']}/")
    assert listed.get("KeyCount", 0) == 0
    assert open_q(api, headers, sent["id"])[1]["status"] == "in_progress"


def test_a_completed_questionnaire_cannot_be_changed_or_completed_twice(aws, fake_clock, api, complete_api) -> None:
    jan = active_account()
    _, sent = send_testament(jan)
    headers = headers_for(jan)
    version = fill_all(api, headers, sent["id"])
    assert complete(complete_api, headers, sent["id"], version)[0] == 200
    after = open_q(api, headers, sent["id"])[1]["version"]
    assert complete(complete_api, headers, sent["id"], after)[1]["code"] == "questionnaire_completed"
    assert save(api, headers, sent["id"], 1, TESTAMENT_PAGES[1], after)[1]["code"] == "questionnaire_completed"


def test_completing_from_a_stale_tab_is_refused_with_409(aws, fake_clock, api, complete_api) -> None:
    jan = active_account()
    _, sent = send_testament(jan)
    headers = headers_for(jan)
    version = fill_all(api, headers, sent["id"])
    save(api, headers, sent["id"], 4, TESTAMENT_PAGES[4], version)
    status, body = complete(complete_api, headers, sent["id"], version)
    assert (status, body["code"]) == (409, "conflict")


def test_the_result_shows_the_answers_as_read_for_the_print_screen(aws, fake_clock, api, complete_api) -> None:
    jan = active_account()
    _, sent = send_testament(jan)
    headers = {**headers_for(jan), "Accept-Language": "en"}
    complete(complete_api, headers, sent["id"], fill_all(api, headers, sent["id"]))
    status, result = call(api, "GET", f"/api/questionnaires/{sent['id']}/result", headers)
    assert status == 200 and result["status"] == "completed" and result["language"] == "en"
    children = next(a for a in result["pages"][2]["answers"] if a["id"] == "children")
    assert [i["label"] for i in children["items"]] == ["Child 1", "Child 2"]
    first = {a["id"]: a for a in children["items"][0]["answers"]}
    assert first["first_names"]["display"] == "Zoë Anna" and first["deceased"]["display"] == "No"
    assert "death_date" not in first  # hidden questions are not shown
    wishes = {a["id"]: a for a in result["pages"][3]["answers"]}
    assert wishes["estate_value"] == {"id": "estate_value", "type": "amount", "label": "Estimated value of your estate (in euros)",
                                      "value": "450000.00", "display": "€450,000.00"}


def _modules_after_loading(relative: str) -> set[str]:
    script = (
        "import importlib.util, json, sys\n"
        f"spec = importlib.util.spec_from_file_location('fn', {str(ROOT / 'functions' / relative / 'app.py')!r})\n"
        "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_function_serving_acties_on_every_page_does_not_load_fpdf() -> None:
    loaded = _modules_after_loading("client/questionnaires_actions")
    assert "portal.questionnaires.actions" in loaded  # the handler really was imported
    assert "fpdf" not in loaded and "portal.pdf.document" not in loaded
    assert "portal.questionnaires.schema" not in loaded  # nor the template model: Acties stays light


def test_no_function_loads_fpdf_before_it_renders() -> None:
    for relative in ("client/questionnaires", "client/questionnaires_complete", "admin/questionnaires"):
        assert "fpdf" not in _modules_after_loading(relative), relative


def test_a_save_racing_the_completion_wins_and_no_pdf_is_left_behind(aws, fake_clock, api, complete_api, monkeypatch) -> None:
    from portal.questionnaires import printing

    jan = active_account()
    dossier, sent = send_testament(jan)
    headers = headers_for(jan)
    version = fill_all(api, headers, sent["id"])
    render = printing.pdf_bytes

    def render_while_another_tab_saves(*args, **kwargs):
        assert save(api, headers, sent["id"], 4, TESTAMENT_PAGES[4], version)[0] == 200
        return render(*args, **kwargs)

    monkeypatch.setattr(printing, "pdf_bytes", render_while_another_tab_saves)
    status, body = complete(complete_api, headers, sent["id"], version)
    assert (status, body["code"]) == (409, "conflict")
    listed = client("s3").list_objects_v2(Bucket=get_settings().documents_bucket, Prefix=f"dossiers/{dossier['id']}/")
    assert listed.get("KeyCount", 0) == 0
    assert open_q(api, headers, sent["id"])[1]["status"] == "in_progress"
