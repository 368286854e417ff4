"""portal-admin against the local stack: a dossier with progress and a published document."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

from tests.support.clients import PDF_BYTES, invite


def portal_admin(stack, *args: str) -> dict:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "portal_admin.cli", "--endpoint", stack.url + "/admin", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_staff_create_a_dossier_set_progress_and_publish_with_the_cli(stack, tmp_path: Path) -> None:
    buyer, seller = invite(stack, name="Koper CLI"), invite(stack, name="Verkoper CLI")
    number = f"CLI-{uuid.uuid4().hex[:8]}"
    created = portal_admin(stack, "dossiers", "create", "--number", number, "--description", "Levering Kerkstraat 2",
                           "--grant", buyer["id"], seller["id"])
    assert created["number"] == number and len(created["parties"]) == 2

    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps([{"title_nl": "Concept akte", "title_en": "Draft deed"},
                                 {"title_nl": "Passeren", "title_en": "Signing"}]), encoding="utf-8")
    portal_admin(stack, "dossiers", "progress", created["id"], "--steps", str(steps))
    shown = portal_admin(stack, "dossiers", "progress", created["id"], "--done", "1")
    assert shown["progress"] == {"done": 1, "total": 2}

    letter = tmp_path / "Brief aan koper.pdf"
    letter.write_bytes(PDF_BYTES)
    published = portal_admin(stack, "documents", "publish", "--dossier", created["id"], "--tab", "correspondence",
                             "--title", "Brief aan koper", str(letter), "--visible-to", buyer["id"])
    assert (published["title"], published["file_name"], published["visible_to"]) == (
        "Brief aan koper", "Brief aan koper.pdf", [buyer["id"]])
    listed = portal_admin(stack, "documents", "list", "--dossier", created["id"])
    assert [d["id"] for d in listed["items"]] == [published["id"]]
    assert portal_admin(stack, "documents", "reads", "--dossier", created["id"], published["id"])["items"] == []

    updated = portal_admin(stack, "dossiers", "update", created["id"], "--status", "afgerond")
    assert updated["status"] == "afgerond"
    revoked = portal_admin(stack, "dossiers", "revoke", created["id"], seller["id"])
    assert [p["party_id"] for p in revoked["parties"]] == [buyer["id"]]
    withdrawn = portal_admin(stack, "documents", "withdraw", "--dossier", created["id"], published["id"])
    assert withdrawn["withdrawn"] is True


def test_the_cli_reports_a_refusal_on_stderr_with_a_non_zero_exit(stack) -> None:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "portal_admin.cli", "--endpoint", stack.url + "/admin", "dossiers", "show",
         "01JZZZZZZZZZZZZZZZZZZZZZZZ"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 1 and json.loads(result.stderr)["code"] == "not_found"
