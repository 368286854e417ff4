"""Issue 16, point 3 in Chromium against the local stack: the status filter opens as a framed panel
anchored to its button; the toolbar (search field, button) does not move, at desktop and phone
width; Escape and a click elsewhere close it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import live_data as live

pytestmark = pytest.mark.e2e


def box(locator) -> dict:  # noqa: ANN001
    found = locator.bounding_box()
    assert found is not None
    return found


@pytest.mark.parametrize("width,height", [(1280, 800), (360, 740)])
def test_the_filter_panel_is_anchored_to_its_button_and_moves_nothing(page: Page, stack, width: int, height: int) -> None:
    _, account = live.client(stack, name="Tim Filter")
    live.dossier(stack, account, description="Levering Dorpsstraat 1 Utrecht")
    live.dossier(stack, account, description="Testament Tim", status="afgerond")
    page.set_viewport_size({"width": width, "height": height})
    live.sign_in(page, stack, account["email"])
    page.goto("/#/dossiers")
    search = page.get_by_role("searchbox", name="Zoek")
    button = page.get_by_role("button", name="Filter")
    expect(search).to_be_visible()
    search_before, button_before = box(search), box(button)

    button.click()
    panel = page.get_by_role("group", name="Toon alleen dossiers met de status")
    expect(panel).to_be_visible()
    assert box(search) == search_before, "the search field keeps its size and place"
    assert box(button) == button_before, "the button does not jump"
    framed = box(panel)
    assert framed["y"] >= button_before["y"] + button_before["height"] - 1, "the panel opens under its button"
    assert framed["y"] - (button_before["y"] + button_before["height"]) < 16, "right under it"
    assert abs((framed["x"] + framed["width"]) - (button_before["x"] + button_before["width"])) < 2, "aligned to the button"
    assert framed["x"] >= 0 and framed["x"] + framed["width"] <= width
    assert panel.evaluate("(node) => getComputedStyle(node).borderTopWidth") != "0px", "a framed panel"
    assert live.no_horizontal_scroll(page)

    rows = page.get_by_role("list", name="Uw dossiers").get_by_role("listitem")
    panel.get_by_label(re.compile("^Afgerond")).check()
    expect(rows).to_have_count(1)
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_contain_text("(1)")  # closed, the button still says a filter is on
    button.click()
    expect(panel).to_be_visible()
    page.get_by_role("heading", level=1).click()
    expect(panel).to_be_hidden()
    expect(rows).to_have_count(1)
