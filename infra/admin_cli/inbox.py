"""portal-admin inbox ...: everything clients did that needs the office, newest first; handle, assign."""

from __future__ import annotations

import argparse
from typing import Any

from portal_admin.client import AdminClient, AdminResponse


def _list(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    state = "open" if args.open else "handled" if args.handled else None
    return client.get("/inbox", dossier=args.dossier, client=args.client, kind=args.kind, state=state,
                      next_token=args.cursor, limit=args.limit)


def register(groups: Any) -> None:
    inbox = groups.add_parser("inbox", help="the office inbox: client activity waiting for the office").add_subparsers(
        dest="command", required=True)
    listing = inbox.add_parser("list", help="newest first; next_token in the answer is the next page's --cursor")
    only = listing.add_mutually_exclusive_group()
    only.add_argument("--dossier", help="one dossier's items")
    only.add_argument("--client", help="one client's items (the party id)")
    listing.add_argument("--kind", help="message_received, file_supplied, questionnaire_completed, document_opened, "
                                        "payment_instruction_opened, draft_approved, draft_question_asked")
    state = listing.add_mutually_exclusive_group()
    state.add_argument("--open", action="store_true", help="only items not handled yet")
    state.add_argument("--handled", action="store_true", help="only items handled")
    listing.add_argument("--cursor", help="the next_token of the previous page")
    listing.add_argument("--limit", type=int, default=50)
    listing.set_defaults(func=_list)
    handle = inbox.add_parser("handle", help="mark an item handled (by you, now)")
    handle.add_argument("id")
    handle.set_defaults(func=lambda client, args: client.post(f"/inbox/{args.id}/handled"))
    assign = inbox.add_parser("assign", help="assign an item to a staff identity")
    assign.add_argument("id")
    assign.add_argument("staff", help="an IAM ARN or a name the office uses")
    assign.set_defaults(func=lambda client, args: client.put(f"/inbox/{args.id}/assignee", {"staff": args.staff}))
