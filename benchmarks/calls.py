"""Section 2: AWS calls per request, for every client endpoint, on the small and the large data set.

Each scenario's request goes through its function's ``lambda_handler`` in this process, against
moto; the calls are counted per service (DynamoDB, S3, SES, SNS) with DynamoDB's request units.
The counts must be equal on both sets, and a read endpoint (GET) may make at most 3 DynamoDB calls,
the session check included. A session's refresh (one UpdateItem, at most once a minute) is kept
out of the scenarios by the frozen clock and measured on its own.
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks import budgets
from benchmarks.dataset import SIZES, World, build
from benchmarks.inprocess import Handlers, Request, mocked_aws
from benchmarks.recorder import AwsCalls
from benchmarks.scenarios import Scenario, client_routes

SECTION = "calls"
READ_LIMIT = 3


def measure_one(handlers: Handlers, function: str, scenario: Scenario, world: World) -> dict[str, Any]:
    request = scenario.prepare(world)
    with AwsCalls() as recording:
        status, body = handlers.call(function, request)
    result = recording.summary()
    result["status"] = status
    if status != request.expect:
        result["error"] = f"status {status}, expected {request.expect}: {str(body)[:300]}"
    return result


def session_refresh(handlers: Handlers, world: World) -> dict[str, Any]:
    """GET /api/me with a session last seen 61 seconds ago: the refresh write, once a minute."""
    from portal.accounts.models import Session
    from portal.accounts.sessions import TOUCH_EVERY_SECONDS
    from portal.platform import clock

    headers = world.headers(world.person, fresh=True)
    key = f"SESSION#{_hash(headers['Cookie'].split('=', 1)[1])}"
    Session(pk=key, sk="META").update(actions=[Session.last_seen.set(clock.epoch() - TOUCH_EVERY_SECONDS - 1)])
    with AwsCalls() as recording:
        status, _ = handlers.call("MeFunction", Request("GET", "/api/me", headers=headers))
    return {**recording.summary(), "status": status}


def _hash(value: str) -> str:
    from portal.platform import ids

    return ids.token_hash(value)


def run(scenarios: list[Scenario], log: Any = print) -> tuple[dict[str, Any], list[budgets.Check]]:
    routes = client_routes()
    handlers = Handlers()
    measured: dict[str, dict[str, Any]] = {s.name: {"route": f"{s.method} {s.path}", "function": routes[s.route],
                                                    "read": s.is_read} for s in scenarios}
    built: dict[str, float] = {}
    refresh: dict[str, Any] = {}
    for size in SIZES:
        with mocked_aws():
            started = time.perf_counter()
            world = build(size)
            built[size] = round(time.perf_counter() - started, 1)
            log(f"  calls: {size} data set built in {built[size]} s; measuring {len(scenarios)} scenarios")
            for scenario in scenarios:
                handlers.warm(routes[scenario.route])
                measured[scenario.name][size] = measure_one(handlers, routes[scenario.route], scenario, world)
            if size == "small":
                refresh = session_refresh(handlers, world)
    return {"scenarios": measured, "data_sets": SIZES, "build_seconds": built, "session_refresh": refresh}, checks(measured)


def _counts(result: dict[str, Any]) -> tuple[int, int, int, int]:
    return result["dynamodb"], result["s3"], result["ses"], result["sns"]


def checks(measured: dict[str, dict[str, Any]]) -> list[budgets.Check]:
    found = []
    for name, row in measured.items():
        small, large = row["small"], row["large"]
        errors = [f"{size}: {row[size]['error']}" for size in SIZES if row[size].get("error")]
        if errors:
            found.append(budgets.holds(SECTION, f"{name}: request succeeds", False, measured="; ".join(errors),
                                       limit="expected status", compared_with="the scenario's expected status",
                                       cause="the request failed: see the measured text"))
            continue
        found.append(budgets.equal(
            SECTION, f"{name}: calls constant (DynamoDB, S3, SES, SNS)", _counts(small), _counts(large),
            compared_with="small data set vs large data set",
            cause=f"DynamoDB operations {small['dynamodb_operations']} vs {large['dynamodb_operations']}",
        ))
        if row["read"]:
            found.append(budgets.at_most(
                SECTION, f"{name}: DynamoDB calls (session check included)", large["dynamodb"], READ_LIMIT,
                compared_with="the read budget", digits=0,
                cause=f"operations: {large['dynamodb_operations']}",
            ))
    return found
