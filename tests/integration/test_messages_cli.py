"""portal-admin messages against the local stack: send with an attachment, list, download, handled."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

from tests.support.clients import PDF_BYTES, logged_in_client


def portal_admin(stack, *args: str, cwd: Path | None = None) -> dict:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "portal_admin.cli", "--endpoint", stack.url + "/admin", *args],
        capture_output=True, text=True, timeout=120, check=False, cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_staff_send_a_message_with_an_attachment_and_list_it_with_the_cli(stack, tmp_path: Path) -> None:
    client, account = logged_in_client(stack, name="Jan CLI")
    dossier = portal_admin(stack, "dossiers", "create", "--number", f"CLI-M-{uuid.uuid4().hex[:6]}",
                           "--description", "Levering Kerkstraat 2", "--grant", account["id"])
    body = tmp_path / "bericht.txt"
    body.write_text("Beste heer,\n\nBijgaand de concept akte.\n\nMet vriendelijke groet", encoding="utf-8")
    draft = tmp_path / "Concept akte.pdf"
    draft.write_bytes(PDF_BYTES)

    sent = portal_admin(stack, "messages", "send", "--dossier", dossier["id"], "--to", account["id"],
                        "--subject", "Concept akte", "--body-file", str(body), "--attach", str(draft))
    assert (sent["subject"], sent["direction"], sent["to_account"]) == ("Concept akte", "incoming", account["id"])
    assert [a["file_name"] for a in sent["attachments"]] == ["Concept akte.pdf"]

    listed = portal_admin(stack, "messages", "list", "--dossier", dossier["id"])
    assert [(m["id"], m["read_at"]) for m in listed["items"]] == [(sent["id"], None)]

    # The client sees it, unread, and opens it; staff see it read.
    inbox = client.get(f"/api/dossiers/{dossier['id']}/messages").json()["items"]
    assert [(m["subject"], m["read"]) for m in inbox] == [("Concept akte", False)]
    assert client.get(f"/api/dossiers/{dossier['id']}/messages/{sent['id']}").status_code == 200
    assert portal_admin(stack, "messages", "list", "--dossier", dossier["id"])["items"][0]["read_by"] == account["id"]

    saved = portal_admin(stack, "messages", "download", "--dossier", dossier["id"], sent["id"],
                         sent["attachments"][0]["id"], "--output", str(tmp_path / "terug.pdf"))
    assert Path(saved["file"]).read_bytes() == PDF_BYTES


def test_staff_mark_a_clients_message_handled_with_the_cli(stack) -> None:
    client, account = logged_in_client(stack, name="Piet CLI")
    dossier = portal_admin(stack, "dossiers", "create", "--number", f"CLI-H-{uuid.uuid4().hex[:6]}",
                           "--description", "Testament", "--grant", account["id"])
    question = client.post(f"/api/dossiers/{dossier['id']}/messages", {
        "subject": "Vraag", "body": "Kan ik langskomen?", "idempotency_key": uuid.uuid4().hex,
    })
    assert question.status_code == 201, question.text
    handled = portal_admin(stack, "messages", "handled", "--dossier", dossier["id"], question.json()["id"])
    assert handled["handled"] is True and handled["from_account"] == account["id"]
