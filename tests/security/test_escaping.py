"""Markup typed by clients or staff stays text in the e-mails and the questionnaire PDF.

The e-mails are rendered by Jinja2 with autoescaping for the HTML part; the plain-text part and
the PDF carry the text literally (neither interprets markup). The site's side, in Chromium, is in
test_browser_security.py.
"""

from __future__ import annotations

import io
import json
import uuid

import requests
from pypdf import PdfReader

from tests.security.http_world import TESTAMENT
from tests.support.clients import logged_in_client, upload_and_publish
from tests.unit.questionnaires_steps import TESTAMENT_PAGES

SCRIPT = "<script>alert('xss')</script>"
ESCAPED = "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;"


def test_an_invitation_to_a_name_with_a_script_has_it_escaped_in_the_html_part(stack) -> None:
    email = f"script-{uuid.uuid4().hex[:8]}@example.nl"
    created = stack.admin().post("/clients", {"name": f"Anna {SCRIPT}", "email": email, "language": "nl"})
    assert created.status == 201, created.body
    [mail] = stack.mails(email)
    assert "<script" not in mail["html"]
    assert f"Beste Anna {ESCAPED}," in mail["html"]
    assert f"Beste Anna {SCRIPT}," in mail["text"]  # plain text is never interpreted


def test_a_digest_for_a_dossier_described_with_markup_has_it_escaped(stack) -> None:
    _, account = logged_in_client(stack, name=f"Bram {SCRIPT}", language="en")
    description = f'Levering <img src=x onerror="alert(1)"> {SCRIPT}'
    dossier = stack.admin().post("/dossiers", {"number": f"2026.{uuid.uuid4().hex[:5]}", "description": description,
                                               "grant": [account["id"]]}).body
    upload_and_publish(stack, dossier["id"], title=SCRIPT)
    assert stack.admin().post("/digest/run").status == 200
    [digest] = [m for m in stack.mails(account["email"]) if m["subject"].startswith("New in your file")]
    assert "<script" not in digest["html"] and "<img" not in digest["html"]
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in digest["html"]
    assert f"Dear Bram {ESCAPED}," in digest["html"]
    assert "\r" not in digest["subject"] and "\n" not in digest["subject"]


def test_the_questionnaire_pdf_shows_markup_literally(stack) -> None:
    client, account = logged_in_client(stack, name=f"Zoë {SCRIPT}")
    admin = stack.admin()
    dossier = admin.post("/dossiers", {"number": f"2026.{uuid.uuid4().hex[:5]}", "description": "Testament",
                                       "grant": [account["id"]]}).body
    assert admin.post("/questionnaire-templates", json.loads(TESTAMENT.read_text(encoding="utf-8"))).status in (200, 201)
    sent = admin.post("/questionnaires", {"dossier_id": dossier["id"], "account_id": account["id"],
                                          "template_id": "testament"}).body
    pages = {**TESTAMENT_PAGES, 1: {**TESTAMENT_PAGES[1], "first_names": SCRIPT},
             4: {**TESTAMENT_PAGES[4], "remarks": f"<b>vet</b>\n{SCRIPT}\n%PDF-1.4 ) Tj ET"}}
    version = client.get(f"/api/questionnaires/{sent['id']}").json()["version"]
    for number, answers in pages.items():
        saved = client.put(f"/api/questionnaires/{sent['id']}/pages/{number}", {"answers": answers, "version": version})
        assert saved.status_code == 200, saved.text
        version = saved.json()["version"]
    done = client.post(f"/api/questionnaires/{sent['id']}/complete", {"version": version})
    assert done.status_code == 200, done.text
    link = client.post(f"/api/questionnaires/{sent['id']}/pdf").json()["url"]
    content = requests.get(link, timeout=30).content
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    squashed = "".join(text.split())
    for literal in (SCRIPT, "<b>vet</b>", "%PDF-1.4)TjET", f"Zoë{SCRIPT}"):
        assert "".join(literal.split()) in squashed, literal
    assert b"/JavaScript" not in content and b"/JS " not in content and b"/Launch" not in content  # no active content
