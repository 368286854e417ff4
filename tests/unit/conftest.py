"""Unit tier: domain functions and handlers against moto's in-process mock of AWS."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from moto import mock_aws
from portal.platform import clock, ids
from portal.platform.aws import client, reset_clients
from portal.platform.settings import reset_settings

ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    def __init__(self) -> None:
        self.current = datetime(2026, 11, 26, 9, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


# Where the cached boto3 clients point (see `aws`): they are rebuilt only when this changes.
_CLIENT_ENVIRONMENT = ("AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION")
_clients_built_for: list[tuple[str | None, ...]] = []


@pytest.fixture
def aws() -> Iterator[None]:
    """A fresh, empty AWS with the template's table, buckets and mail identity.

    Every test gets new moto backends (nothing of another test's state survives), but the portal's
    boto3 clients and boto3's default session are kept from test to test, as a warm Lambda keeps
    them: building them anew (moto resets boto3's session by default) parsed the service models'
    JSON again for every test, about 0.6 s of the 0.65 s this fixture cost. moto's request hook
    serves any client, whenever it was made, while a mock is active.
    """
    from portal_local import resources

    reset_settings()
    environment = tuple(os.environ.get(name) for name in _CLIENT_ENVIRONMENT)
    if _clients_built_for != [environment]:
        reset_clients()
        _clients_built_for[:] = [environment]
    with mock_aws(config={"core": {"reset_boto3_session": False}}):
        resources.create_all(
            {name: client(name) for name in ("dynamodb", "s3", "ses")}, {"SiteUrl": "http://127.0.0.1:8000"}
        )
        yield


@pytest.fixture
def fake_clock() -> Iterator[FakeClock]:
    fake = FakeClock()
    clock.set_clock(fake)
    yield fake
    clock.reset_clock()
    ids.reset_id_generator()


class LambdaContext:
    function_name = "test"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:test"
    aws_request_id = "test-request"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


def load_handler(relative: str) -> Any:
    """Import a function's app.py by path, as Lambda would load it; its lambda_handler runs as the
    function's role in template.yaml (portal_local.iam), so a call AWS would refuse fails here too."""
    from portal_local import iam

    path = ROOT / "functions" / relative / "app.py"
    spec = importlib.util.spec_from_file_location(f"_test_fn_{relative.replace('/', '_')}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.lambda_handler = iam.enforced(module.lambda_handler, iam.function_for(path))
    return module


def api_event(
    method: str, path: str, *, body: str | None = None, headers: dict[str, str] | None = None,
    path_parameters: dict[str, str] | None = None, resource: str | None = None, query: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "resource": resource or path,
        "path": path,
        "httpMethod": method,
        "headers": headers or {},
        "multiValueHeaders": {k: [v] for k, v in (headers or {}).items()},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": path_parameters,
        "requestContext": {"requestId": "req-1", "identity": {"sourceIp": "192.0.2.10"}, "resourcePath": resource or path},
        "body": body,
        "isBase64Encoded": False,
    }


# ---------------------------------------------------------------- accounts helpers
PASSWORD = "Vlinder-Tuin-2026"
STAFF = {"actor": "arn:aws:iam::123456789012:user/staff", "source_ip": "192.0.2.1"}


def mails(to: str | None = None) -> list[dict[str, Any]]:
    from portal_local.mailbox import mails as all_mails

    return [m for m in all_mails() if to is None or to in m["to"]]


def sms_messages() -> list[dict[str, Any]]:
    from portal_local.mailbox import sms

    return sms()


def last_link(to: str) -> str:
    """The token of the newest link mailed to an address."""
    return mails(to)[-1]["links"][0].rsplit("/", 1)[1]


def active_client(email: str = "anna@example.nl", *, name: str = "Anna Jansen", company: str | None = None,
                  language: str = "nl") -> Any:
    """A client who went through invitation and set-password: returns the Account."""
    from portal.accounts import activation, admin, links
    from portal.accounts.lookup import by_email

    admin.create_client(name=name, email=email, language=language, company=company, **STAFF)
    links.request_password_link(email, last_link(email), source_ip="192.0.2.10")
    activation.set_password(last_link(email), PASSWORD, source_ip="192.0.2.10")
    return by_email(email)
