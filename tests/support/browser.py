"""Chromium for the browser tests, shared by every tier that drives it (e2e, security).

One session-scoped browser per test process: two nested ``sync_playwright()`` in one process fail,
so the fixtures live here, registered once by tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

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
