"""Questionnaires over HTTP against the local stack: staff send, a client fills in over two visits,
completes, and downloads the PDF; staff read the answers through the API and portal-admin."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import uuid
from pathlib import Path

import requests
from pypdf import PdfReader

from tests.support.clients import PASSWORD, PortalClient, logged_in_client
from tests.unit.questionnaires_steps import TESTAMENT_PAGES

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "layers/portal/python/portal/questionnaires/data/testament.json"


def send_testament(stack, account: dict, description: str = "Testament") -> tuple[dict, dict]:
    """Staff, through the admin API: a dossier for the client, the will intake loaded and sent."""
    admin = stack.admin()
    dossier = admin.post("/dossiers", {"number": f"2026.{uuid.uuid4().hex[:6].upper()}", "description": description,
                                       "grant": [account["id"]]})
    assert dossier.status == 201, dossier.body
    stored = admin.post("/questionnaire-templates", json.loads(SHIPPED.read_text(encoding="utf-8")))
    assert stored.status in (200, 201), stored.body  # the demo seeder may have loaded it already
    sent = admin.post("/questionnaires", {"dossier_id": dossier.body["id"], "account_id": account["id"],
                                          "template_id": "testament", "due_date": "2026-12-31"})
    assert sent.status == 201, sent.body
    return dossier.body, sent.body


def pdf_text(url: str) -> str:
    fetched = requests.get(url, timeout=30)
    assert fetched.status_code == 200 and fetched.content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(fetched.content)).pages)


def test_send_fill_stop_resume_complete_and_download_the_pdf(stack) -> None:
    client, account = logged_in_client(stack, name="Łukasz Özdemir")
    dossier, sent = send_testament(stack, account)
    actions = client.get("/api/actions").json()["items"]
    assert [(a["id"], a["title"], a["due_date"]) for a in actions] == [(sent["id"], "Vragenlijst testament", "2026-12-31")]
    assert client.get("/api/me").json()["counts"]["actions_open"] == 1

    # First visit: page 1, "Volgende", "Uitloggen".
    opened = client.get(f"/api/questionnaires/{sent['id']}").json()
    saved = client.put(f"/api/questionnaires/{sent['id']}/pages/1", {"answers": TESTAMENT_PAGES[1], "version": opened["version"]})
    assert saved.status_code == 200, saved.text
    assert client.delete("/api/session").status_code == 204

    # Second visit, as a new browser: "Invullen" resumes at page 2 with page 1 kept.
    again = PortalClient(stack.url)
    assert again.post("/api/session", {"email": account["email"], "password": PASSWORD}).status_code == 200
    resumed = again.get(f"/api/questionnaires/{sent['id']}").json()
    assert resumed["first_unsaved_page"] == 2 and resumed["answers"]["first_names"] == "Łukasz Jan"
    version = resumed["version"]
    for number in (2, 3, 4):
        saved = again.put(f"/api/questionnaires/{sent['id']}/pages/{number}",
                          {"answers": TESTAMENT_PAGES[number], "version": version})
        assert saved.status_code == 200, saved.text
        version = saved.json()["version"]
    done = again.post(f"/api/questionnaires/{sent['id']}/complete", {"version": version})
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed"
    assert again.get("/api/actions").json()["items"] == []
    assert again.get("/api/me").json()["counts"]["actions_open"] == 0

    link = again.post(f"/api/questionnaires/{sent['id']}/pdf")
    assert link.status_code == 200, link.text
    text = pdf_text(link.json()["url"])
    for expected in ("Notariskantoor", "Łukasz Özdemir", "Zoë Anna", dossier["number"], "Pagina 1/"):
        assert expected in text, expected
    supplied = again.get(f"/api/dossiers/{dossier['id']}/items", params={"tab": "supplied"}).json()["items"]
    assert [i["file_name"] for i in supplied] == [link.json()["file_name"]]

    listed = stack.admin().get("/questionnaires", dossier_id=dossier["id"]).body["items"]
    assert [(q["id"], q["status"]) for q in listed] == [(sent["id"], "completed")]
    staff_link = stack.admin().post(f"/questionnaires/{sent['id']}/pdf")
    assert staff_link.status == 200 and "Zoë Anna" in pdf_text(staff_link.body["url"])


def test_a_stale_save_is_refused_with_409_and_another_client_gets_404(stack) -> None:
    client, account = logged_in_client(stack)
    other, _ = logged_in_client(stack, name="Piet Bakker")
    _, sent = send_testament(stack, account)
    path = f"/api/questionnaires/{sent['id']}/pages/1"
    assert client.put(path, {"answers": TESTAMENT_PAGES[1], "version": 1}).status_code == 200
    stale = client.put(path, {"answers": TESTAMENT_PAGES[1], "version": 1})
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert other.get(f"/api/questionnaires/{sent['id']}").status_code == 404
    assert other.put(path, {"answers": TESTAMENT_PAGES[1], "version": 2}).status_code == 404


def test_invalid_iban_and_bsn_are_refused_with_clear_codes(stack) -> None:
    client, account = logged_in_client(stack, language="en")
    _, sent = send_testament(stack, account)
    wrong = {**TESTAMENT_PAGES[1], "bsn": "123456789"}
    refused = client.put(f"/api/questionnaires/{sent['id']}/pages/1", {"answers": wrong, "version": 1})
    assert refused.status_code == 422
    assert refused.json()["code"] == "answers_invalid" and refused.json()["message"].startswith("Not all questions")
    assert refused.json()["fields"] == [{"field": "bsn", "code": "bsn_invalid", "page": 1}]


def test_portal_admin_sends_lists_and_saves_the_answers_with_the_pdf(stack, tmp_path) -> None:
    client, account = logged_in_client(stack)
    dossier, _ = send_testament(stack, account)

    def admin(*args: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "portal_admin.cli", "--endpoint", stack.url + "/admin", "questionnaires", *args],
            capture_output=True, text=True, cwd=ROOT, check=False, timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    assert "testament" in [t["id"] for t in admin("templates-list")["items"]]
    sent = admin("send", "--dossier", dossier["id"], "--to", account["id"], "--template", "testament", "--due", "2027-01-15")
    assert sent["due_date"] == "2027-01-15"
    version = 1
    for number, answers in TESTAMENT_PAGES.items():
        version = client.put(f"/api/questionnaires/{sent['id']}/pages/{number}", {"answers": answers, "version": version}).json()["version"]
    assert client.post(f"/api/questionnaires/{sent['id']}/complete", {"version": version}).status_code == 200
    states = {q["id"]: q["status"] for q in admin("list", "--dossier", dossier["id"])["items"]}
    assert states[sent["id"]] == "completed" and len(states) == 2
    target = tmp_path / "antwoorden.pdf"
    answers = admin("answers", sent["id"], "--pdf", str(target))
    assert answers["answers"]["children"][1]["first_names"] == "Mateusz"
    assert target.read_bytes().startswith(b"%PDF-")
