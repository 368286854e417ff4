"""portal-admin clients ...: create, list, show, invite, block, unblock; holder, release, move.

``holder EMAIL`` shows who holds an address: which company created it, by whom, activated or not,
with a one-line ``summary``. A never-activated extra account a company made for someone else's
address can be released (the address is free again) or moved (``--to-company MAIN_ID`` or
``--to-own-account``); an activated account is neither.
"""

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


def _holder(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    return client.get("/email-addresses", email=args.email)


def _move(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    return client.post(f"/clients/{args.id}/move", {"company_account_id": args.to_company})


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
        ("show", "", "get", "show an account, its ways in (password, SMS, app, passkeys) and audit trail"),
        ("invite", "/invitation", "post", "send the invitation again"),
        ("block", "/block", "post", "block an account (its sessions end at once)"),
        ("unblock", "/unblock", "post", "unblock an account"),
        ("release", "/release", "post", "release a never-activated extra account: its address is free again"),
    ):
        command = clients.add_parser(name, help=text)
        command.add_argument("id")
        command.set_defaults(
            func=lambda client, args, path=path, method=method: getattr(client, method)(f"/clients/{args.id}{path}")
        )

    holder = clients.add_parser("holder", help="who holds an e-mail address (company, creator, activated or not)")
    holder.add_argument("email")
    holder.set_defaults(func=_holder)

    move = clients.add_parser("move", help="move a never-activated extra account (send a new invitation after)")
    move.add_argument("id")
    target = move.add_mutually_exclusive_group(required=True)
    target.add_argument("--to-company", metavar="MAIN_ACCOUNT_ID", help="the other company's main account id")
    target.add_argument("--to-own-account", action="store_true", help="make it a person's own account")
    move.set_defaults(func=_move)
