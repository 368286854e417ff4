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
# Reads that answer for two concepts at once, with their own budget and the reason. GET /api/home is
# Home's appointments and payment instructions in one request: the session, one query each and one
# BatchGetItem of the grants of both (4), where two requests of 3 would cost 6 and a screen request.
AGGREGATE_READS = {"GET /api/home": 4}


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


def facts(handlers: Handlers, world: World) -> dict[str, Any]:
    """What the client sees of the data set: proof that the large one is as large as it claims."""
    from portal.dossiers.models import Grant, grant_sk, party_key

    headers = world.headers(world.person)
    _, listing = handlers.call("DossiersFunction", Request("GET", "/api/dossiers", headers=headers))
    params = {"dossier_id": world.dossier_id}
    _, items = handlers.call("DossiersFunction", Request("GET", "/api/dossiers/{dossier_id}/items", params,
                                                         headers=headers, query={"tab": "documents"}))
    _, messages = handlers.call("MessagesFunction", Request("GET", "/api/dossiers/{dossier_id}/messages", params,
                                                            headers=headers))
    grant = Grant.get(party_key(world.person.party_id), grant_sk(world.dossier_id))
    return {
        "dossiers": listing["total"], "page_of_documents": len(items["items"]), "more_documents": bool(items["next_token"]),
        "page_of_messages": len(messages["items"]), "more_messages": bool(messages["next_token"]),
        "dossier_documents": int(grant.items_documents) + int(grant.items_correspondence),
        "dossier_messages": int(grant.items_messages),
    }


def _hash(value: str) -> str:
    from portal.platform import ids

    return ids.token_hash(value)


def run(scenarios: list[Scenario], log: Any = print) -> tuple[dict[str, Any], list[budgets.Check]]:
    routes = client_routes()
    handlers = Handlers()
    measured: dict[str, dict[str, Any]] = {s.name: {"route": f"{s.method} {s.path}", "function": routes[s.route],
                                                    "read": s.is_read} for s in scenarios}
    built: dict[str, float] = {}
    seen: dict[str, dict[str, Any]] = {}
    refresh: dict[str, Any] = {}
    for size in SIZES:
        with mocked_aws():
            started = time.perf_counter()
            world = build(size)
            built[size] = round(time.perf_counter() - started, 1)
            seen[size] = facts(handlers, world)
            log(f"  calls: {size} data set built in {built[size]} s ({seen[size]['dossiers']} dossiers, "
                f"{seen[size]['dossier_messages']:,} messages in the measured one); measuring {len(scenarios)} scenarios")
            for scenario in scenarios:
                handlers.warm(routes[scenario.route])
                measured[scenario.name][size] = measure_one(handlers, routes[scenario.route], scenario, world)
            if size == "small":
                refresh = session_refresh(handlers, world)
    found = checks(measured) + [budgets.holds(
        SECTION, "large data set: as large as it claims", seen["large"]["dossiers"] == SIZES["large"]["dossiers"]
        and seen["large"]["more_documents"] and seen["large"]["more_messages"],
        measured=f"{seen['large']['dossiers']} dossiers; measured dossier: {seen['large']['dossier_documents']:,} "
        f"documents, {seen['large']['dossier_messages']:,} messages; pages full: "
        f"{seen['large']['more_documents'] and seen['large']['more_messages']}",
        limit=f"{SIZES['large']['dossiers']} dossiers, pages with more after them", compared_with="what the client API answers",
        cause="the bulk data did not reach the client's reads",
    )]
    return {"scenarios": measured, "data_sets": SIZES, "build_seconds": built, "session_refresh": refresh,
            "data_set_facts": seen}, found


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
                SECTION, f"{name}: DynamoDB calls (session check included)", large["dynamodb"],
                AGGREGATE_READS.get(name, READ_LIMIT),
                compared_with="the aggregate read's budget" if name in AGGREGATE_READS else "the read budget", digits=0,
                cause=f"operations: {large['dynamodb_operations']}",
            ))
    return found
