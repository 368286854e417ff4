"""What each function really does to the table: every client endpoint (the benchmark's scenarios,
one successful request each) and the scheduled jobs, through their ``lambda_handler`` against moto
in this process, with each DynamoDB call turned into the IAM actions it needs and the partition
keys it changes.

Run in its own interpreter (``python -m tests.support.table_operations``): the benchmark's world
sets the process's environment and clock, which must not leak into other tests. Prints JSON:
``{"actions": {function: [action]}, "changed_keys": [[function, action, pk]], "failed": [...]}``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# A transaction needs the permission of each action in it, not one of its own.
TRANSACT_PARTS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem", "ConditionCheck": "ConditionCheckItem"}
CHANGES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"}


def _pk(key: dict[str, Any] | None) -> str:
    return str(((key or {}).get("pk") or {}).get("S", ""))


def iam_actions(operation: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    """(IAM action, changed partition key or "") for one DynamoDB API call."""
    if operation == "TransactWriteItems":
        found = []
        for item in params.get("TransactItems", []):
            (part, body), = item.items()
            found.append((TRANSACT_PARTS[part], _pk(body.get("Key") or body.get("Item"))))
        return found
    if operation == "BatchWriteItem":
        return [("BatchWriteItem", _pk((w.get("PutRequest") or {}).get("Item") or (w.get("DeleteRequest") or {}).get("Key")))
                for writes in params.get("RequestItems", {}).values() for w in writes]
    if operation in CHANGES:
        return [(operation, _pk(params.get("Key") or params.get("Item")))]
    return [(operation, "")]


@contextmanager
def recording(into: list[tuple[str, str]]) -> Iterator[None]:
    import botocore.client

    original = botocore.client.BaseClient._make_api_call

    def recorded(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        if self.meta.service_model.service_name == "dynamodb":
            into.extend(iam_actions(operation_name, api_params))
        return original(self, operation_name, api_params)

    botocore.client.BaseClient._make_api_call = recorded
    try:
        yield
    finally:
        botocore.client.BaseClient._make_api_call = original


def main() -> dict[str, Any]:
    from benchmarks.inprocess import prepare_environment

    prepare_environment()
    from portal_local.invoke import scheduled_event

    from benchmarks.dataset import build
    from benchmarks.inprocess import Handlers, mocked_aws
    from benchmarks.jobs import bounce_event
    from benchmarks.scenarios import all_scenarios, client_routes

    routes, handlers = client_routes(), Handlers()
    actions: dict[str, set[str]] = {}
    changed: list[list[str]] = []
    failed: list[str] = []

    def run(function: str, call: Any) -> Any:
        made: list[tuple[str, str]] = []
        handlers.warm(function)
        with recording(made):
            result = call()
        actions.setdefault(function, set()).update(f"dynamodb:{action}" for action, _ in made)
        changed.extend([function, f"dynamodb:{action}", pk] for action, pk in made if pk)
        return result

    with mocked_aws():
        world = build("small")
        for scenario in all_scenarios():
            request = scenario.prepare(world)
            function = routes[scenario.route]
            status, body = run(function, lambda f=function, r=request: handlers.call(f, r))
            if status != request.expect:
                failed.append(f"{scenario.name}: {status} {str(body)[:200]}")
        for function, event in (("DigestFunction", None), ("UploadCleanupFunction", None),
                                ("SesEventsFunction", bounce_event(world.person.email))):
            fn = handlers.functions[function]
            run(function, lambda fn=fn, event=event: handlers.invoker.invoke(fn, event or scheduled_event(fn)))
    return {"actions": {name: sorted(found) for name, found in actions.items()}, "changed_keys": changed, "failed": failed}


if __name__ == "__main__":
    json.dump(main(), sys.stdout)
