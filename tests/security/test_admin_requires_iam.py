"""Every staff endpoint refuses an unsigned request and a client's session; a signed one gets through.

Enumerated from the staff API's OpenAPI document and template.yaml, so a new endpoint is covered
the moment it exists. In AWS, API Gateway's AWS_IAM authorizer does this; locally the gateway
verifies SigV4 the same way.
"""

from __future__ import annotations

import re

import requests
from portal_local import template

from tests.support.clients import logged_in_client

DUMMY = "01ARZ3NDEKTSV4RRFFQ69G5FAV"


def _operations(stack) -> set[tuple[str, str]]:
    document = stack.admin().get("/openapi.json").body
    documented = {(m.upper(), p) for p, item in document["paths"].items() for m in item}
    routed = {(r.method, r.path) for r in template.routes() if r.api == "AdminApi"}
    return documented | routed


def _concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: "1" if m.group(1) == "step" else DUMMY, path)


def test_staff_endpoints_refuse_unsigned_requests_and_client_sessions(stack) -> None:
    client, _ = logged_in_client(stack)
    operations = _operations(stack)
    assert len(operations) >= 30
    admitted = []
    for method, path in sorted(operations):
        url = stack.url + _concrete(path)
        unsigned = requests.request(method, url, json={} if method != "GET" else None, timeout=30)
        as_client = requests.request(method, url, json={} if method != "GET" else None, headers=client.headers(), timeout=30)
        if unsigned.status_code != 403 or as_client.status_code != 403:
            admitted.append(f"{method} {path}: unsigned {unsigned.status_code}, client session {as_client.status_code}")
    assert admitted == []


def test_a_signed_staff_request_gets_through(stack) -> None:
    admin = stack.admin()
    for method, path in sorted(_operations(stack)):
        if method != "GET":
            continue
        answer = admin.request(method, _concrete(path))
        assert answer.status not in (401, 403) and answer.status < 500, f"{method} {path}: {answer.status} {answer.body}"
