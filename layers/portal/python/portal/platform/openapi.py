"""Assemble one API's OpenAPI document from the routers of its per-endpoint functions.

Each endpoint is its own Lambda with its own ``Router``; the OpenAPI function ships the whole
``functions/<api>/`` folder and merges the routers, so the document always matches the code.

What a route declares itself, in its decorator: its success status (powertools' ``status_code=``,
or ``responses=`` when it has two) and whether it needs a signed-in client (``security=SESSION``).
What holds for every route because the one resolver factory does it (:mod:`portal.platform.http`)
is added here: every refusal is the problem document, state-changing client requests need the
site's CSRF header, and every staff request is signed (API Gateway's AWS_IAM).

The merge itself is powertools': every router is included into one resolver and its
``get_openapi_schema`` builds the document. Its ``OpenAPIMerge`` does not fit: it finds and loads
module-level resolvers (``app = APIGatewayRestResolver()``), where our functions declare a
``Router`` and get their resolver from ``handler_for``. What is ours: loading each function's
``app.py`` by path (the folders are not packages) and the additions above.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

from aws_lambda_powertools.event_handler.openapi.models import APIKey, APIKeyIn

from portal.platform.http import CSRF_HEADER, SESSION, SIGV4, STATE_CHANGING, Api, build_resolver

__all__ = ["SESSION", "SIGV4", "PORTAL_REQUEST", "PROBLEM_REF", "build_document", "load_routers"]

PORTAL_REQUEST = "portalRequest"

PROBLEM_REF = "#/components/schemas/Problem"
PROBLEM_SCHEMAS: dict[str, Any] = {
    "Problem": {
        "title": "Problem",
        "description": "Every refusal and every failure. Other details of a code may come along "
                       "(e.g. retry_after with too_many_attempts, max_size with file_too_large).",
        "type": "object",
        "required": ["status", "code", "message"],
        "properties": {
            "status": {"type": "integer", "minimum": 400, "maximum": 599, "description": "the HTTP status again"},
            "code": {"type": "string", "description": "stable: what the site translates"},
            "message": {"type": "string", "description": "the message in the Accept-Language (nl or en)"},
            "fields": {"type": "array", "items": {"$ref": "#/components/schemas/ProblemField"},
                       "description": "which input was refused (validation_failed, answers_invalid, password rules...)"},
            "correlation_id": {"type": ["string", "null"], "description": "with internal_error (500): quote it"},
        },
        "additionalProperties": True,
    },
    "ProblemField": {
        "title": "ProblemField",
        "type": "object",
        "required": ["field"],
        "properties": {
            "field": {"type": "string", "description": "dotted path in the body, or the parameter's name"},
            "type": {"type": "string", "description": "what is wrong with it"},
            "code": {"type": "string", "description": "answers_invalid: the question's own code"},
            "page": {"type": "integer", "description": "answers_invalid: the questionnaire page"},
        },
    },
}
POWERTOOLS_ERRORS = ("HTTPValidationError", "ResponseValidationError", "ValidationError")
_PROBLEM = {"content": {"application/json": {"schema": {"$ref": PROBLEM_REF}}}}
ERROR_RESPONSES: dict[str, dict[str, Any]] = {
    "422": {"description": "Input refused: validation_failed (it does not match this document) or the code "
                           "of the rule it breaks (answers_invalid, password_too_short...)", **_PROBLEM},
    "4XX": {"description": "Refused: a problem document with a stable code", **_PROBLEM},
    "5XX": {"description": "internal_error, with a correlation_id", **_PROBLEM},
}

CLIENT_DESCRIPTION = (
    "The API of the client portal's site, same origin as the site. Operations marked with `session` need "
    "the session cookie a login sets (401 not_authenticated or session_expired without it). Every POST, "
    "PUT, PATCH and DELETE, public ones included, must also send `X-Portal-Request: 1` and the site's own "
    "`Origin`, or it is refused with 403 csrf_failed (`portalRequest`). Every refusal of the functions is a "
    "Problem; API Gateway's own answers, such as its throttling (429), carry only a `message`."
)
ADMIN_DESCRIPTION = (
    "The office's staff API. API Gateway admits only requests signed with AWS Signature Version 4 by an "
    "IAM identity allowed to invoke it (`sigv4`); it refuses others itself with 403 before any function "
    "runs. Those answers and its throttling (429) carry only a `message`; every refusal of the functions is a "
    "Problem."
)


def _client_schemes() -> dict[str, Any]:
    # The one place the platform names the accounts' cookie: the document describes the product.
    from portal.accounts.sessions import COOKIE

    return {
        "session": APIKey(in_=APIKeyIn.cookie, name=COOKIE,
                          description="The HttpOnly session cookie set by a login; the site never reads it."),
        PORTAL_REQUEST: APIKey(in_=APIKeyIn.header, name=CSRF_HEADER.title(),
                               description="Must be `1`, with the site's own `Origin` header (CSRF)."),
    }


def _admin_schemes() -> dict[str, Any]:
    return {
        "sigv4": APIKey(in_=APIKeyIn.header, name="Authorization",
                        description="AWS Signature Version 4 for execute-api (AWS_IAM).",
                        openapi_extensions={"x-amazon-apigateway-authtype": "awsSigv4"}),
    }


def load_routers(api_folder: Path) -> list[Any]:
    routers = []
    for app_file in sorted(api_folder.glob("*/app.py")):
        if app_file.parent.name == "openapi":
            continue
        name = f"_portal_openapi_{api_folder.name}_{app_file.parent.name}"
        spec = importlib.util.spec_from_file_location(name, app_file)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        routers.append(module.router)
    return routers


def _operations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(method.upper(), operation) for item in document.get("paths", {}).values()
            for method, operation in item.items()]


def _declare_problems(document: dict[str, Any]) -> None:
    """The resolver answers every refusal, the request validation's 422 included, as a Problem."""
    for _, operation in _operations(document):
        responses = operation.setdefault("responses", {})
        responses.update(ERROR_RESPONSES)
        for status, response in responses.items():
            if status == "204":  # no content, by definition
                response.pop("content", None)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(PROBLEM_SCHEMAS)
    for name in POWERTOOLS_ERRORS:  # now unused: drop them, referrers first
        others = {key: schema for key, schema in schemas.items() if key != name}
        if f'"#/components/schemas/{name}"' not in json.dumps([document["paths"], others]):
            schemas.pop(name, None)


def _require_portal_request(document: dict[str, Any]) -> None:
    """Every state-changing client request, signed in or not, passes the CSRF check first."""
    for method, operation in _operations(document):
        if method in STATE_CHANGING:
            operation["security"] = [{**needs, PORTAL_REQUEST: []} for needs in operation.get("security") or [{}]]


def build_document(api: Api, api_folder: Path, title: str) -> dict[str, Any]:
    resolver = build_resolver(api)
    for router in load_routers(api_folder):
        resolver.include_router(router)
    client = api == "client"
    document = resolver.get_openapi_schema(
        title=title, version="1.0.0", description=CLIENT_DESCRIPTION if client else ADMIN_DESCRIPTION,
        security_schemes=_client_schemes() if client else _admin_schemes(), security=None if client else SIGV4,
    ).model_dump(mode="json", by_alias=True, exclude_none=True)
    _declare_problems(document)
    if client:
        _require_portal_request(document)
    return document
