"""The one API Gateway (REST, proxy) event builder, used by the local gateway, the tests and the
benchmarks: a handler sees the same shape of event wherever it is called from."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

ACCOUNT = "123456789012"
STAGE = "Prod"
SOURCE_IP = "192.0.2.10"  # TEST-NET-1: the address of a client in tests and benchmarks


def _multi(values: Mapping[str, str | list[str]] | None) -> dict[str, list[str]]:
    return {name: list(value) if isinstance(value, list) else [value] for name, value in (values or {}).items()}


def api_event(
    method: str, path: str, *, resource: str | None = None, headers: Mapping[str, str | list[str]] | None = None,
    query: Mapping[str, str | list[str]] | None = None, path_parameters: Mapping[str, str] | None = None,
    body: str | None = None, is_base64: bool = False, source_ip: str = SOURCE_IP,
    request_id: str | None = None, caller: str | None = None,
) -> dict[str, Any]:
    """A REST API proxy event as API Gateway sends it: single- and multi-value headers and query
    strings (the last value wins in the single form), the resource path (the template's, with its
    ``{parameters}``) and the caller's address and, for IAM-signed calls, ARN."""
    multi_headers, multi_query = _multi(headers), _multi(query)
    resource = resource or path
    identity: dict[str, Any] = {"sourceIp": source_ip}
    if caller is not None:
        identity.update({"userArn": caller, "caller": caller})
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": {name: values[-1] for name, values in multi_headers.items()},
        "multiValueHeaders": multi_headers,
        "queryStringParameters": {name: values[-1] for name, values in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": dict(path_parameters) if path_parameters else None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": f"/{STAGE}{path}",
            "stage": STAGE,
            "requestId": request_id or str(uuid.uuid4()),
            "accountId": ACCOUNT,
            "apiId": "local",
            "identity": identity,
        },
        "body": body,
        "isBase64Encoded": is_base64,
    }
