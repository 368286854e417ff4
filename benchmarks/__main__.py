"""``python -m benchmarks`` (what ``make bench`` runs): measure, print, write results, exit 1 on a budget.

Two lanes on two cores while nothing is timed by the wall clock: the cold-start imports (one
subprocess at a time; their budget is CPU time) beside the in-process call counts, the jobs and
the screens (a browser against the local stack); then the latency section alone, in two worker
processes, and the timing section (forgotten password, argon2id) alone after it. Nothing outside
benchmarks/results/ is written.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from benchmarks.budgets import Check, failed
from benchmarks.inprocess import prepare_environment

SECTIONS = ("coldstart", "calls", "latency", "timing", "jobs", "inbox", "screens", "cost")
NOTES = [
    "Cold start: every function's handler module imported the way Lambda imports it, in a new interpreter, "
    "15 shuffled rounds of all functions and the baseline, median per function; the ratio is of process CPU "
    "time (the wall clock, also shown, counts waits for a core on a shared machine); bytecode cached alike for all "
    "(a temporary PYTHONPYCACHEPREFIX). Lambda also compiles the portal's own modules on a cold start "
    "(sam build ships no .pyc for them): not in these figures.",
    "Shipping: sizes on disk of the installed distributions (this machine's wheels) or of .aws-sam/build after "
    "`make build`; imports found statically in each function's files and the portal modules they reach, "
    "lazy imports in function bodies included.",
    "Calls: each scenario's request through the function's lambda_handler, in process, against moto "
    "(mock_aws); every botocore call counted (BaseClient._make_api_call), DynamoDB units from item sizes as "
    "on-demand billing counts them. The clock is frozen, so no session reaches its once-a-minute refresh "
    "(measured apart). Scenarios that change state prepare what they consume before each request, through "
    "the domain functions, outside the measurement.",
    "Data sets: small = 1 dossier with 5 documents and 5 messages; large = 500 dossiers, 5,000 documents, "
    "20,000 messages (half of both in the measured dossier), 60 open questionnaires, 20 extra company "
    "accounts. The core of both is made through the domain functions; the bulk is built with the domain's "
    "constructors (new_grant, view_of, writing.new_message, the models) without audit entries or "
    "notifications, which no client read touches.",
    "moto: its TransactWriteItems deep-copies every table for its rollback and its item writes re-measure "
    "size per attribute; both grow with the table, so the benchmark keeps a rollback copy of only the items "
    "a transaction names and bulk-loads items straight into moto's table (benchmarks/moto_speed.py). "
    "Neither changes what the portal sends or how calls are counted.",
    "Latency: only the handler call is timed (never the scenario's preparation), on the small data set, after "
    "the other sections, in two worker processes (one per core, each with its own moto, data set and GetItem "
    "samples, which an endpoint's ratio is to) taking endpoints from one queue: reads first (writes grow the "
    "data they touch), then the writes, heaviest first. A GetItem sample every 4 requests, so both sides see "
    "the same moments; wall-clock p50/p95 ratios as asked, and the CPU-time p50 ratio, which other jobs on the "
    "machine do not inflate. moto answers a GSI query by reading its whole table, so the endpoints that query a "
    "GSI (Acties, extra accounts) look slower here than in DynamoDB, and more so the more a worker has written. n is the number of requests measured: 1,000 asked, never fewer than 200, each "
    "endpoint at most its share of the section's time (--latency-seconds): the write endpoints, whose "
    "requests each need preparing, and the slower reads get fewer. The uploads check runs as in AWS "
    "(PORTAL_ENVIRONMENT=aws: GuardDuty's tag, set by the scenario as GuardDuty would).",
    "Timing: the forgotten-password request for an address with an account and one without, alternating, through "
    "the function's lambda_handler against moto (the unknown address waits a typical SES send instead of sending); "
    "argon2id verifies with the deployed parameters and with OWASP's minimum, alternating; logins with the deployed "
    "parameters beside one moto GetItem. A 512 MB Lambda has 512/1769 of a vCPU: the estimate scales the login's "
    "CPU time (moto's included) by 1769/512. Run alone, after the latency section.",
    "Screens: Playwright (sync) driving /usr/bin/chromium headless against `python -m portal_local` on a "
    "free port with its demo data, each screen in a new browser context (empty cache), signed in as the "
    "demo person through the context's own API client (not recorded).",
    "Jobs: the digest, the upload cleanup and the SES events function through their lambda_handler, with "
    "2,000 and then 20,000 accounts and uploads.",
    "Inbox: GET /admin/inbox through AdminInboxFunction's lambda_handler, 25 a page, with 200 and then 20,000 "
    "activity items (100 dossiers, 100 clients, a quarter handled), for each filter.",
    "Cost: the issue's office profile priced with benchmarks/prices.json (to be checked) and the assumptions "
    "listed under the cost table; free tiers left out.",
]


class Lane(threading.Thread):
    """Runs sections in order on a thread; results and errors are read after join()."""

    def __init__(self, name: str, steps: list[tuple[str, Callable[[], tuple[dict[str, Any], list[Check]]]]]) -> None:
        super().__init__(name=name, daemon=True)
        self.steps = steps
        self.results: dict[str, Any] = {}
        self.checks: list[Check] = []
        self.seconds: dict[str, float] = {}

    def run(self) -> None:
        for name, step in self.steps:
            started = time.monotonic()
            try:
                result, checks = step()
                self.results[name] = result
                self.checks += checks
            except Exception as error:  # a section that cannot run is a failed benchmark, not a crash
                traceback.print_exc()
                self.checks.append(Check(name, f"{name}: the section ran", f"{type(error).__name__}: {error}",
                                         "runs", "-", False, "see the traceback above"))
            self.seconds[name] = round(time.monotonic() - started, 1)
            print(f"[{self.name}] {name} done in {self.seconds[name]} s", flush=True)


def _commit() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        # Any change outside the results themselves, new files included: the figures describe the tree.
        dirty = subprocess.run(["git", "status", "--porcelain", "--", ".", ":(exclude)benchmarks/results"],
                               capture_output=True, text=True)
        return sha.stdout.strip() + (" with uncommitted changes" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections (results not written)")
    parser.add_argument("--latency-seconds", type=float, default=150.0,
                        help="latency: the section's time for measured requests; each endpoint gets its share")
    parser.add_argument("--requests", type=int, default=1000, help="latency: requests per endpoint asked")
    args = parser.parse_args(argv)
    sys.dont_write_bytecode = True  # nothing is written outside benchmarks/results/
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    started = time.monotonic()
    prepare_environment()

    from benchmarks import calls, coldstart, cost, inbox, jobs, latency, screens, shipping, timing
    from benchmarks.scenarios import all_scenarios, client_routes, coverage

    scenarios = all_scenarios()
    missing, stale = coverage(client_routes(), scenarios)
    if missing or stale:
        print("\nBENCHMARK INCOMPLETE: every ClientApi route in template.yaml needs a scenario "
              "(benchmarks/scenarios/<feature>.py).", file=sys.stderr)
        for route in missing:
            print(f"  no scenario for {route}", file=sys.stderr)
        for route in stale:
            print(f"  scenario for a route that is not in template.yaml: {route}", file=sys.stderr)
        return 2

    # The cold-start imports first, on their own: their CPU time, on these 2 cores, grew by a fifth
    # while the call counts, the jobs and Chromium's screens ran beside them (DossiersFunction 1.34x
    # in a full run, 0.89x alone, 2026-11-30). Then the counts, the jobs and the screens; then latency.
    side = Lane("cold start", [(n, f) for n, f in (("shipping", shipping.run), ("coldstart", coldstart.run))
                               if n == "shipping" or n in wanted])
    main_lane = Lane("counts", [(n, f) for n, f in (
        ("calls", lambda: calls.run(scenarios)), ("jobs", jobs.run), ("inbox", inbox.run), ("screens", screens.run),
    ) if n in wanted])
    side.run()
    main_lane.run()  # on this thread: the handlers and moto stay in the main thread
    alone = Lane("alone", [(n, f) for n, f in (("latency", lambda: latency.run(
        scenarios, budget_seconds=args.latency_seconds, target=args.requests)), ("timing", timing.run)) if n in wanted])
    alone.run()
    results = {**side.results, **main_lane.results, **alone.results}
    checks = side.checks + main_lane.checks + alone.checks
    seconds = {**side.seconds, **main_lane.seconds, **alone.seconds}
    if "coldstart" in results:
        renderers = shipping.pdf_renderers(results["shipping"]) if "shipping" in results else set()
        checks = [c for c in checks if c.section != coldstart.SECTION] + coldstart.checks(
            results["coldstart"]["functions"], renderers)
    if "cost" in wanted and all(k in results for k in ("calls", "latency", "screens", "jobs", "coldstart")):
        try:
            results["cost"] = cost.model(results)
        except Exception as error:  # the figures above stay valid without their price
            traceback.print_exc()
            checks.append(Check("cost", "cost: the section ran", f"{type(error).__name__}: {error}", "runs", "-",
                                False, "see the traceback above"))

    from benchmarks import report

    print(report.console(results, checks))
    elapsed = time.monotonic() - started
    meta = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": _commit(), "seconds": elapsed,
        "section_seconds": seconds,
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
    }
    if set(wanted) == set(SECTIONS):
        report.write(results, checks, meta, NOTES)
        print(f"\nWritten: benchmarks/results/latest.json and latest.md ({elapsed:.0f} s)")
    else:
        print(f"\nPartial run ({', '.join(wanted)}): results not written ({elapsed:.0f} s)")
    exceeded = failed(checks)
    if exceeded:
        print(f"\nBUDGETS EXCEEDED ({len(exceeded)}):", file=sys.stderr)
        for check in exceeded:
            print(f"  [{check.section}] {check.name}: {check.measured} (limit {check.limit}; "
                  f"compared with {check.compared_with}). Cause: {check.cause}", file=sys.stderr)
        return 1
    print(f"\nAll {len(checks)} budgets held.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
