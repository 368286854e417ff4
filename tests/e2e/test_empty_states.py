"""Issue 16, point 13 in Chromium against the local stack: no dossiers is one sentence (no "0
dossiers", no search box); the unread pill does not push a row's status badge out of line; on the
phone the list follows the toolbar without a gap."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import live_data as live

pytestmark = pytest.mark.e2e


def test_no_dossiers_is_one_sentence(page: Page, stack) -> None:
    _, account = live.client(stack, name="Nina Leeg")
    live.sign_in(page, stack, account["email"])
    page.goto("/#/dossiers")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers")
    expect(page.get_by_text("U heeft nog geen dossiers.")).to_be_visible()
    expect(page.get_by_role("searchbox")).to_have_count(0)
    expect(page.get_by_text("U heeft 0 dossiers.")).to_have_count(0)


@pytest.mark.parametrize("width,height", [(1280, 800), (360, 740)])
def test_status_badges_stay_in_line_and_the_list_follows_the_toolbar(page: Page, stack, width: int, height: int) -> None:
    _, account = live.client(stack, name="Olaf Lijn")
    unread = live.dossier(stack, account, description="Levering Dorpsstraat 1 Utrecht")
    live.dossier(stack, account, description="Hypotheek Kerkweg 12 Zeist")
    live.dossier(stack, account, description="Testament Olaf", status="afgerond")
    live.publish(stack, unread["id"], title="Concept akte")
    page.set_viewport_size({"width": width, "height": height})
    live.sign_in(page, stack, account["email"])
    page.goto("/#/dossiers")
    rows = page.get_by_role("list", name="Uw dossiers").get_by_role("listitem")
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text="Dorpsstraat")).to_contain_text("1 ongelezen")
    if width >= 1024:
        lefts = {round(rows.nth(i).locator(".dossier-state .badge").bounding_box()["x"]) for i in range(3)}
        assert len(lefts) == 1, f"status badges at {lefts}"
    tools = page.locator(".list-tools").bounding_box()
    first = rows.first.bounding_box()
    assert first["y"] - (tools["y"] + tools["height"]) < 32, "no wide gap between the toolbar and the list"
    assert live.no_horizontal_scroll(page)
