"""Shared helpers for the site tests: a stubbed client API (the backend is built in parallel).

A helper module, not a test module: no test_ prefix, so pytest does not collect it.
Every /api call that a test does not stub answers 401 not_authenticated, as without a session.
"""

from __future__ import annotations

import copy
import json
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, Route

ME: dict[str, Any] = {
    "id": "acc-1",
    "name": "Jan de Vries",
    "email": "jan@example.nl",
    "language": "nl",
    "kind": "person",
    "company_name": None,
    "two_factor": {"method": None, "phone_hint": None},
    "notifications": {"documents": True, "questionnaires": True, "messages": False, "appointments": True},
    "office_name": "Notariskantoor Van Dijk",
    "counts": {"dossiers_in_progress": 2, "dossiers_total": 5, "actions_open": 3},
    "actions": [],
}


def me(**changes: Any) -> dict[str, Any]:
    """A Me with some fields changed: me(kind="company_main", company_name="Bakkerij B.V.")."""
    result = copy.deepcopy(ME)
    result.update(changes)
    return result


def problem(status: int, code: str, message: str = "server text") -> dict[str, Any]:
    return {"status": status, "code": code, "message": message}


class Api:
    """Stubs /api routes on a page and records the calls the page makes."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.calls: list[dict[str, Any]] = []
        page.route("**/api/**", lambda route: self._answer(route, 401, problem(401, "not_authenticated")))
        # The login page's public GET /api/site: answered, not recorded (an empty name keeps the plain welcome).
        page.route("**/api/site", lambda route: route.fulfill(status=200, json={"office_name": ""}))
        # Home's appointment line (its second call): none unless a test answers otherwise.
        self.on("/home", {"appointments": [], "payments": []}, method="GET")

    def _answer(self, route: Route, status: int, body: Any) -> None:
        request = route.request
        self.calls.append({
            "method": request.method,
            "path": urlsplit(request.url).path,
            "query": urlsplit(request.url).query,
            "headers": request.headers,
            "body": json.loads(request.post_data) if request.post_data else None,
        })
        if status == 204 or body is None:
            route.fulfill(status=status, body="")
        else:
            route.fulfill(status=status, json=body)

    def on(self, path: str, body: Any = None, status: int = 200, method: str | None = None) -> Api:
        """Answer `path` (exact, after /api) with body (or body(route)); method=None answers every method."""

        def handler(route: Route) -> None:
            if method and route.request.method != method:
                route.fallback()
                return
            answer = body(route) if callable(body) else body
            # A callable may answer (status, body), e.g. an error for one input and success for another.
            if isinstance(answer, tuple):
                self._answer(route, *answer)
            else:
                self._answer(route, status, answer)

        self.page.route(f"**/api{path}", handler)
        return self

    def sent(self, method: str, path: str) -> list[dict[str, Any]]:
        return [c for c in self.calls if c["method"] == method and c["path"] == path]

    def paths(self) -> list[str]:
        return [f'{c["method"]} {c["path"]}' for c in self.calls]


def login_as(page: Page, who: dict[str, Any] | None = None) -> Api:
    """A page with a session: GET /api/me answers the given Me (which carries the Acties panel's list)."""
    api = Api(page)
    api.on("/me", who or ME, method="GET")
    return api


def real_console_errors(page: Page) -> list[str]:
    """Console errors apart from the expected 'Failed to load resource' for stubbed 4xx answers."""
    return [e for e in page.console_errors if "Failed to load resource: the server responded with a status of 4" not in e]
