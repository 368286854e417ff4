"""portal-admin clients ...: create, list, show, invite, block, unblock."""

from __future__ import annotations

import argparse
from typing import Any

from portal_admin.client import AdminClient, AdminResponse


def _create(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    body: dict[str, Any] = {"name": args.name, "email": args.email, "language": args.language}
    if args.company:
        body["company"] = args.company
    return client.post("/clients", body)


def _list(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    return client.get("/clients", next_token=args.next_token)


def register(groups: Any) -> None:
    clients = groups.add_parser("clients", help="client accounts").add_subparsers(dest="command", required=True)

    create = clients.add_parser("create", help="create an account and send the invitation")
    create.add_argument("--name", required=True)
    create.add_argument("--email", required=True)
    create.add_argument("--company", help="the company's name: creates the company's main account")
    create.add_argument("--language", choices=["nl", "en"], default="nl")
    create.set_defaults(func=_create)

    listing = clients.add_parser("list", help="list accounts")
    listing.add_argument("--next-token")
    listing.set_defaults(func=_list)

    for name, path, method, text in (
        ("show", "", "get", "show an account and its audit trail"),
        ("invite", "/invitation", "post", "send the invitation again"),
        ("block", "/block", "post", "block an account (its sessions end at once)"),
        ("unblock", "/unblock", "post", "unblock an account"),
    ):
        command = clients.add_parser(name, help=text)
        command.add_argument("id")
        command.set_defaults(
            func=lambda client, args, path=path, method=method: getattr(client, method)(f"/clients/{args.id}{path}")
        )
