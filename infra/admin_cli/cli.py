"""portal-admin: the staff command line. JSON on stdout; errors on stderr with a non-zero exit.

Each concept registers its commands from its own module (clients.py, dossiers.py, ...): a module
exposes ``register(subparsers)`` and sets ``func(client, args) -> AdminResponse`` on its parsers.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any

from portal_admin.client import AdminClient, AdminResponse, default_endpoint

COMMAND_MODULES = (
    "clients", "digest", "dossiers", "documents", "questionnaires", "messages", "payments", "appointments", "approvals", "inbox",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal-admin", description="Staff commands for the notary client portal.")
    parser.add_argument(
        "--endpoint", default=None,
        help=f"the admin API's base URL (default: $PORTAL_ADMIN_ENDPOINT or {default_endpoint()})",
    )
    groups = parser.add_subparsers(dest="group", required=True, metavar="GROUP")
    for name in COMMAND_MODULES:
        importlib.import_module(f"portal_admin.{name}").register(groups)
    return parser


def _print(value: Any, stream: Any) -> None:
    stream.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        client = AdminClient(args.endpoint)
        response: AdminResponse = args.func(client, args)
    except OSError as error:  # includes requests' connection errors
        print(f"portal-admin: cannot reach the admin API: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"portal-admin: {error}", file=sys.stderr)
        return 2
    if not response.ok:
        _print(response.body, sys.stderr)
        return 1
    _print(response.body, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
