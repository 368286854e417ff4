"""portal-admin appointments ...: set (or move), show, cancel a dossier's signing appointment."""

from __future__ import annotations

import argparse
from typing import Any

from portal_admin.client import AdminClient, AdminResponse


def _set(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
    body: dict[str, Any] = {"starts_at": args.at, "duration_minutes": args.duration}
    if args.video:
        body.update(place_kind="video", video_link=args.video)
    else:
        body.update(place_kind="office", address=args.address)
    if args.expect:
        body["expected"] = args.expect
    if args.bring:
        body["bring"] = args.bring
    return client.put(f"/dossiers/{args.dossier}/appointment", body)


def register(groups: Any) -> None:
    commands = groups.add_parser("appointments", help="signing appointments (passeerafspraak)").add_subparsers(
        dest="command", required=True
    )
    setting = commands.add_parser("set", help="set the appointment, or move it (same calendar UID, next SEQUENCE)")
    setting.add_argument("--dossier", required=True, help="the dossier's id")
    setting.add_argument("--at", required=True, metavar="YYYY-MM-DDTHH:MM", help="Europe/Amsterdam time")
    setting.add_argument("--duration", type=int, default=60, help="minutes (default 60)")
    place = setting.add_mutually_exclusive_group(required=True)
    place.add_argument("--address", help="the office address")
    place.add_argument("--video", metavar="URL", help="a video link (https), shown only to the parties")
    setting.add_argument("--expect", action="append", metavar="ACCOUNT_ID",
                         help="an expected client (repeat; default: every party of the dossier)")
    setting.add_argument("--bring", help='what to bring, e.g. "Een geldig paspoort of identiteitskaart"')
    setting.set_defaults(func=_set)

    show = commands.add_parser("show", help="the dossier's appointment")
    show.add_argument("--dossier", required=True)
    show.set_defaults(func=lambda client, args: client.get(f"/dossiers/{args.dossier}/appointment"))

    cancel = commands.add_parser("cancel", help="cancel it (the parties' calendar files become a CANCEL)")
    cancel.add_argument("--dossier", required=True)
    cancel.set_defaults(func=lambda client, args: client.delete(f"/dossiers/{args.dossier}/appointment"))
