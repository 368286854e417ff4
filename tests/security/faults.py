"""Fault injection for the in-process tiers: botocore's ``_make_api_call`` with a failure planted at
the Nth call to one service, a lock that makes each AWS call atomic for threaded tests, and a
snapshot of everything the portal stores, to prove a failed request left nothing behind."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import botocore.client
from botocore.exceptions import ClientError

# What a request may legitimately touch even when it fails: the session's idle timer and the
# throttle counters (a failed attempt still counts).
VOLATILE = ("SESSION#", "THROTTLE#")


@dataclass
class Plan:
    service: str
    nth: int
    code: str  # a ClientError code, or UNPROCESSED: a BatchGetItem that processes none of its keys
    persistent: bool = False  # fail the nth call and every later one (an outage, not a blip)
    operation: str | None = None  # count only this operation's calls


UNPROCESSED = "UnprocessedKeys"


@dataclass
class Faults:
    """Install with :meth:`install`; then ``with faults.failing("dynamodb", 3, "ThrottlingException")``."""

    plan: Plan | None = None
    seen: int = 0
    failed: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    atomic: threading.RLock | None = None

    def install(self, monkeypatch: Any) -> Faults:
        real = botocore.client.BaseClient._make_api_call
        faults = self

        def call(client: Any, operation: str, params: dict[str, Any]) -> Any:
            service, plan = client.meta.service_model.service_name, faults.plan
            if plan and service == plan.service and plan.operation in (None, operation):
                faults.seen += 1
                faults.calls.append(operation)
                if faults.seen == plan.nth or (plan.persistent and faults.seen > plan.nth > 0):
                    faults.failed.append((operation, params))
                    if plan.code == UNPROCESSED:
                        return {"Responses": {}, "UnprocessedKeys": params["RequestItems"]}
                    message = {"Error": {"Code": plan.code, "Message": "injected by tests/security/faults.py"}}
                    raise ClientError(message, operation)
            if faults.atomic is not None and service == "dynamodb":
                with faults.atomic:  # one DynamoDB call at a time, as the service is per item
                    return real(client, operation, params)
            return real(client, operation, params)

        monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", call)
        return self

    @contextmanager
    def failing(self, service: str, nth: int, code: str, *, persistent: bool = False,
                operation: str | None = None) -> Iterator[None]:
        self.plan, self.seen, self.calls = Plan(service, nth, code, persistent, operation), 0, []
        try:
            yield
        finally:
            self.plan = None

    def count(self, service: str, action: Any) -> tuple[int, list[str]]:
        """How many calls to ``service`` one run of ``action`` makes (none fails)."""
        with self.failing(service, 0, ""):
            action()
            return self.seen, list(self.calls)


def snapshot() -> dict[str, Any]:
    """Every item of the table (but sessions and throttle counters), every current object of the
    documents bucket, every mail SES accepted."""
    from portal.platform.aws import client
    from portal.platform.settings import get_settings
    from portal_local.mailbox import mails

    settings = get_settings()
    items = []
    for page in client("dynamodb").get_paginator("scan").paginate(TableName=settings.table_name, ConsistentRead=True):
        items += [json.dumps(i, sort_keys=True) for i in page["Items"] if not i["pk"]["S"].startswith(VOLATILE)]
    objects = []
    for page in client("s3").get_paginator("list_objects_v2").paginate(Bucket=settings.documents_bucket):
        objects += [o["Key"] for o in page.get("Contents", [])]
    return {"items": sorted(items), "objects": sorted(objects), "mails": len(mails())}


def difference(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed between two snapshots, readable in an assertion message."""
    return {
        "items added": sorted(set(after["items"]) - set(before["items"]))[:5],
        "items gone or changed": sorted(set(before["items"]) - set(after["items"]))[:5],
        "objects": sorted(set(after["objects"]) ^ set(before["objects"])),
        "mails": after["mails"] - before["mails"],
    }
