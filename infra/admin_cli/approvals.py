"""portal-admin approvals ...: put a published draft up for approval (request), the state per party."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from portal_admin.client import AdminClient, AdminResponse


def _request(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    body: dict[str, Any] = {"document_id": args.document, "parties": args.party}
    if args.respond_by:
        body["respond_by"] = args.respond_by
    return client.post(f"/dossiers/{args.dossier}/approval", body)


def _state(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    answer = client.get(f"/dossiers/{args.dossier}/approval")
    if not answer.ok:
        return answer
    body = dict(answer.body)
    if args.evidence:
        import json

        Path(args.evidence).write_text(json.dumps(answer.body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        body["evidence_saved_to"] = str(args.evidence)
    if args.receipt:
        import base64

        receipt = client.get(f"/dossiers/{args.dossier}/approval/receipt?language={args.language}")
        if not receipt.ok:
            return receipt
        Path(args.receipt).write_bytes(base64.b64decode(receipt.body["pdf_base64"]))
        body["receipt_saved_to"] = str(args.receipt)
    return AdminResponse(answer.status, body, answer.headers)


def register(groups: Any) -> None:
    commands = groups.add_parser("approvals", help="draft deeds for approval (concept-akte ter goedkeuring)").add_subparsers(
        dest="command", required=True
    )
    request = commands.add_parser("request", help="put a published document up for approval (a new version resets)")
    request.add_argument("--dossier", required=True, help="the dossier's id")
    request.add_argument("--document", required=True, help="the published document's id (tab documents)")
    request.add_argument("--party", action="append", required=True, metavar="ACCOUNT_ID", help="a party asked (repeat)")
    request.add_argument("--respond-by", metavar="YYYY-MM-DD", help="the date by which a reaction is asked")
    request.set_defaults(func=_request)

    state = commands.add_parser("state", help="per party: waiting, opened, approved (when, session, address), questions")
    state.add_argument("--dossier", required=True)
    state.add_argument("--evidence", metavar="FILE", help="also save the JSON evidence to this file")
    state.add_argument("--receipt", metavar="FILE", help="also save the PDF receipt with the fingerprints")
    state.add_argument("--language", choices=("nl", "en"), default="nl", help="the receipt's language (default nl)")
    state.set_defaults(func=_state)
