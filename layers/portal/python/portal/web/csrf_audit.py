"""A forged state change lands in the trail of the account whose cookie it rode on (ASVS 7.1.3).

:mod:`portal.platform.http` refuses the request before any route runs and tells its
``CSRF_REFUSAL_LISTENERS``; this module registers the audit entry when it loads. Every client
function with a state-changing route loads it through :mod:`portal.web.callers`
(tests/unit/test_package_dependencies.py checks that).
"""

from __future__ import annotations

from typing import Any

from portal.accounts.sessions import COOKIE
from portal.audit import trail
from portal.platform import http


def _audit_csrf_refusal(event: Any, origin: str | None) -> None:
    trail.csrf_refused(source_ip=http.source_ip(event), origin=origin, session_cookie=http.cookie(event, COOKIE))


if _audit_csrf_refusal not in http.CSRF_REFUSAL_LISTENERS:
    http.CSRF_REFUSAL_LISTENERS.append(_audit_csrf_refusal)
