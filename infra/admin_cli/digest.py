"""portal-admin digest run: send the notification digest now."""

from __future__ import annotations

from typing import Any


def register(groups: Any) -> None:
    digest = groups.add_parser("digest", help="notification e-mails").add_subparsers(dest="command", required=True)
    run = digest.add_parser("run", help="run the digest now (it also runs on its schedule)")
    run.set_defaults(func=lambda client, args: client.post("/digest/run"))
