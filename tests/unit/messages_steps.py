"""Shared steps for the messages tests: a client in a dossier, uploads, sends (no tests here)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests

from tests.support.clients import PDF_BYTES, active_account, call, new_dossier, session_headers
from tests.unit.conftest import load_handler

STAFF = {"actor": "arn:aws:iam::123456789012:user/staff", "source_ip": "192.0.2.1"}
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.fixture(scope="module", name="messages_api")
def messages_api_fixture() -> Any:
    return load_handler("client/messages")


@pytest.fixture(scope="module", name="attachments_api")
def attachments_api_fixture() -> Any:
    return load_handler("client/attachments")


@pytest.fixture(scope="module", name="dossiers_api")
def dossiers_api_fixture() -> Any:
    return load_handler("client/dossiers")


@pytest.fixture(scope="module", name="downloads_api")
def downloads_api_fixture() -> Any:
    return load_handler("client/dossier_downloads")


def client_in_dossier(**account: Any) -> tuple[Any, dict[str, Any]]:
    person = active_account(**account)
    return person, new_dossier(person)


def upload(api: Any, account: Any, dossier_id: str, *, file_name: str = "paspoort.pdf", content: bytes = PDF_BYTES,
           content_type: str = "application/pdf", check: bool = True) -> tuple[int, dict[str, Any]]:
    """What the browser does: ask for a presigned POST, post the file to S3, ask for the check."""
    status, offer = call(api, "POST", f"/api/dossiers/{dossier_id}/attachments", session_headers(account),
                         body={"file_name": file_name, "content_type": content_type, "size": len(content)})
    assert status == 201, offer
    posted = requests.post(offer["url"], data=offer["fields"], files={"file": (file_name, content, content_type)}, timeout=30)
    assert posted.status_code in (200, 201, 204), posted.text
    if not check:
        return status, offer
    return call(api, "POST", f"/api/dossiers/{dossier_id}/attachments/{offer['upload_id']}/check", session_headers(account))


def send(api: Any, account: Any, dossier_id: str, *, subject: str | None = "Kopie stukken", body: str | None = "Hierbij.",
         attachments: list[str] | None = None, in_reply_to: str | None = None, key: str | None = None) -> tuple[int, Any]:
    payload: dict[str, Any] = {"attachments": attachments or [], "idempotency_key": key or uuid.uuid4().hex}
    if subject is not None:
        payload["subject"] = subject
    if body is not None:
        payload["body"] = body
    if in_reply_to:
        payload["in_reply_to"] = in_reply_to
    return call(api, "POST", f"/api/dossiers/{dossier_id}/messages", session_headers(account), body=payload)


def office_message(dossier_id: str, account: Any, subject: str = "Concept akte", body: str = "Zie bijlage.") -> dict[str, Any]:
    from portal.messages import staff

    return staff.send(dossier_id, to=account.id, subject=subject, body=body, attachments=[], **STAFF)


def tabs(dossiers_api: Any, account: Any, dossier_id: str) -> dict[str, Any]:
    status, page = call(dossiers_api, "GET", f"/api/dossiers/{dossier_id}", session_headers(account))
    assert status == 200, page
    return page


def listed_unread_total(dossiers_api: Any, account: Any, dossier_id: str) -> int:
    _, listing = call(dossiers_api, "GET", "/api/dossiers", session_headers(account))
    return next(row["unread_total"] for row in listing["items"] if row["id"] == dossier_id)


def pending_for(recipient: str) -> list[Any]:
    from portal.notifications.models import PendingNotification

    return list(PendingNotification.query(f"NOTIFY#{recipient}"))


def fail_first_transaction(monkeypatch: Any) -> list[str]:
    """The next TransactWriteItems fails with a 500 from DynamoDB (once); the list says when it did."""
    import botocore.client
    from botocore.exceptions import ClientError

    real = botocore.client.BaseClient._make_api_call
    failures: list[str] = []

    def failing_once(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        if operation_name == "TransactWriteItems" and not failures:
            failures.append(operation_name)
            raise ClientError({"Error": {"Code": "InternalServerError", "Message": "injected"}}, operation_name)
        return real(self, operation_name, api_params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", failing_once)
    return failures
