"""Helpers for the e2e tests that drive the real local stack: staff set up clients, dossiers,
documents, messages and questionnaires through the admin API (as `portal-admin` does), and the
client logs in through the browser. Not a test module (no test_ prefix)."""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.support.clients import PASSWORD, logged_in_client, upload_and_publish

ROOT = Path(__file__).resolve().parents[2]
TESTAMENT = ROOT / "layers/portal/python/portal/questionnaires/data/testament.json"
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000" "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f00000000049454e44ae426082")


def client(stack: Any, name: str = "Anna Jansen", language: str = "nl") -> tuple[Any, dict[str, Any]]:
    """A new, activated client: (PortalClient over HTTP, account). The browser logs in with PASSWORD."""
    return logged_in_client(stack, name=name, language=language)


def number(prefix: str = "2026") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:6].upper()}"


def dossier(stack: Any, *accounts: dict[str, Any], description: str = "Levering Dorpsstraat 1 Utrecht",
            status: str | None = None, dossier_number: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"number": dossier_number or number(), "description": description,
                            "grant": [a["id"] for a in accounts]}
    if status:
        body["status"] = status
    created = stack.admin().post("/dossiers", body)
    assert created.status == 201, created.body
    return created.body


def progress(stack: Any, dossier_id: str, steps: list[tuple[str, str, bool]]) -> None:
    answer = stack.admin().request("PUT", f"/dossiers/{dossier_id}/progress",
                                   {"steps": [{"title_nl": nl, "title_en": en, "done": done} for nl, en, done in steps]})
    assert answer.ok, answer.body


def publish(stack: Any, dossier_id: str, **kwargs: Any) -> dict[str, Any]:
    return upload_and_publish(stack, dossier_id, **kwargs)


def office_message(stack: Any, dossier_id: str, account: dict[str, Any], subject: str, body: str) -> dict[str, Any]:
    sent = stack.admin().post(f"/dossiers/{dossier_id}/messages", {
        "to": account["id"], "subject": subject, "body": body, "idempotency_key": uuid.uuid4().hex})
    assert sent.status == 201, sent.body
    return sent.body


def send_testament(stack: Any, dossier_id: str, account: dict[str, Any], due: str = "2026-12-31") -> dict[str, Any]:
    admin = stack.admin()
    stored = admin.post("/questionnaire-templates", json.loads(TESTAMENT.read_text(encoding="utf-8")))
    assert stored.status in (200, 201), stored.body
    sent = admin.post("/questionnaires", {"dossier_id": dossier_id, "account_id": account["id"],
                                          "template_id": "testament", "due_date": due})
    assert sent.status == 201, sent.body
    return sent.body


def login(page: Page, email: str, *, english: bool = False) -> None:
    """Log in through the login page, as the client does; lands on Home."""
    page.goto("/#/login")
    if english:
        page.get_by_role("button", name="English").click()
    page.get_by_label("Email address" if english else "E-mailadres").fill(email)
    page.get_by_label("Password" if english else "Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Log in" if english else "Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/home$"))


def sign_in(page: Page, stack: Any, email: str) -> None:
    """Log in through the API the login form calls (POST /api/session, from the browser's own cookie
    jar), then open Home: for tests about what comes after logging in. A third of the UI login's time;
    the login screen itself is tested through `login` (test_accounts_live, test_site_shell)."""
    answer = page.request.post(stack.url + "/api/session", data={"email": email, "password": PASSWORD},
                               headers={"X-Portal-Request": "1", "Origin": stack.url})
    assert answer.status == 200, answer.text()
    assert answer.json()["status"] == "ok" and not answer.json()["first_login"], answer.text()
    page.goto(stack.url + "/#/home")
    # The header's logout button shows that the app found the session, as after the form's login.
    expect(page.get_by_role("button", name=re.compile("^(Uitloggen|Log out)$"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"#/home$"))


def logout(page: Page) -> None:
    """"Uitloggen", and wait for the login page it leads to (so a next login does not race it)."""
    page.get_by_role("button", name=re.compile("^(Uitloggen|Log out)$")).click()
    expect(page.get_by_role("status").filter(has_text=re.compile("uitgelogd|logged out"))).to_be_visible()


def console_errors(page: Page) -> list[str]:
    """Console errors, apart from the browser's own line for an expected 4xx answer (shown by the page)."""
    return [e for e in page.console_errors if "Failed to load resource: the server responded with a status of 4" not in e]


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def drop_files(page: Page, selector: str, files: list[tuple[str, str, bytes]]) -> None:
    """Dispatch a drop event carrying these files (name, type, bytes), as a drag from the desktop would.
    A person drops onto what they see: wait until the drop zone is shown (the dialog loads with its
    first opening)."""
    page.locator(selector).first.wait_for(state="visible")
    page.evaluate(
        """([selector, files]) => {
            const data = new DataTransfer();
            for (const [name, type, bytes] of files) data.items.add(new File([new Uint8Array(bytes)], name, { type }));
            const target = document.querySelector(selector);
            target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
            target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        }""",
        [selector, [[name, kind, list(content)] for name, kind, content in files]],
    )


# Screenshots of the screens, for a person to look at (not compared by the tests); outside the repo.
SHOTS = Path(os.environ.get("PORTAL_SCREENSHOTS") or Path(tempfile.gettempdir()) / "portal-e2e-screenshots")
SHOTS.mkdir(parents=True, exist_ok=True)
