"""The one resolver factory for both APIs.

Every Lambda's ``app.py`` declares a ``Router`` with its routes and gets its ``lambda_handler`` from
:func:`handler_for`. Here, in one place: domain errors become JSON problem responses with a stable
``code``; request validation, oversized and badly encoded bodies are refused before any domain code
runs; client requests must have come through the office's CloudFront distribution (its origin
secret) and state-changing ones from the site itself (CSRF); every response gets the security
headers; and a crash becomes a 500 with the correlation id, never a traceback.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from typing import Any, Literal

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.logging import correlation_paths

from portal.platform import edge
from portal.platform.errors import DomainError
from portal.platform.log import get_logger, traced
from portal.platform.settings import get_settings
from portal.platform.texts import message_for, pick_language

__all__ = [
    "Router", "handler_for", "build_resolver", "problem", "request_language", "cookie", "cookies", "source_ip", "user_agent",
    "staff_actor", "raw_event", "SESSION", "SIGV4",
]

Api = Literal["client", "admin"]

SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# The site sends this header on every call; a cross-site form cannot, and a cross-site fetch
# carrying it needs a CORS preflight that the API never grants.
CSRF_HEADER = "x-portal-request"

# What a route declares about its caller, in its decorator: ``@router.get(..., security=SESSION)``
# for a signed-in client; every staff route is signed (SigV4). Plain data here, so that a request
# function never loads powertools' OpenAPI models for them: :mod:`portal.platform.openapi` turns
# these names into security schemes only in the OpenAPI functions (a cold-start cost, issue 21).
SESSION: list[dict[str, list[str]]] = [{"session": []}]
SIGV4: list[dict[str, list[str]]] = [{"sigv4": []}]


def problem(status: int, code: str, language: str = "nl", **extra: Any) -> Response:
    body = {"status": status, "code": code, "message": message_for(code, language), **extra}
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=body)


def _header(event: dict[str, Any], name: str) -> str | None:
    for key, value in (event.get("headers") or {}).items():
        if key.lower() == name:
            return value
    return None


def raw_event(event: Any) -> dict[str, Any]:
    """The API Gateway event as Lambda delivered it, from powertools' event object or the dict itself."""
    return event.raw_event if hasattr(event, "raw_event") else event


def request_language(event: Any) -> str:
    raw = raw_event(event)
    return pick_language(_header(raw, "accept-language"))


def cookies(event: Any) -> dict[str, str]:
    """The request's cookies by name; a header that does not parse carries none."""
    header = _header(raw_event(event), "cookie")
    if not header:
        return {}
    jar = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def cookie(event: Any, name: str) -> str | None:
    return cookies(event).get(name)


def source_ip(event: Any) -> str:
    """The client's address, for throttles and the audit trail. Behind CloudFront, API Gateway's
    ``sourceIp`` is the CloudFront edge: the viewer's own address comes from
    ``CloudFront-Viewer-Address``, believed only on a request that carried the origin secret (any
    other client request is refused before a route runs). The admin API is called directly, with
    SigV4: there ``sourceIp`` is the caller."""
    raw = raw_event(event)
    if edge.came_through_distribution(_header(raw, edge.ORIGIN_HEADER)):
        viewer = edge.viewer_address(_header(raw, edge.VIEWER_ADDRESS_HEADER))
        if viewer:
            return viewer
    return ((raw.get("requestContext") or {}).get("identity") or {}).get("sourceIp") or "unknown"


def user_agent(event: Any) -> str | None:
    """The browser's User-Agent header (any case), for the coarse device a session shows; never stored."""
    raw = raw_event(event)
    return _header(raw, "user-agent")


