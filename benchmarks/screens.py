"""Section 4: the screens in Chromium, against the local stack: API requests and bytes, first visit.

The local stack (``python -m portal_local``, demo data, no schedules) runs in its own process on
a free port. Each screen is visited in a fresh browser context (empty cache, the state of a first
visit), signed in as the demo person where the screen needs a session; everything the page loads
is recorded until the network is quiet: the response bodies' bytes by type (as served locally,
uncompressed; CloudFront would gzip text, so a gzip estimate is shown beside it) and the requests
to ``/api/``.

Budgets: at most 2 API requests and under 150 KB for the whole first visit, everything counted:
the frame's ``GET /api/me`` (which also carries Home's counts and the Acties panel's list) and the
screen's own. The message form opens inside the dossier page's Berichten tab: its first visit is
that page's, opened at Berichten, plus everything from the click on "Nieuw bericht" on.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from benchmarks import budgets

SECTION = "screens"
ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--no-first-run"]
API_LIMIT = 2
BYTES_LIMIT = 150 * 1024


def _sign_in(context: Any, url: str) -> Any:
    """Log the demo person in through the context's own API client: the browser gets the session
    cookie, and nothing of the page (its cache, its recorded requests) is touched."""
    from portal_local.demo import DEMO_PASSWORD, PERSON_EMAIL

    login = context.request.post(url + "/api/session", data={"email": PERSON_EMAIL, "password": DEMO_PASSWORD},
                                 headers={"X-Portal-Request": "1", "Origin": url})
    if not login.ok:
        raise RuntimeError(f"demo login failed: {login.status} {login.text()[:200]}")
    return login


def demo_dossier(browser: Any, url: str) -> str:
    """The demo person's transfer dossier (the one with messages)."""
    context = browser.new_context(base_url=url)
    _sign_in(context, url)
    listing = context.request.get(url + "/api/dossiers", headers={"X-Portal-Request": "1"}).json()
    context.close()
    return next((d for d in listing["items"] if d["number"] == "2026.0123"), listing["items"][0])["id"]


class Visit:
    """Everything one page loads, as it happens."""

    def __init__(self) -> None:
        self.resources: list[dict[str, Any]] = []
        self.failed: list[str] = []
        self.mark: int | None = None  # where an in-page step (opening the form) began

    def on_finished(self, request: Any) -> None:
        response = request.response()
        body = b""
        if response is not None and response.status not in (204, 304) and not 300 <= response.status < 400:
            try:
                body = response.body()
            except Exception:  # a body Chromium did not keep: count its declared size
                body = b""
        self.resources.append({
            "url": request.url, "path": urlparse(request.url).path, "query": urlparse(request.url).query,
            "type": request.resource_type,
            "method": request.method, "status": response.status if response else 0, "bytes": len(body),
            "gzip": len(gzip.compress(body, 6)) if body else 0,
        })
        if response is not None and response.status >= 400 and not urlparse(request.url).path.startswith("/api/"):
            self.failed.append(f"{response.status} {urlparse(request.url).path}")

    def summary(self) -> dict[str, Any]:
        api = [r for r in self.resources if r["path"].startswith("/api/")]
        kinds: dict[str, int] = {}
        for r in self.resources:
            kind = "json" if r["path"].startswith("/api/") else r["type"]
            kinds[kind] = kinds.get(kind, 0) + r["bytes"]
        return {
            "requests": len(self.resources), "bytes": sum(r["bytes"] for r in self.resources),
            "gzip_bytes": sum(r["gzip"] for r in self.resources), "bytes_by_type": kinds,
            "api_total": len(api),
            # The message form: what the click on "Nieuw bericht" asked for (the rest is the page under it).
            "api_after_click": None if self.mark is None else len(
                [r for r in self.resources[self.mark:] if r["path"].startswith("/api/")]),
            "api_calls": [f"{r['method']} {r['path']}" + (f"?{r['query']}" if r["query"] else "") for r in api],
            "failed": self.failed,
        }


def _settle(page: Any) -> None:
    page.wait_for_function("() => !document.getElementById('main').hasAttribute('aria-busy')", timeout=20_000)
    page.wait_for_load_state("networkidle", timeout=20_000)


