"""portal-admin messages ...: send (with attachments), list, show, download, handled."""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path
from typing import Any

import requests
from portal_admin.client import AdminClient, AdminResponse
from portal_admin.documents import _TYPES


def _upload(client: AdminClient, dossier: str, path: Path) -> dict[str, str] | AdminResponse:
    """Upload one file the way documents are published: a presigned POST, straight to S3."""
    data = path.read_bytes()
    content_type = _TYPES.get(path.suffix.lower())
    if not content_type:
        raise ValueError(f"{path.name}: not a type the portal accepts ({', '.join(sorted(_TYPES))})")
    offer = client.post(f"/dossiers/{dossier}/uploads", {"file_name": path.name, "content_type": content_type, "size": len(data)})
    if not offer.ok:
        return offer
    sent = requests.post(
        offer.body["url"], data=offer.body["fields"], files={"file": (path.name, data, content_type)}, timeout=300
    )
    if sent.status_code not in (200, 201, 204):
        return AdminResponse(sent.status_code, {"code": "upload_failed", "detail": sent.text[:500]}, dict(sent.headers))
    return {"upload_key": offer.body["upload_key"], "file_name": path.name}


def _send(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    body_text = Path(args.body_file).read_text(encoding="utf-8")
    attachments = []
    for name in args.attach or []:
        uploaded = _upload(client, args.dossier, Path(name))
        if isinstance(uploaded, AdminResponse):
            return uploaded
        attachments.append(uploaded)
    body: dict[str, Any] = {
        "to": args.to, "subject": args.subject, "body": body_text, "attachments": attachments,
        # One key per invocation: a retry inside the client cannot send the message twice.
        "idempotency_key": args.idempotency_key or uuid.uuid4().hex,
    }
    if args.in_reply_to:
        body["in_reply_to"] = args.in_reply_to
    return client.post(f"/dossiers/{args.dossier}/messages", body)


def _download(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    link = client.get(f"/dossiers/{args.dossier}/messages/{args.message_id}/attachments/{args.attachment_id}")
    if not link.ok:
        return link
    fetched = requests.get(link.body["url"], timeout=300)
    if fetched.status_code != 200:
        return AdminResponse(fetched.status_code, {"code": "download_failed"}, dict(fetched.headers))
    # Only the name, never a path from the server: the file lands where staff asked, or here.
    target = Path(args.output) if args.output else Path.cwd() / Path(link.body["file_name"]).name
    target.write_bytes(fetched.content)
    return AdminResponse(200, {"file": str(target), "bytes": len(fetched.content), "file_name": link.body["file_name"]}, {})


def register(groups: Any) -> None:
    messages = groups.add_parser("messages", help="messages with clients").add_subparsers(dest="command", required=True)

    send = messages.add_parser("send", help="send a message to a client in a dossier")
    send.add_argument("--dossier", required=True, metavar="ID")
    send.add_argument("--to", required=True, metavar="ACCOUNT_ID", help="the client's account (their party sees it)")
    send.add_argument("--subject", required=True)
    send.add_argument("--body-file", required=True, metavar="FILE", help="the message text, UTF-8")
    send.add_argument("--attach", action="append", metavar="FILE", help="a file to attach (repeat for more)")
    send.add_argument("--in-reply-to", metavar="MESSAGE_ID")
    send.add_argument("--idempotency-key", help="send twice with the same key: one message")
    send.set_defaults(func=_send)

    listing = messages.add_parser("list", help="a dossier's messages, newest first, with read and handled status")
    listing.add_argument("--dossier", required=True, metavar="ID")
    listing.add_argument("--next-token")
    listing.set_defaults(func=lambda client, args: client.get(f"/dossiers/{args.dossier}/messages", next_token=args.next_token))

    show = messages.add_parser("show", help="one message")
    show.add_argument("--dossier", required=True, metavar="ID")
    show.add_argument("message_id")
    show.set_defaults(func=lambda client, args: client.get(f"/dossiers/{args.dossier}/messages/{args.message_id}"))

    download = messages.add_parser("download", help="save an attachment of a message")
    download.add_argument("--dossier", required=True, metavar="ID")
    download.add_argument("message_id")
    download.add_argument("attachment_id")
    download.add_argument("--output", metavar="FILE", help="where to save it (default: its own name, here)")
    download.set_defaults(func=_download)

    handled = messages.add_parser("handled", help="mark a client's message as handled")
    handled.add_argument("--dossier", required=True, metavar="ID")
    handled.add_argument("message_id")
    handled.set_defaults(
        func=lambda client, args: client.post(f"/dossiers/{args.dossier}/messages/{args.message_id}/handled")
    )
