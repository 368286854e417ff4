"""Draft-deed approval over HTTP against the local stack: staff put a draft up with the CLI, the
named party approves through the gateway, the CLI saves the evidence; the demo data seeds too."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

from tests.support.clients import PDF_BYTES, logged_in_client, upload_and_publish


def portal_admin(stack, *args: str) -> dict:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "portal_admin.cli", "--endpoint", stack.url + "/admin", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_staff_request_with_the_cli_the_party_approves_and_the_evidence_is_saved(stack, tmp_path: Path) -> None:
    client, account = logged_in_client(stack, name="Koper Goedkeuring")
    dossier = stack.admin().post("/dossiers", {
        "number": f"IT-{uuid.uuid4().hex[:10]}", "description": "Levering Kerkstraat 2", "grant": [account["id"]]}).body
    draft = upload_and_publish(stack, dossier["id"], title="Concept akte", content=PDF_BYTES + uuid.uuid4().hex.encode())
    asked = portal_admin(stack, "approvals", "request", "--dossier", dossier["id"], "--document", draft["id"],
                         "--party", account["id"], "--respond-by", "2030-01-31")
    assert asked["parties"][0]["state"] == "waiting" and asked["respond_by"] == "2030-01-31"

    approval = client.get(f"/api/dossiers/{dossier['id']}/approval").json()["approval"]
    assert approval["sha256"] == asked["sha256"]
    approved = client.post(f"/api/dossiers/{dossier['id']}/approval/approve",
                           json={"version_id": approval["version_id"], "sha256": approval["sha256"], "confirmed": True})
    assert approved.status_code == 200, approved.text
    evidence = tmp_path / "evidence.json"
    receipt = tmp_path / "receipt.pdf"
    state = portal_admin(stack, "approvals", "state", "--dossier", dossier["id"], "--evidence", str(evidence),
                         "--receipt", str(receipt))
    [party] = state["parties"]
    assert party["state"] == "approved" and party["approved_by"] == account["id"] and party["session_id"]
    assert json.loads(evidence.read_text(encoding="utf-8"))["sha256"] == asked["sha256"]
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(str(receipt)).pages)
    assert asked["sha256"] in text.replace("\n", "") and asked["fingerprint"] in text
    assert "Bewijs van goedkeuring concept-akte" in text and "Pagina 1/" in text  # Dutch unless asked otherwise

    english = tmp_path / "receipt-en.pdf"
    portal_admin(stack, "approvals", "state", "--dossier", dossier["id"], "--receipt", str(english), "--language", "en")
    text = "".join(page.extract_text() for page in PdfReader(str(english)).pages)
    assert "Evidence of approval of the draft deed" in text and "Approved on" in text and "Page 1/" in text
    assert "Akkoord op" not in text and asked["fingerprint"] in text
    refused = stack.admin().get(f"/dossiers/{dossier['id']}/approval/receipt?language=de")
    assert refused.status == 422
