"""The Berichten tab: a client's list of messages, opening one (which marks it read), attachments.

Costs are constant whatever the number of messages: the list is one GetItem (the grant) and one
query with Limit on the party's own thread; opening is one BatchGetItem (grant and message) and,
the first time, one TransactWrite that marks the message read and lowers the grant's unread count
together, so the tab and the dossier list are right on the very next request.
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import TransactWriteError

from portal.accounts.sessions import Principal
from portal.audit import trail
from portal.dossiers.authorization import denied, grant_for, require_ids
from portal.dossiers.models import Grant, dossier_key, get_many, grant_sk, party_key, tab_unread
from portal.files import storage
from portal.messages import views
from portal.messages.models import INCOMING, Message, message_prefix, message_sk
from portal.platform import clock, pages
from portal.platform.db import transaction

PAGE_SIZE = 25


def list_messages(caller: Principal, dossier_id: str, *, next_token: str | None = None, source_ip: str) -> dict[str, Any]:
    """Incoming and outgoing messages of the caller's party in this dossier, newest first."""
    grant_for(caller, dossier_id, source_ip=source_ip)
    return thread_page(caller, dossier_id, next_token)


def thread_page(caller: Principal, dossier_id: str, next_token: str | None = None) -> dict[str, Any]:
    """A page of the party's thread; the caller's grant on the dossier was checked already."""
    prefix = message_prefix(caller.party_id)
    # A token must point inside the caller's own thread: anything else is not a position we issued.
    start = pages.table_start(next_token, partition=dossier_key(dossier_id), sort_prefix=prefix)
    found = Message.query(
        dossier_key(dossier_id), Message.sk.startswith(prefix), scan_index_forward=False, limit=PAGE_SIZE,
        last_evaluated_key=start, consistent_read=True,
    )
    items = [views.row(m) for m in found]
    return {"items": items, "next_token": pages.encode(found.last_evaluated_key)}


def _load(caller: Principal, dossier_id: str, message_id: str, *, source_ip: str) -> Message:
    """The message, if the caller's party holds the grant and the message is in its thread."""
    require_ids(caller, source_ip, dossier=dossier_id, message=message_id)
    grant_key = (party_key(caller.party_id), grant_sk(dossier_id))
    message_key = (dossier_key(dossier_id), message_sk(caller.party_id, message_id))
    found = get_many([grant_key, message_key])
    if grant_key not in found or message_key not in found:
        raise denied(caller, source_ip, dossier=dossier_id, message=message_id)
    return Message.from_raw_data(found[message_key])


def open_message(caller: Principal, dossier_id: str, message_id: str, *, source_ip: str) -> dict[str, Any]:
    """The whole message (with the original under a reply); an unread incoming one becomes read."""
    message = _load(caller, dossier_id, message_id, source_ip=source_ip)
    if message.direction == INCOMING and message.read_at is None:
        now = clock.now().isoformat()
        try:
            with transaction() as write:
                write.update(
                    message, actions=[Message.read_at.set(now), Message.read_by.set(caller.account_id)],
                    condition=Message.read_at.does_not_exist(),
                )
                write.update(
                    Grant(pk=party_key(caller.party_id), sk=grant_sk(dossier_id)),
                    actions=[tab_unread("messages").add(-1)], condition=Grant.pk.exists(),
                )
            message.read_at, message.read_by = now, caller.account_id
        except TransactWriteError:
            # Another account of the party opened it at the same moment (it is read: fine), or
            # the grant went away (the next request gets 404): answer with what is stored now.
            message = _load(caller, dossier_id, message_id, source_ip=source_ip)
    return views.opened(message)


def attachment_link(
    caller: Principal, dossier_id: str, message_id: str, attachment_id: str, *, source_ip: str
) -> dict[str, Any]:
    """A download link of minutes for one attachment of a message in the caller's thread."""
    require_ids(caller, source_ip, attachment=attachment_id)
    message = _load(caller, dossier_id, message_id, source_ip=source_ip)
    attachment = next((a for a in message.attachments or [] if a.id == attachment_id), None)
    if attachment is None:
        raise denied(caller, source_ip, dossier=dossier_id, message=message_id, attachment=attachment_id)
    trail.record(
        "attachment_downloaded", actor=caller.account_id, subject=caller.account_id, source_ip=source_ip,
        dossier=dossier_id, message=message_id, attachment=attachment_id,
    )
    link = storage.presigned_get(attachment.s3_key, file_name=attachment.file_name, content_type=attachment.content_type)
    return {**link, "file_name": attachment.file_name}
