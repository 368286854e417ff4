"""A client with one of everything, built over HTTP on the local stack, for the security tests.

A dossier granted to the client holding a published document, an office message with an
attachment, a questionnaire and a checked upload of the client's own: what the fuzzer needs as
real path parameters and what the browser test needs to reach every screen.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from tests.support.clients import PASSWORD, PDF_BYTES, PortalClient, logged_in_client, upload_and_publish

ROOT = Path(__file__).resolve().parents[2]
TESTAMENT = ROOT / "layers/portal/python/portal/questionnaires/data/testament.json"


@dataclass
class World:
    client: PortalClient
    account: dict[str, Any]
    dossier: str
    item: str
    message: str
    attachment: str
    questionnaire: str
    upload: str
    other_session: str = ""  # a second browser's session of the same account (never the client's own)
    instruction: str = ""  # a payment instruction to the client (issue 18)
    proposal: str = ""  # an escrow-account proposal waiting for a second staff member

    def path_values(self) -> dict[str, str]:
        """Real ids for every path parameter the two APIs name."""
        return {
            "dossier_id": self.dossier, "item_id": self.item, "message_id": self.message,
            "attachment_id": self.attachment, "questionnaire_id": self.questionnaire, "upload_id": self.upload,
            "account_id": self.account["id"], "template_id": "testament", "number": "1", "step": "1",
            "token": "a" * 43, "session_id": self.other_session,
            "instruction_id": self.instruction, "proposal_id": self.proposal,
            "passkey_id": "AAAAAAAAAAAAAAAAAAAAAA",  # nobody's: the passkey routes answer 404 passkey_not_found
        }


def staff_upload(stack: Any, dossier: str, file_name: str = "akte.pdf", content: bytes = PDF_BYTES) -> str:
    """A staff file in the bucket, ready to publish or attach: its upload key."""
    offer = stack.admin().post(f"/dossiers/{dossier}/uploads",
                               {"file_name": file_name, "content_type": "application/pdf", "size": len(content)})
    assert offer.status == 201, offer.body
    sent = requests.post(offer.body["url"], data=offer.body["fields"], timeout=30,
                         files={"file": (file_name, content, "application/pdf")})
    assert sent.status_code in (200, 201, 204), sent.text
    return offer.body["upload_key"]


def checked_upload(client: PortalClient, dossier: str, file_name: str = "paspoort.pdf",
                   content: bytes = PDF_BYTES) -> str:
    offer = client.post(f"/api/dossiers/{dossier}/attachments",
                        {"file_name": file_name, "content_type": "application/pdf", "size": len(content)})
    assert offer.status_code == 201, offer.text
    offered = offer.json()
    sent = requests.post(offered["url"], data=offered["fields"], timeout=30,
                         files={"file": (file_name, content, "application/pdf")})
    assert sent.status_code in (200, 204), sent.text
    checked = client.post(f"/api/dossiers/{dossier}/attachments/{offered['upload_id']}/check")
    assert checked.status_code == 200, checked.text
    return offered["upload_id"]


def other_browser(stack: Any, email: str) -> str:
    """Sign the account in from a second browser: the public id of that browser's session."""
    other = PortalClient(stack.url)
    signed_in = other.post("/api/session", {"email": email, "password": PASSWORD})
    assert signed_in.status_code == 200 and signed_in.json()["status"] == "ok", signed_in.text
    listed = other.get("/api/me/sessions")
    assert listed.status_code == 200, listed.text
    return next(i["id"] for i in listed.json()["items"] if i["current"])


def build_world(stack: Any, *, name: str = "Jan de Vries", language: str = "nl") -> World:
    client, account = logged_in_client(stack, name=name, language=language)
    admin = stack.admin()
    created = admin.post("/dossiers", {"number": f"SEC-{uuid.uuid4().hex[:8].upper()}",
                                       "description": "Levering Dorpsstraat 1 Utrecht", "grant": [account["id"]]})
    assert created.status == 201, created.body
    dossier = created.body["id"]
    item = upload_and_publish(stack, dossier)["id"]
    sent = admin.post(f"/dossiers/{dossier}/messages", {
        "to": account["id"], "subject": "Concept akte", "body": "Zie bijlage.",
        "attachments": [{"upload_key": staff_upload(stack, dossier), "file_name": "akte.pdf"}]})
    assert sent.status == 201, sent.body
    stored = admin.post("/questionnaire-templates", json.loads(TESTAMENT.read_text(encoding="utf-8")))
    assert stored.status in (200, 201), stored.body
    questionnaire = admin.post("/questionnaires", {"dossier_id": dossier, "account_id": account["id"],
                                                   "template_id": "testament", "due_date": "2026-12-31"})
    assert questionnaire.status == 201, questionnaire.body
    # The demo escrow account (seeded by the local stack) makes an instruction possible.
    instruction = admin.post(f"/dossiers/{dossier}/payments", {
        "party_id": account["id"], "amount_cents": 100_000, "iban": "NL91ABNA0417164300", "reference": "SEC Koopsom",
        "due_date": "2026-12-31", "purpose": "Koopsom"})
    assert instruction.status == 201, instruction.body
    proposal = admin.post("/escrow-accounts/proposals", {"action": "change", "iban": "NL91ABNA0417164300",
                                                         "holder": "Stichting Derdengelden Notariskantoor Demo"})
    assert proposal.status == 201, proposal.body
    return World(client, account, dossier, item, sent.body["id"], sent.body["attachments"][0]["id"],
                 questionnaire.body["id"], checked_upload(client, dossier), other_browser(stack, account["email"]),
                 instruction.body["id"], proposal.body["id"])
