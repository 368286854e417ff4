"""How a message looks in an answer: to its client (list row, opened message) and to staff."""

from __future__ import annotations

from typing import Any

from portal.messages.models import INCOMING, Message
from portal.messages.text import preview


def _attachments(message: Message) -> list[dict[str, Any]]:
    return [
        {"id": a.id, "file_name": a.file_name, "content_type": a.content_type, "size": int(a.size)}
        for a in message.attachments or []
    ]


def _read(message: Message) -> bool:
    # A client's own message is never news to them; an office message is read once opened.
    return message.direction != INCOMING or message.read_at is not None


def row(message: Message) -> dict[str, Any]:
    """A line of the Berichten tab."""
    return {
        "id": message.id, "direction": message.direction, "subject": message.subject,
        "preview": preview(message.body), "created_at": message.created_at,
        "from_name": message.from_name, "to_name": message.to_name, "read": _read(message),
        "in_reply_to": message.in_reply_to, "attachments": _attachments(message),
    }


def opened(message: Message) -> dict[str, Any]:
    """A message as the client reads it: the whole body, and the original when it is a reply."""
    original = message.original
    return {
        **row(message), "body": message.body,
        "original": None if original is None else {
            "id": original.id, "direction": original.direction, "subject": original.subject, "body": original.body,
            "from_name": original.from_name, "created_at": original.created_at,
        },
    }


def for_staff(message: Message) -> dict[str, Any]:
    """Everything staff need: who, to whom, read or handled, and the attachments to download."""
    return {
        **opened(message), "party_id": message.party_id, "from_account": message.from_account,
        "to_account": message.to_account, "sent_by": message.sent_by,
        "read_at": message.read_at, "read_by": message.read_by,
        "handled": message.handled_at is not None, "handled_at": message.handled_at, "handled_by": message.handled_by,
    }