def _screen_ok(page: Any) -> str | None:
    """Why the screen did not render, or None."""
    failed = page.locator("main h1").first.text_content(timeout=2_000) or ""
    return f"the app shows '{failed}'" if failed.strip() in ("Er ging iets mis", "Something went wrong") else None


def visit(browser: Any, url: str, hash_: str, session: bool, then: Any = None) -> dict[str, Any]:
    context = browser.new_context(base_url=url, locale="nl-NL", viewport={"width": 1280, "height": 800})
    if session:
        _sign_in(context, url)
    page = context.new_page()
    recorded = Visit()
    page.on("requestfinished", recorded.on_finished)
    page.on("requestfailed", lambda r: recorded.failed.append(f"failed {urlparse(r.url).path}"))
    problem = None
    try:
        page.goto(url + "/" + hash_)
        _settle(page)
        problem = _screen_ok(page)
        if problem is None and then is not None:
            recorded.mark = len(recorded.resources)
            problem = then(page)
            if problem is None:
                page.wait_for_load_state("networkidle", timeout=20_000)
    except Exception as error:  # the screen never settled: report it, the other screens still run
        problem = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    page.wait_for_timeout(300)
    context.close()
    return {**recorded.summary(), "problem": problem or (", ".join(recorded.failed) or None)}


def _open_compose(page: Any) -> str | None:
    button = page.get_by_role("button", name="Nieuw bericht")
    if button.count() == 0:
        return "missing: no 'Nieuw bericht' on the Berichten tab yet"
    button.first.click()
    page.get_by_label("Onderwerp").first.wait_for(timeout=10_000)
    return None


def run(log: Any = print) -> tuple[dict[str, Any], list[budgets.Check]]:
    from playwright.sync_api import sync_playwright

    from tests.support.stack import start_stack, stop_stack

    stack = start_stack(within=90)
    url = stack.url
    try:
        screens: dict[str, dict[str, Any]] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            dossier_id = demo_dossier(browser, url)
            plan = [
                ("login page", "#/login", False, None),
                ("account-number check", "#/rekening-controleren", False, None),
                ("Home", "#/home", True, None),
                ("dossier list", "#/dossiers", True, None),
                ("dossier page", f"#/dossiers/{dossier_id}", True, None),
                ("message form", f"#/dossiers/{dossier_id}/berichten", True, _open_compose),
            ]
            for name, hash_, cookie, then in plan:
                screens[name] = {"address": hash_.replace(dossier_id, "<id>"), **visit(browser, url, hash_, cookie, then)}
            browser.close()
        log(f"  screens: {len(screens)} visited, {sum(1 for s in screens.values() if s['problem'])} with a problem")
    finally:
        stop_stack(stack)
    return {"screens": screens, "dossier": "2026.0123 (demo data)"}, checks(screens)


def checks(screens: dict[str, dict[str, Any]]) -> list[budgets.Check]:
    found = []
    for name, screen in screens.items():
        if screen["problem"]:
            missing = screen["problem"].startswith("missing:")
            found.append(budgets.holds(
                SECTION, f"{name}: renders", missing, measured=screen["problem"], limit="renders",
                compared_with="the screen as the app defines it" + (" (not built yet: not counted)" if missing else ""),
                cause="the screen failed to render in Chromium",
            ))
            if missing:
                continue
        after = screen.get("api_after_click")
        found.append(budgets.at_most(
            SECTION, f"{name}: API requests, whole first visit", screen["api_total"], API_LIMIT, digits=0,
            compared_with="budget; every request counted, the frame's GET /api/me included"
            + (f" ({after} from opening the form)" if after is not None else ""),
            cause=", ".join(screen["api_calls"]),
        ))
        found.append(budgets.below(
            SECTION, f"{name}: first visit bytes", budgets.kib(screen["bytes"]), BYTES_LIMIT / 1024, unit=" KB",
            compared_with=f"budget; gzip (as CloudFront sends it) {budgets.kib(screen['gzip_bytes'])} KB",
            cause=f"by type: { {k: budgets.kib(v) for k, v in screen['bytes_by_type'].items()} }",
        ))
    return found
