"""``python -m portal_local``: run the whole portal locally (what ``make run`` starts)."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal-local", description="Run the notary portal locally.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--site-host", default=os.environ.get("SITE_HOST"),
                        help="the site's name in its URL (default: --host); passkeys need localhost, not an IP")
    parser.add_argument("--no-schedules", action="store_true", help="do not run scheduled functions")
    parser.add_argument("--no-demo", action="store_true", help="start with an empty portal")
    parser.add_argument(
        "--parameter", action="append", default=[], metavar="NAME=VALUE",
        help="a template.yaml parameter, as sam deploy --parameter-overrides takes it (repeatable)",
    )
    args = parser.parse_args(argv)
    parameters = dict(item.split("=", 1) for item in args.parameter if "=" in item)

    from portal_local.stack import LocalStack

    stack = LocalStack(
        port=args.port, host=args.host, schedules=not args.no_schedules, demo=not args.no_demo, parameters=parameters,
        site_host=args.site_host,
    )
    try:
        stack.start()
    except OSError as error:
        print(f"portal-local: cannot listen on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 1
    url = stack.url
    print(f"Notary portal running at {url}/", flush=True)
    print(f"  client API   {url}/api/health   ({url}/api/openapi.json)")
    print(f"  staff API    {url}/admin/openapi.json (SigV4: portal-admin --endpoint {url}/admin)")
    print(f"  dev mailbox  {url}/_dev/mailbox  ({url}/_dev/mail, {url}/_dev/sms)")
    for login in getattr(stack, "demo_logins", []):
        print(f"  demo login   {login}")
    print("Press Ctrl-C to stop.", flush=True)

    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    with contextlib.suppress(KeyboardInterrupt):
        stopped.wait()
    stack.stop()
    print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
