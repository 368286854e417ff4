"""portal-admin documents ...: publish (upload + confirm), list, withdraw, reads."""

from __future__ import annotations

import argparse
import mimetypes
from pathlib import Path
from typing import Any

import requests
from portal_admin.client import AdminClient, AdminResponse

# The types the portal accepts, by extension, so a publish does not depend on the machine's mime table.
_TYPES = {
    ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text", ".doc": "application/msword", ".xls": "application/vnd.ms-excel",
}


def _publish(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    path = Path(args.file)
    data = path.read_bytes()
    content_type = args.content_type or _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    if not content_type:
        raise ValueError(f"cannot tell the type of {path.name}: give --content-type")
    file_name = args.file_name or path.name
    wanted = {"file_name": file_name, "content_type": content_type, "size": len(data)}
    offer = client.post(f"/dossiers/{args.dossier}/uploads", wanted)
    if not offer.ok:
        return offer
    # Straight to S3 with the presigned POST: the file never passes through the API.
    sent = requests.post(
        offer.body["url"], data=offer.body["fields"], files={"file": (file_name, data, content_type)}, timeout=300
    )
    if sent.status_code not in (200, 201, 204):
        return AdminResponse(sent.status_code, {"code": "upload_failed", "detail": sent.text[:500]}, dict(sent.headers))
    body: dict[str, Any] = {
        "upload_key": offer.body["upload_key"], "title": args.title, "tab": args.tab, "file_name": file_name,
    }
    if args.visible_to:
        body["visible_to"] = args.visible_to
    return client.post(f"/dossiers/{args.dossier}/documents", body)


def register(groups: Any) -> None:
    documents = groups.add_parser("documents", help="documents published to dossiers").add_subparsers(
        dest="command", required=True
    )

    publish = documents.add_parser("publish", help="upload a file and publish it to a dossier's tab")
    publish.add_argument("--dossier", required=True, metavar="ID")
    publish.add_argument("--tab", required=True, choices=["correspondence", "documents"])
    publish.add_argument("--title", required=True)
    publish.add_argument(
        "--visible-to", nargs="*", metavar="ACCOUNT_ID", help="only these accounts' parties (default: all)"
    )
    publish.add_argument("--content-type", help="override the type guessed from the file's extension")
    publish.add_argument("--file-name", help="the name clients see (default: the file's own name)")
    publish.add_argument("file")
    publish.set_defaults(func=_publish)

    listing = documents.add_parser("list", help="a dossier's documents, withdrawn ones too")
    listing.add_argument("--dossier", required=True, metavar="ID")
    listing.add_argument("--next-token")
    listing.set_defaults(
        func=lambda client, args: client.get(f"/dossiers/{args.dossier}/documents", next_token=args.next_token)
    )

    for name, method, suffix, text in (
        ("withdraw", "delete", "", "withdraw a document: clients no longer see it"),
        ("reads", "get", "/reads", "who read or downloaded a document, and when"),
    ):
        command = documents.add_parser(name, help=text)
        command.add_argument("--dossier", required=True, metavar="ID")
        command.add_argument("item_id")
        command.set_defaults(
            func=lambda client, args, method=method, suffix=suffix: getattr(client, method)(
                f"/dossiers/{args.dossier}/documents/{args.item_id}{suffix}"
            )
        )
