"""Chromium for the browser tests, shared by every tier that drives it (e2e, security).

One session-scoped browser per test process: two nested ``sync_playwright()`` in one process fail,
so the fixtures live here, registered once by tests/conftest.py.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

# How long an assertion may wait for what a person would see. Playwright's 5 s is short for a local
# stack and Chromium sharing 2 cores with the other worker's (CI failed on a 5 s wait twice while the
# screen came right): a passing assertion returns as soon as it holds, so only a failure waits longer.
expect.set_options(timeout=10_000)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, stack) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(base_url=stack.url, locale="nl-NL", viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.console_errors = errors  # type: ignore[attr-defined]
    yield opened
    context.close()


class _InFlight:
    """The requests a browser context has started and not yet finished (its events arrive while the
    test waits in a Playwright call)."""

    def __init__(self, context: BrowserContext) -> None:
        self.open, self.last_change = 0, time.monotonic()
        context.on("request", lambda _: self._count(+1))
        context.on("requestfinished", lambda _: self._count(-1))
        context.on("requestfailed", lambda _: self._count(-1))

    def _count(self, step: int) -> None:
        self.open, self.last_change = max(0, self.open + step), time.monotonic()


def settle(page: Page, quiet: float = 0.15, within: float = 30) -> None:
    """Wait until no request of the page's context has been in flight for `quiet` seconds.

    What ``wait_for_load_state("networkidle")`` waits for, with the quiet time shortened from
    Playwright's fixed 500 ms: the screen checks call it about a hundred times a run. Requests are
    counted from the first call on, which therefore waits for "networkidle" itself.
    """
    tracker = getattr(page.context, "_test_in_flight", None)
    if tracker is None:
        page.context._test_in_flight = _InFlight(page.context)  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")
        return
    deadline = time.monotonic() + within
    while tracker.open or time.monotonic() - tracker.last_change < quiet:
        assert time.monotonic() < deadline, f"{tracker.open} requests still open after {within:.0f} s"
        page.wait_for_timeout(25)  # lets Playwright deliver the request events
