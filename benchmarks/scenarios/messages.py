"""Scenarios of the Berichten tab and attachments: list, open, send, upload, check, discard."""

from __future__ import annotations

import uuid

from benchmarks.dataset import PDF_BYTES, World, office_message, put_file
from benchmarks.inprocess import SOURCE_IP, Request
from benchmarks.scenarios import scenario

MESSAGES = "/api/dossiers/{dossier_id}/messages"
ATTACHMENTS = "/api/dossiers/{dossier_id}/attachments"


@scenario("GET", MESSAGES)
def list_messages(world: World) -> Request:
    return Request("GET", MESSAGES, {"dossier_id": world.dossier_id}, headers=world.headers(world.person))


@scenario("GET", MESSAGES + "/{message_id}", grows=True)
def open_message(world: World) -> Request:
    # An office message not opened yet: opening it also marks it read (the costlier case).
    message = office_message(world.dossier_id, world.person, subject="Nieuw bericht")
    return Request("GET", MESSAGES + "/{message_id}", {"dossier_id": world.dossier_id, "message_id": message["id"]},
                   headers=world.headers(world.person))


def _message(idempotency_key: str, attachments: list[str] | None = None) -> dict:
    return {"subject": "Kopie legitimatiebewijs", "body": "Beste mevrouw Bakker,\n\nHierbij de kopie.\n\nJan",
            "attachments": attachments or [], "idempotency_key": idempotency_key}


@scenario("POST", MESSAGES)
def send(world: World) -> Request:
    return Request("POST", MESSAGES, {"dossier_id": world.dossier_id}, headers=world.headers(world.person),
                   body=_message(uuid.uuid4().hex), expect=201)


@scenario("POST", MESSAGES, variant="with an attachment", latency=False)
def send_with_attachment(world: World) -> Request:
    upload_id = _checked_upload(world)
    return Request("POST", MESSAGES, {"dossier_id": world.dossier_id}, headers=world.headers(world.person),
                   body=_message(uuid.uuid4().hex, [upload_id]), expect=201)


@scenario("POST", MESSAGES + "/{message_id}/attachments/{attachment_id}/download")
def attachment_download(world: World) -> Request:
    message_id, attachment_id = world.attachment
    return Request("POST", MESSAGES + "/{message_id}/attachments/{attachment_id}/download",
                   {"dossier_id": world.dossier_id, "message_id": message_id, "attachment_id": attachment_id},
                   headers=world.headers(world.person))


# ---------------------------------------------------------------- attachments on their way


@scenario("POST", ATTACHMENTS)
def offer(world: World) -> Request:
    return Request("POST", ATTACHMENTS, {"dossier_id": world.dossier_id}, headers=world.headers(world.person),
                   body={"file_name": "paspoort.pdf", "content_type": "application/pdf", "size": len(PDF_BYTES)},
                   expect=201)


def _posted_upload(world: World) -> str:
    """What the browser does before the check: an offer, then the file posted to S3 (GuardDuty tags it)."""
    from portal.messages import uploads
    from portal.messages.models import upload_key

    caller = world.principal(world.person)
    offered = uploads.offer(caller, world.dossier_id, file_name="paspoort.pdf", content_type="application/pdf",
                            size=len(PDF_BYTES), source_ip=SOURCE_IP)
    put_file(upload_key(world.dossier_id, caller.party_id, offered["upload_id"]), scanned=True)
    return offered["upload_id"]


def _checked_upload(world: World) -> str:
    from portal.messages import uploads

    upload_id = _posted_upload(world)
    uploads.check(world.principal(world.person), world.dossier_id, upload_id, source_ip=SOURCE_IP)
    return upload_id


@scenario("POST", ATTACHMENTS + "/{upload_id}/check")
def check(world: World) -> Request:
    return Request("POST", ATTACHMENTS + "/{upload_id}/check",
                   {"dossier_id": world.dossier_id, "upload_id": _posted_upload(world)}, headers=world.headers(world.person))


@scenario("DELETE", ATTACHMENTS + "/{upload_id}")
def discard(world: World) -> Request:
    return Request("DELETE", ATTACHMENTS + "/{upload_id}",
                   {"dossier_id": world.dossier_id, "upload_id": _checked_upload(world)},
                   headers=world.headers(world.person), expect=204)
