"""The portal in this process: moto's in-process AWS, a frozen clock, handlers called like Lambda.

The clock stands still while the benchmark runs, so no session reaches the one-minute mark at
which a request refreshes it (a write at most once a minute per session, measured on its own in
the calls section). ``PORTAL_ENVIRONMENT=aws`` makes the upload check read GuardDuty's tag (set
by the scenario, as GuardDuty would) instead of the local stand-in that reads the whole file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

NOW = datetime(2026, 11, 26, 9, 0, 0, tzinfo=UTC)
SITE = "http://127.0.0.1:8000"
SOURCE_IP = "192.0.2.10"

# Beside the functions' environment from template.yaml (portal_local.environment):
ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "benchmark",
    "AWS_SECRET_ACCESS_KEY": "benchmark",
    "PORTAL_ENVIRONMENT": "aws",
    "POWERTOOLS_SERVICE_NAME": "portal",
    "POWERTOOLS_LOG_LEVEL": "ERROR",
    "POWERTOOLS_TRACE_DISABLED": "true",
    # The latency section offers the same client 1,000 uploads: far past a day's quota, which is
    # what a client meets, not what the benchmark measures.
    "UPLOADS_PER_DAY": "1000000",
    "UPLOAD_BYTES_PER_DAY": str(10**15),
    # Likewise the company adds an extra account on every latency round: far past its daily limit.
    "COMPANY_EXTRA_ACCOUNTS_PER_DAY": "1000000",
}


def prepare_environment() -> None:
    """Before the first handler runs: settings are read once, at their first use."""
    from portal_local.environment import local_environment

    for name in list(os.environ):
        # PASSWORD_*: the deployed argon2id cost is measured, never a cheaper one from a test shell.
        if name.startswith(("AWS_ENDPOINT_URL", "PASSWORD_")) or name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
            del os.environ[name]
    os.environ.update(local_environment({"SiteUrl": SITE}))
    os.environ.update(ENVIRONMENT)


@contextmanager
def mocked_aws() -> Iterator[None]:
    """A fresh, empty AWS with the template's table, buckets and mail identity; the clock frozen."""
    from moto import mock_aws
    from portal.platform import clock, ids
    from portal.platform.aws import client, reset_clients
    from portal.platform.settings import reset_settings
    from portal_local import resources

    from benchmarks.moto_speed import cheap_transactions

    reset_settings()
    reset_clients()
    clock.set_clock(lambda: NOW)
    try:
        with mock_aws(), cheap_transactions():
            resources.create_all({name: client(name) for name in ("dynamodb", "s3", "ses")}, {"SiteUrl": SITE})
            yield
    finally:
        clock.reset_clock()
        ids.reset_id_generator()
        reset_clients()


@dataclass
class Request:
    """One API Gateway request to a client endpoint, and the status it must get."""

    method: str
    resource: str  # the template's path, e.g. /api/dossiers/{dossier_id}
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] | None = None
    body: Any = None
    expect: int = 200

    @property
    def path(self) -> str:
        path = self.resource
        for name, value in self.params.items():
            path = path.replace("{" + name + "}", value)
        return path

    def event(self) -> dict[str, Any]:
        from portal_local.events import api_event

        body = json.dumps(self.body) if self.body is not None else None
        return api_event(self.method, self.path, resource=self.resource, headers=self.headers, query=self.query,
                         path_parameters=self.params, body=body, source_ip=SOURCE_IP)


class Handlers:
    """Each function's module imported once (a warm Lambda), called with an API Gateway event."""

    def __init__(self) -> None:
        from portal_local.invoke import Invoker
        from portal_local.template import functions

        self.invoker = Invoker()
        self.functions = {f.logical_id: f for f in functions()}

    def call(self, function: str, request: Request) -> tuple[int, Any]:
        response = self.invoker.invoke(self.functions[function], request.event())
        body = response.get("body")
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = body
        return int(response["statusCode"]), parsed

    def warm(self, function: str) -> None:
        self.invoker._handler(self.functions[function])  # import now, outside any measurement
