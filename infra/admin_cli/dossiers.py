"""portal-admin dossiers ...: create, list, show, update, grant, revoke, progress, statuses."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from portal_admin.client import AdminClient, AdminResponse


def _create(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    body: dict[str, Any] = {"number": args.number, "description": args.description, "grant": args.grant or []}
    if args.status:
        body["status"] = args.status
    return client.post("/dossiers", body)


def _list(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    return client.get("/dossiers", next_token=args.next_token, number=args.number)


def _update(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    body = {k: v for k, v in {"description": args.description, "status": args.status}.items() if v is not None}
    if not body:
        raise ValueError("give --description and/or --status")
    return client.patch(f"/dossiers/{args.id}", body)


def _grant(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    return client.post(f"/dossiers/{args.id}/grants", {"account_id": args.account_id})


def _revoke(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    return client.delete(f"/dossiers/{args.id}/grants/{args.account_id}")


def _progress(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    if args.done is not None:
        return client.post(f"/dossiers/{args.id}/progress/{args.done}/done")
    steps = json.loads(Path(args.steps).read_text(encoding="utf-8"))
    # The file holds the list of steps, or {"steps": [...]} as the API takes it.
    return client.put(f"/dossiers/{args.id}/progress", steps if isinstance(steps, dict) else {"steps": steps})


def _add_status(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    return client.post("/statuses", {
        "key": args.key, "label_nl": args.label_nl, "label_en": args.label_en, "in_progress": args.in_progress,
    })


def register(groups: Any) -> None:
    dossiers = groups.add_parser("dossiers", help="dossiers, their access and progress").add_subparsers(
        dest="command", required=True
    )

    create = dossiers.add_parser("create", help="create a dossier and grant access to accounts")
    create.add_argument("--number", required=True, help="the office's own dossier number (unique)")
    create.add_argument("--description", required=True)
    create.add_argument("--status", help="a status key (default: in_behandeling); see `dossiers statuses`")
    create.add_argument("--grant", nargs="*", metavar="ACCOUNT_ID", help="accounts whose party may see the dossier")
    create.set_defaults(func=_create)

    listing = dossiers.add_parser("list", help="list dossiers, newest first")
    listing.add_argument("--number", help="find the dossier with this number")
    listing.add_argument("--next-token")
    listing.set_defaults(func=_list)

    show = dossiers.add_parser("show", help="show a dossier with its parties, progress and audit trail")
    show.add_argument("id")
    show.set_defaults(func=lambda client, args: client.get(f"/dossiers/{args.id}"))

    update = dossiers.add_parser("update", help="change the description and/or status")
    update.add_argument("id")
    update.add_argument("--description")
    update.add_argument("--status")
    update.set_defaults(func=_update)

    for name, func, text in (
        ("grant", _grant, "give an account's party access (a company's accounts share it)"),
        ("revoke", _revoke, "take an account's party's access away, at once"),
    ):
        command = dossiers.add_parser(name, help=text)
        command.add_argument("id")
        command.add_argument("account_id")
        command.set_defaults(func=func)

    steps = dossiers.add_parser("progress", help="set the progress list, or mark one step done")
    steps.add_argument("id")
    which = steps.add_mutually_exclusive_group(required=True)
    which.add_argument("--steps", metavar="FILE.json", help='[{"title_nl": ..., "title_en": ..., "done": false}, ...]')
    which.add_argument("--done", type=int, metavar="STEP", help="mark step STEP done (the first step is 1)")
    steps.set_defaults(func=_progress)

    statuses = dossiers.add_parser("statuses", help="list the office's dossier statuses")
    statuses.set_defaults(func=lambda client, args: client.get("/statuses"))

    add_status = dossiers.add_parser("add-status", help="add a dossier status (statuses are never changed)")
    add_status.add_argument("--key", required=True, help="lower-case code, e.g. wacht_op_stukken")
    add_status.add_argument("--label-nl", required=True)
    add_status.add_argument("--label-en", required=True)
    add_status.add_argument("--in-progress", action="store_true", help='counts as "in behandeling" on Home')
    add_status.set_defaults(func=_add_status)
