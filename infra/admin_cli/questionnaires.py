"""portal-admin questionnaires ...: templates-create, templates-list, templates-show, send, list, answers."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

import requests
from portal_admin.client import AdminClient, AdminResponse


def _templates_create(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    try:
        template = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{args.file} is not valid JSON: {error}") from None
    return client.post("/questionnaire-templates", template)


def _templates_show(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    return client.get(f"/questionnaire-templates/{args.id}", version=args.version)


def _send(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    body: dict[str, Any] = {"dossier_id": args.dossier, "account_id": args.to, "template_id": args.template}
    for key, value in (("due_date", args.due), ("note", args.note), ("template_version", args.version)):
        if value is not None:
            body[key] = value
    return client.post("/questionnaires", body)


def _answers(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    answers = client.get(f"/questionnaires/{args.id}/answers", language=args.language)
    if not answers.ok or not args.pdf:
        return answers
    link = client.post(f"/questionnaires/{args.id}/pdf")
    if not link.ok:
        return link
    # The link is presigned: no signature of ours goes along, and none is needed.
    download = requests.get(link.body["url"], timeout=60)
    download.raise_for_status()
    Path(args.pdf).write_bytes(download.content)
    return AdminResponse(answers.status, {**answers.body, "pdf_saved_to": str(args.pdf)}, answers.headers)


def _due(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError("use YYYY-MM-DD") from None


def register(groups: Any) -> None:
    commands = groups.add_parser("questionnaires", help="questionnaire templates and questionnaires").add_subparsers(
        dest="command", required=True
    )

    create = commands.add_parser("templates-create", help="store a template from a JSON file (a new version if it exists)")
    create.add_argument("file", help="e.g. layers/portal/python/portal/questionnaires/data/testament.json")
    create.set_defaults(func=_templates_create)

    listing = commands.add_parser("templates-list", help="list templates (newest version of each)")
    listing.add_argument("--next-token")
    listing.set_defaults(func=lambda client, args: client.get("/questionnaire-templates", next_token=args.next_token))

    show = commands.add_parser("templates-show", help="show a template (the newest version unless --version)")
    show.add_argument("id")
    show.add_argument("--version", type=int)
    show.set_defaults(func=_templates_show)

    send = commands.add_parser("send", help="send a template to a client in a dossier")
    send.add_argument("--dossier", required=True, help="the dossier's id")
    send.add_argument("--to", required=True, metavar="ACCOUNT_ID", help="the client's account id")
    send.add_argument("--template", required=True, help="the template's id, e.g. testament")
    send.add_argument("--version", type=int, help="a template version (default: the newest)")
    send.add_argument("--due", type=_due, help="due date, YYYY-MM-DD")
    send.add_argument("--note", help="a note shown with the action")
    send.set_defaults(func=_send)

    dossier = commands.add_parser("list", help="a dossier's questionnaires and their state")
    dossier.add_argument("--dossier", required=True)
    dossier.add_argument("--next-token")
    dossier.set_defaults(
        func=lambda client, args: client.get("/questionnaires", dossier_id=args.dossier, next_token=args.next_token)
    )

    answers = commands.add_parser("answers", help="the answers as JSON; --pdf FILE also saves the PDF")
    answers.add_argument("id")
    answers.add_argument("--pdf", metavar="FILE", help="save the completed questionnaire's PDF here")
    answers.add_argument("--language", choices=["nl", "en"], default="nl", help="language of the labels")
    answers.set_defaults(func=_answers)
