"""The HTTP side of accounts, shared by the client handlers: cookies and the caller's principal."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from portal.accounts import sessions, trusted_devices
from portal.accounts.sessions import COOKIE, DEVICE_COOKIE, LOGIN_COOKIE, Principal
from portal.audit import trail
from portal.platform import http
from portal.platform.http import cookie
from portal.platform.settings import get_settings


def _audit_csrf_refusal(event: Any, origin: str | None) -> None:
    trail.csrf_refused(source_ip=http.source_ip(event), origin=origin, session_cookie=cookie(event, COOKIE))


if _audit_csrf_refusal not in http.CSRF_REFUSAL_LISTENERS:
    http.CSRF_REFUSAL_LISTENERS.append(_audit_csrf_refusal)


def principal(event: Any) -> Principal:
    """The signed-in caller, or 401 not_authenticated / session_expired."""
    return sessions.authenticate(cookie(event, COOKIE))


def _cookie(name: str, value: str, max_age: int) -> Cookie:
    # __Host-: Secure, Path=/, no Domain, so no sibling host can set or read it.
    return Cookie(
        name=name, value=value, path="/", secure=True, http_only=True, max_age=max_age, same_site=SameSite.STRICT_MODE
    )


def session_cookie(value: str) -> Cookie:
    return _cookie(COOKIE, value, get_settings().session_absolute_hours * 3600)


def device_cookie(value: str) -> Cookie:
    return _cookie(DEVICE_COOKIE, value, trusted_devices.LIFETIME_SECONDS)


def cleared(name: str) -> Cookie:
    return _cookie(name, "", 0)


def json_response(status: int, body: Any, cookies: list[Cookie] | None = None) -> Response:
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=body, cookies=cookies or [])


def login_response(result: Any) -> Response:
    """Turn a signin.LoginResult into the response with the right cookies."""
    if result.session_cookie:
        cookies = [session_cookie(result.session_cookie), cleared(LOGIN_COOKIE)]
        if getattr(result, "device_cookie", None):
            cookies.append(device_cookie(result.device_cookie))
        return json_response(200, result.body, cookies)
    return json_response(200, result.body, [_cookie(LOGIN_COOKIE, result.login_cookie, 600)])
