"""Issue 16, point 15 in Chromium against a local stack configured with a logo and a colour: the
office's logo and brand colour appear in the header (before and after login) and in the e-mails;
the login page shows the portal's version."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect
from portal import __version__

from tests.e2e import live_data as live
from tests.support.stack import RunningStack, start_stack, stop_stack

pytestmark = pytest.mark.e2e

# Template parameters, as an office sets them when it deploys (the local stack reads the template).
BRAND = ["--parameter", "OfficeLogoPath=/favicon.svg", "--parameter", "BrandColour=#5a1e3c"]


@pytest.fixture(scope="module")
def branded() -> Iterator[RunningStack]:
    running = start_stack(*BRAND)
    yield running
    stop_stack(running)


def test_logo_colour_and_version_in_the_header_the_login_page_and_the_emails(browser: Browser, branded: RunningStack) -> None:
    context = browser.new_context(base_url=branded.url, locale="nl-NL", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto("/#/login")
        header = page.locator("#site-header")
        logo = header.get_by_role("img", name="Notariskantoor Demo")
        expect(logo).to_have_attribute("src", "/favicon.svg")
        assert header.evaluate("(node) => getComputedStyle(node).backgroundColor") == "rgb(90, 30, 60)"
        expect(page.get_by_text(f"Versie {__version__}")).to_be_visible()

        _, account = live.client(branded, name="Hanna Huisstijl")
        invitation = [m for m in branded.mails(account["email"]) if "activeren" in m["links"][0]][-1]
        assert f'<img src="{branded.url}/favicon.svg" alt="Notariskantoor Demo"' in invitation["html"]
        assert "background: #5a1e3c" in invitation["html"]

        live.sign_in(page, branded, account["email"])
        expect(header.get_by_role("link", name="Notariskantoor Demo").get_by_role("img")).to_have_attribute("src", "/favicon.svg")
        assert header.evaluate("(node) => getComputedStyle(node).backgroundColor") == "rgb(90, 30, 60)"
        expect(page).to_have_title(re.compile("Notariskantoor Demo"))
    finally:
        context.close()
