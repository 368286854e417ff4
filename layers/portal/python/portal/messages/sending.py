"""A client sends a message to the office ("Nieuw bericht", "Beantwoorden"), with attachments.

One BatchGetItem reads everything the send depends on (the idempotency claim, the grant, the
original when replying, the uploads), one TransactWrite writes everything it changes: the message,
the claim, each upload marked sent, each attachment filed under "Door mij aangeleverd" (document,
the party's view, counted on the grant), the office's notification and the audit entry. Nothing
is written when anything fails, and the uploads stay checked, ready for the retry.
"""

from __future__ import annotations

from typing import Any

from portal.accounts.sessions import Principal
from portal.activity import recording
from portal.activity.models import FILE_SUPPLIED, MESSAGE_RECEIVED
from portal.audit import trail
from portal.dossiers.authorization import denied, require_ids
from portal.dossiers.models import (
    Document,
    Grant,
    dossier_key,
    get_many,
    grant_sk,
    item_sk,
    party_key,
    view_sk,
)
from portal.messages import uploads, views, writing
from portal.messages.models import (
    CHECKED,
    OUTGOING,
    SENT,
    Attachment,
    Message,
    Original,
    SendClaim,
    SuppliedDocument,
    SuppliedView,
    Upload,
    message_sk,
)
from portal.messages.text import clean_body, clean_subject
from portal.notifications import events
from portal.platform.db import transaction
from portal.platform.errors import Invalid
from portal.platform.settings import get_settings

SUPPLIED = "supplied"


def quoted(original: Message) -> Original:
    return Original(
        id=original.id, direction=original.direction, subject=original.subject, body=original.body,
        from_name=original.from_name, created_at=original.created_at,
    )


def check_attachment_count(upload_ids: list[str]) -> list[str]:
    unique = list(dict.fromkeys(upload_ids))
    if len(unique) > writing.max_attachments():
        raise Invalid("too_many_attachments", detail={"max": writing.max_attachments()})
    return unique


def send(
    caller: Principal, dossier_id: str, *, subject: str | None, body: str | None, in_reply_to: str | None,
    attachments: list[str], idempotency_key: str, source_ip: str, activity: tuple[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """``activity``: the office inbox's kind and refs when the message is more than a message (a
    question on a draft); by default ``message_received``."""
    subject, body = clean_subject(subject), clean_body(body)
    upload_ids = check_attachment_count(attachments)
    require_ids(caller, source_ip, dossier=dossier_id, **({"in_reply_to": in_reply_to} if in_reply_to else {}))
    claim = writing.claim_key(caller.account_id, idempotency_key)
    print_ = writing.fingerprint(
        dossier=dossier_id, subject=subject, body=body, in_reply_to=in_reply_to, attachments=upload_ids
    )
    grant_key = (party_key(caller.party_id), grant_sk(dossier_id))
    original_key = (dossier_key(dossier_id), message_sk(caller.party_id, in_reply_to)) if in_reply_to else None
    upload_keys = uploads.keys_of(caller, dossier_id, upload_ids)

    def attempt() -> Message:
        found = get_many([claim, grant_key, *([original_key] if original_key else []), *upload_keys])
        # Authorization first: a replay answers only to a party still granted the dossier.
        if grant_key not in found:
            raise denied(caller, source_ip, dossier=dossier_id)
        if claim in found:
            return writing.replay(found[claim], print_)
        if original_key and original_key not in found:
            raise denied(caller, source_ip, dossier=dossier_id, message=in_reply_to)
        grant = Grant.from_raw_data(found[grant_key])
        ready = uploads.ready_for_sending(caller, dossier_id, upload_ids, found, source_ip=source_ip)
        original = Message.from_raw_data(found[original_key]) if original_key else None
        message = writing.new_message(
            dossier_id, caller.party_id, direction=OUTGOING, subject=subject, body=body,
            from_name=caller.account.name, to_name=get_settings().office_name,
            from_account=caller.account_id, sent_by=caller.account_id, in_reply_to=in_reply_to,
            original=quoted(original) if original else None,
            attachments=[
                Attachment(id=u.id, file_name=u.file_name, content_type=u.content_type, size=int(u.size or 0),
                           s3_key=u.checked_key)
                for u in ready
            ],
        )
        _commit(caller, grant, message, ready, writing.new_claim(claim, message, print_), source_ip=source_ip,
                activity=activity)
        return message

    return views.opened(writing.with_retries(attempt))


def supplied_items(message: Message, upload: Upload) -> tuple[SuppliedDocument, SuppliedView]:
    """The attachment as an item of "Door mij aangeleverd": the party's own, so created read."""
    common = {
        "pk": dossier_key(message.dossier_id), "dossier_id": message.dossier_id, "tab": SUPPLIED,
        "title": message.subject, "file_name": upload.file_name, "content_type": upload.content_type,
        "size": int(upload.size or 0), "s3_key": upload.checked_key, "published_at": message.created_at,
        "message_id": message.id,
    }
    document = SuppliedDocument(
        sk=item_sk(SUPPLIED, upload.id), id=upload.id, published_by=message.sent_by,
        visible_to=[message.party_id], **common,
    )
    view = SuppliedView(
        sk=view_sk(message.party_id, SUPPLIED, upload.id), item_id=upload.id, read_at=message.created_at,
        read_by=message.sent_by, **common,
    )
    return document, view


def _commit(
    caller: Principal, grant: Grant, message: Message, ready: list[Upload], claim: SendClaim, *, source_ip: str,
    activity: tuple[str, dict[str, str]] | None = None,
) -> None:
    label = f"{grant.number} {grant.description}"
    audit = trail.entry(
        "message_sent", actor=caller.account_id, subject=caller.account_id, source_ip=source_ip,
        dossier=message.dossier_id, message=message.id, attachments=len(ready),
    )
    with transaction() as write:
        write.save(claim, condition=SendClaim.pk.does_not_exist())
        write.save(message, condition=Message.pk.does_not_exist())
        writing.count_message(write, message, unread=False, supplied=len(ready))
        for upload in ready:
            write.update(
                upload, actions=[Upload.status.set(SENT), Upload.message_id.set(message.id)],
                condition=(Upload.status == CHECKED) & (Upload.account_id == caller.account_id),
            )
            document, view = supplied_items(message, upload)
            write.save(document, condition=Document.pk.does_not_exist())
            write.save(view)
        for pending in events.for_staff(kind=events.CLIENT_MESSAGE, dossier_id=message.dossier_id, dossier_label=label):
            write.save(pending)
        # The office inbox and the events: the message, and each file it supplied.
        kind, refs = activity or (MESSAGE_RECEIVED, {})
        recording.save_in(write, recording.new(
            kind, caller, message.dossier_id, message_id=message.id, attachments=len(ready), **refs))
        for upload in ready:
            recording.save_in(write, recording.new(
                FILE_SUPPLIED, caller, message.dossier_id, message_id=message.id, document_id=upload.id))
        write.save(audit, condition=type(audit).pk.does_not_exist())
