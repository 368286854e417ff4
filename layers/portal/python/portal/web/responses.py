"""The HTTP edge of the client API: JSON responses and the portal's cookies.

Part of the edge (:mod:`portal.web`), which sits above
the domain packages: it may import them, no domain module imports it. The cookies' attributes are set
here; their values and what they mean belong to :mod:`portal.accounts.sessions`.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from portal.accounts.sessions import COOKIE, DEVICE_COOKIE, LOGIN_COOKIE
from portal.platform.settings import get_settings


def _cookie(name: str, value: str, max_age: int) -> Cookie:
    # __Host-: Secure, Path=/, no Domain, so no sibling host can set or read it.
    return Cookie(
        name=name, value=value, path="/", secure=True, http_only=True, max_age=max_age, same_site=SameSite.STRICT_MODE
    )


def session_cookie(value: str) -> Cookie:
    return _cookie(COOKIE, value, get_settings().session_absolute_hours * 3600)


def device_cookie(value: str) -> Cookie:
    from portal.accounts import trusted_devices  # lazy: cold start, only a login sets this cookie

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