def build_resolver(api: Api) -> APIGatewayRestResolver:
    resolver = APIGatewayRestResolver(enable_validation=True)
    logger = get_logger()

    @resolver.exception_handler(DomainError)
    def _domain(error: DomainError) -> Response:
        answer = problem(error.status, error.code, request_language(resolver.current_event), **error.detail)
        wait = error.detail.get("retry_after")
        if error.status == 429 and isinstance(wait, int | float) and wait > 0:
            answer.headers["Retry-After"] = str(math.ceil(wait))  # RFC 9110: whole seconds, for any client
        return answer

    @resolver.exception_handler(RequestValidationError)
    def _validation(error: RequestValidationError) -> Response:
        language = request_language(resolver.current_event)
        errors = list(error.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return problem(400, "invalid_json", language)
        fields = [
            {"field": ".".join(str(p) for p in e.get("loc", ())[1:]) or "body", "type": e.get("type")}
            for e in errors
        ]
        return problem(422, "validation_failed", language, fields=fields)

    @resolver.exception_handler([json.JSONDecodeError, RecursionError])
    def _bad_json(_: Exception) -> Response:
        return problem(400, "invalid_json", request_language(resolver.current_event))

    @resolver.exception_handler(NotFoundError)
    def _no_route(_: Exception) -> Response:
        return problem(404, "not_found", request_language(resolver.current_event))

    @resolver.exception_handler(Exception)
    def _crash(error: Exception) -> Response:
        logger.exception("unhandled error", extra={"error_type": type(error).__name__})
        request_id = (resolver.current_event.raw_event.get("requestContext") or {}).get("requestId")
        return problem(500, "internal_error", request_language(resolver.current_event), correlation_id=request_id)

    return resolver


def _precheck(event: dict[str, Any], api: Api) -> Response | None:
    """Refuse what must never reach a route: client requests that went around CloudFront,
    oversized or badly encoded bodies, cross-site writes."""
    language = pick_language(_header(event, "accept-language"))
    # Only the client API goes through CloudFront; staff sign their calls to the admin API's own URL.
    if api == "client" and not edge.origin_allowed(_header(event, edge.ORIGIN_HEADER)):
        return problem(403, "origin_refused", language)
    body = event.get("body")
    if body:
        raw = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode("utf-8", "surrogatepass")
        if len(raw) > get_settings().max_json_body_bytes:
            return problem(413, "payload_too_large", language)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return problem(400, "invalid_encoding", language)
        if "\x00" in text:
            return problem(400, "invalid_encoding", language)
        event["body"], event["isBase64Encoded"] = text, False
    if api == "client" and (event.get("httpMethod") or "").upper() in STATE_CHANGING:
        origin = _header(event, "origin")
        if _header(event, CSRF_HEADER) != "1" or origin != get_settings().site_origin:
            _audit_csrf_refusal(event, origin)
            return problem(403, "csrf_failed", language)
    return None


# Told of every CSRF refusal (the event, its Origin). The accounts' HTTP side registers the audit
# entry (portal.web.csrf_audit, loaded by every client function with a state-changing route, which
# a unit test checks), so the platform names no package above it.
CSRF_REFUSAL_LISTENERS: list[Callable[[dict[str, Any], str | None], None]] = []


def _audit_csrf_refusal(event: dict[str, Any], origin: str | None) -> None:
    """A forged state change lands in the trail of the account whose cookie it rode on (ASVS 7.1.3).
    The refusal stands whatever happens here: a failing trail write is logged, never answered."""
    try:
        for listener in CSRF_REFUSAL_LISTENERS:
            listener(event, origin)
    except Exception:  # noqa: BLE001 - the 403 must not become a 500
        get_logger().warning("csrf refusal not audited", exc_info=True)


def _render(response: Response) -> dict[str, Any]:
    return {
        "statusCode": response.status_code,
        "headers": {"Content-Type": content_types.APPLICATION_JSON},
        "body": json.dumps(response.body, separators=(",", ":")),
        "isBase64Encoded": False,
    }


def handler_for(router: Router, api: Api) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    """The Lambda entry point for one function's routes."""
    resolver = build_resolver(api)
    resolver.include_router(router)
    logger = get_logger()

    @traced
    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        refused = _precheck(event, api)
        result = _render(refused) if refused else resolver.resolve(event, context)
        headers = result.setdefault("headers", {}) or {}
        headers.update(SECURITY_HEADERS)
        result["headers"] = headers
        if result.get("statusCode") == 204:  # No Content means no body: not even JSON's "null"
            result["body"] = ""
            for bag in (headers, result.get("multiValueHeaders") or {}):
                for name in [n for n in bag if n.lower() == "content-type"]:
                    del bag[name]
        return result

    return lambda_handler


def staff_actor(event: Any) -> str:
    """The IAM identity that signed an admin request (API Gateway's AWS_IAM puts it in the context)."""
    raw = raw_event(event)
    identity = (raw.get("requestContext") or {}).get("identity") or {}
    return identity.get("userArn") or identity.get("caller") or "staff"
