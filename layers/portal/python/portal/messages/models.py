"""Message items in the portal table.

Key scheme (ids are ULIDs, so sort keys list in time order)::

    pk                          sk                       item
    DOSSIER#<id>                MSG#<party>#<msg>        Message: one party's thread in a dossier, both
                                                         directions; a page is one query, newest first
    DOSSIER#<id>                UPLOAD#<party>#<upload>  Upload: a client's file on its way to a message
    SEND#<account>#<sha256>     META                     SendClaim: an idempotency key already used
    QUOTA#<party>               UPLOADS#<yyyy-mm-dd>     UploadQuota: what the party was offered to upload that day
    gsi1: MESSAGES#<dossier> / <msg>                     staff's list of a dossier's messages, all parties
    gsi2: UPLOADS / <created_at>#<upload>                sparse: every upload not yet cleaned up, oldest
                                                         first, read by the cleanup job (no Scan)

A message belongs to one party (a person, or a company with all its accounts): its read mark is
the party's. Its attachments are listed on it; a client's attachments are also filed as
``supplied`` documents of the party (``portal.dossiers.models.Document``), so they appear under
"Door mij aangeleverd" and download through the dossiers' download endpoint.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute

from portal.accounts.models import quota_key as party_quota_key
from portal.dossiers.models import Document, DocumentView
from portal.platform.db import Gsi1, Gsi2, PortalModel

INCOMING, OUTGOING = "incoming", "outgoing"  # seen from the client: from the office / to the office
OFFERED, CHECKED, SENT = "offered", "checked", "sent"
UPLOADS_INDEX = "UPLOADS"


def message_prefix(party_id: str) -> str:
    return f"MSG#{party_id}#"


def message_sk(party_id: str, message_id: str) -> str:
    return message_prefix(party_id) + message_id


def upload_sk(party_id: str, upload_id: str) -> str:
    return f"UPLOAD#{party_id}#{upload_id}"


def staff_list_key(dossier_id: str) -> str:
    return f"MESSAGES#{dossier_id}"


def upload_key(dossier_id: str, party_id: str, upload_id: str) -> str:
    """Where the browser posts the file: the only place a client can write to."""
    return f"dossiers/{dossier_id}/uploads/{party_id}/{upload_id}"


def attachment_key(dossier_id: str, party_id: str, upload_id: str) -> str:
    """Where the checked copy lives: written by the server only, so it cannot change after the check."""
    return f"dossiers/{dossier_id}/attachments/{party_id}/{upload_id}"


class Attachment(MapAttribute[str, Any]):
    id = UnicodeAttribute()
    file_name = UnicodeAttribute()
    content_type = UnicodeAttribute()
    size = NumberAttribute()
    s3_key = UnicodeAttribute()


class Original(MapAttribute[str, Any]):
    """What a reply quotes: messages never change, so a copy is exact and costs no extra read."""

    id = UnicodeAttribute()
    direction = UnicodeAttribute()
    subject = UnicodeAttribute()
    body = UnicodeAttribute()
    from_name = UnicodeAttribute()
    created_at = UnicodeAttribute()


class Message(PortalModel):
    id = UnicodeAttribute()
    dossier_id = UnicodeAttribute()
    party_id = UnicodeAttribute()
    direction = UnicodeAttribute()
    subject = UnicodeAttribute()
    body = UnicodeAttribute()
    created_at = UnicodeAttribute()
    from_name = UnicodeAttribute()  # the client's name, or the office's
    to_name = UnicodeAttribute()
    from_account = UnicodeAttribute(null=True)  # outgoing: the client's account
    to_account = UnicodeAttribute(null=True)  # incoming: the account staff addressed
    sent_by = UnicodeAttribute()  # an account id, or the staff member's IAM identity
    in_reply_to = UnicodeAttribute(null=True)
    original = Original(null=True)
    attachments = ListAttribute(of=Attachment, default=list)
    read_at = UnicodeAttribute(null=True)  # incoming: when the party first opened it
    read_by = UnicodeAttribute(null=True)
    handled_at = UnicodeAttribute(null=True)  # outgoing: when staff marked it handled
    handled_by = UnicodeAttribute(null=True)
    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    for_staff = Gsi1()


class Upload(PortalModel):
    id = UnicodeAttribute()
    dossier_id = UnicodeAttribute()
    party_id = UnicodeAttribute()
    account_id = UnicodeAttribute()
    file_name = UnicodeAttribute()
    content_type = UnicodeAttribute()
    declared_size = NumberAttribute()
    s3_key = UnicodeAttribute()
    status = UnicodeAttribute(default=OFFERED)
    checked_key = UnicodeAttribute(null=True)
    size = NumberAttribute(null=True)
    created_at = UnicodeAttribute()
    message_id = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute()
    gsi2sk = UnicodeAttribute()
    waiting = Gsi2()


class UploadQuota(PortalModel):
    """A party's uploads of one day (UTC): raised with each offer, in the same transaction."""

    files = NumberAttribute(default=0)
    bytes = NumberAttribute(default=0)
    expires_at = NumberAttribute()  # TTL: a day's count is of no use two days later


def quota_key(party_id: str, day: str) -> tuple[str, str]:
    return party_quota_key(party_id), f"UPLOADS#{day}"


class SendClaim(PortalModel):
    """Written in the same transaction as the message: a second send with the key cannot commit."""

    message_id = UnicodeAttribute()
    dossier_id = UnicodeAttribute()
    party_id = UnicodeAttribute()
    fingerprint = UnicodeAttribute()
    expires_at = NumberAttribute()


class SuppliedDocument(Document):
    """A ``supplied`` document that came with a message: the dossiers' item plus the message's id."""

    message_id = UnicodeAttribute(null=True)


class SuppliedView(DocumentView):
    message_id = UnicodeAttribute(null=True)
