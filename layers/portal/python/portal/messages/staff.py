"""The office's side: send a message to a client, list a dossier's messages, download a client's
attachment, mark a client's message handled.

Staff attach files the way they publish documents: a presigned POST from
``POST /admin/dossiers/{id}/uploads`` (key ``dossiers/<dossier>/staff/<id>``), then the upload key
here. The message goes to the addressed account's party (a company's accounts all see it), raises
that party's unread count and records a pending notification for each of its accounts, all in the
same TransactWrite as the message.
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import TransactWriteError

from portal.accounts.lookup import by_id
from portal.audit import trail
from portal.dossiers import registry
from portal.dossiers.models import dossier_key, get_many, is_id
from portal.dossiers.publishing import upload_prefix
from portal.files import storage
from portal.files.names import clean_file_name
from portal.messages import views, writing
from portal.messages.models import (
    INCOMING,
    OUTGOING,
    Attachment,
    Message,
    SendClaim,
    message_sk,
    staff_list_key,
)
from portal.messages.sending import check_attachment_count, quoted
from portal.messages.text import clean_body, clean_subject
from portal.notifications import events
from portal.platform import clock, pages
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Invalid, NotFound
from portal.platform.settings import get_settings

PAGE_SIZE = 25


def _recipient(to: str, dossier_parties: list[str]) -> Any:
    if not is_id(to):
        raise NotFound("account_not_found")
    try:
        account = by_id(to)
    except NotFound:
        raise NotFound("account_not_found") from None
    if account.party_id not in dossier_parties:
        raise Invalid("recipient_not_granted", detail={"fields": [{"field": "to", "type": "granted"}]})
    return account


def _staff_attachments(dossier_id: str, attachments: list[dict[str, str]]) -> list[Attachment]:
    """Each staff upload checked like a published document: in this dossier's staff prefix, size, type."""
    checked = []
    for given in attachments:
        key = given.get("upload_key") or ""
        attachment_id = key.removeprefix(upload_prefix(dossier_id))
        if not key.startswith(upload_prefix(dossier_id)) or not is_id(attachment_id):
            raise Invalid("upload_invalid")
        stored = storage.inspect(key)
        checked.append(Attachment(
            id=attachment_id, file_name=clean_file_name(given.get("file_name") or ""),
            content_type=stored.content_type, size=stored.size, s3_key=stored.key,
        ))
    return checked


def send(
    dossier_id: str, *, to: str, subject: str | None, body: str | None, attachments: list[dict[str, str]],
    in_reply_to: str | None = None, idempotency_key: str | None = None, actor: str, source_ip: str,
) -> dict[str, Any]:
    subject, body = clean_subject(subject), clean_body(body)
    keys = check_attachment_count([a.get("upload_key") or "" for a in attachments])
    attachments = [next(a for a in attachments if (a.get("upload_key") or "") == key) for key in keys]
    dossier = registry.load(dossier_id)
    recipient = _recipient(to, list(dossier.parties))
    party = recipient.party_id
    files = _staff_attachments(dossier_id, attachments)
    claim = writing.claim_key(writing.OFFICE, idempotency_key) if idempotency_key else None
    print_ = writing.fingerprint(dossier=dossier_id, to=to, subject=subject, body=body, in_reply_to=in_reply_to,
                                 attachments=[a.s3_key for a in files])
    if in_reply_to and not is_id(in_reply_to):
        raise NotFound()
    original_key = (dossier_key(dossier_id), message_sk(party, in_reply_to)) if in_reply_to else None
    pending = events.for_parties([party], kind=events.MESSAGE, dossier_id=dossier_id,
                                 dossier_label=f"{dossier.number} {dossier.description}")

    def attempt() -> Message:
        wanted = [k for k in (claim, original_key) if k]
        found = get_many(wanted) if wanted else {}
        if claim and claim in found:
            return writing.replay(found[claim], print_)
        if original_key and original_key not in found:
            raise NotFound()
        original = Message.from_raw_data(found[original_key]) if original_key else None
        message = writing.new_message(
            dossier_id, party, direction=INCOMING, subject=subject, body=body,
            from_name=get_settings().office_name, to_name=recipient.name, to_account=recipient.id, sent_by=actor,
            in_reply_to=in_reply_to, original=quoted(original) if original else None, attachments=files,
        )
        audit = trail.entry("message_sent", actor=actor, subject=dossier_id, source_ip=source_ip,
                            message=message.id, to=recipient.id, attachments=len(files))
        with transaction() as write:
            if claim:
                write.save(writing.new_claim(claim, message, print_), condition=SendClaim.pk.does_not_exist())
            write.save(message, condition=Message.pk.does_not_exist())
            writing.count_message(write, message, unread=True)
            for item in pending:
                write.save(item)
            write.save(audit, condition=type(audit).pk.does_not_exist())
        return message

    return views.for_staff(writing.with_retries(attempt))


def list_messages(dossier_id: str, next_token: str | None = None) -> dict[str, Any]:
    """All parties' messages in the dossier, newest first, with read status and handled flag."""
    registry.load(dossier_id)
    start = pages.index_start(next_token, index="gsi1", partition=staff_list_key(dossier_id))
    found = Message.for_staff.query(
        staff_list_key(dossier_id), scan_index_forward=False, limit=PAGE_SIZE, last_evaluated_key=start,
    )
    items = [views.for_staff(m) for m in found]
    return {"items": items, "next_token": pages.encode(found.last_evaluated_key)}


def find(dossier_id: str, message_id: str) -> Message:
    """A message of the dossier by id, whichever party's thread it is in; 404 otherwise."""
    if not is_id(dossier_id) or not is_id(message_id):
        raise NotFound()
    for hit in Message.for_staff.query(staff_list_key(dossier_id), Message.gsi1sk == message_id, limit=1):
        # The index is eventually consistent; the item itself is read consistently.
        return Message.get(hit.pk, hit.sk, consistent_read=True)
    raise NotFound()


def show(dossier_id: str, message_id: str) -> dict[str, Any]:
    return views.for_staff(find(dossier_id, message_id))


def attachment_link(dossier_id: str, message_id: str, attachment_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    message = find(dossier_id, message_id)
    attachment = next((a for a in message.attachments or [] if a.id == attachment_id), None)
    if attachment is None:
        raise NotFound()
    trail.record("attachment_downloaded", actor=actor, subject=dossier_id, source_ip=source_ip,
                 message=message_id, attachment=attachment_id)
    link = storage.presigned_get(attachment.s3_key, file_name=attachment.file_name, content_type=attachment.content_type)
    return {**link, "file_name": attachment.file_name, "content_type": attachment.content_type,
            "size": int(attachment.size)}


def mark_handled(dossier_id: str, message_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    """A client's message is dealt with; marking it again changes nothing."""
    message = find(dossier_id, message_id)
    if message.direction != OUTGOING:
        raise Conflict("message_not_from_client")
    if message.handled_at is None:
        now = clock.now().isoformat()
        audit = trail.entry("message_handled", actor=actor, subject=dossier_id, source_ip=source_ip, message=message_id)
        try:
            with transaction() as write:
                write.update(message, actions=[Message.handled_at.set(now), Message.handled_by.set(actor)],
                             condition=Message.handled_at.does_not_exist())
                write.save(audit, condition=type(audit).pk.does_not_exist())
        except TransactWriteError:
            pass  # someone else marked it at the same moment: show what they wrote
        message = Message.get(message.pk, message.sk, consistent_read=True)
    return views.for_staff(message)
