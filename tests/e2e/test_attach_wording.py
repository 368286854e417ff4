"""Issue 16, point 14 (the attachment dialog) in Chromium against the local stack: on a touch
screen the dialog does not ask to drag files; while files upload, the Upload button says so and is
inactive (it takes no second click)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Route, expect

from tests.e2e import live_data as live
from tests.e2e.test_messages_screens import dossier_with_office_message, messages_tab

pytestmark = pytest.mark.e2e


def test_touch_screens_are_not_asked_to_drag_and_upload_is_inactive_while_uploading(browser: Browser, stack: Any, tmp_path) -> None:
    _, account, dossier, _ = dossier_with_office_message(stack, name="Tara Tik")
    context = browser.new_context(base_url=stack.url, locale="nl-NL", viewport={"width": 360, "height": 740},
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    held: list[Route] = []

    def hold_s3_posts(route: Route) -> None:
        if route.request.method == "POST" and "/api/" not in route.request.url:
            held.append(route)  # the file's way to S3 waits until the test lets it go
        else:
            route.fallback()

    try:
        live.sign_in(page, stack, account["email"])
        messages_tab(page, dossier)
        page.get_by_role("button", name="Nieuw bericht").click()
        page.get_by_role("region", name="Nieuw bericht").get_by_role("button", name="Bijlagen").click()
        dialog = page.get_by_role("dialog", name="Bijlagen toevoegen")
        expect(dialog).to_contain_text("Kies de bestanden op uw apparaat.")
        expect(dialog).not_to_contain_text("Sleep bestanden")

        scan = tmp_path / "akte.pdf"
        scan.write_bytes(live.PDF)
        page.route("**/*", hold_s3_posts)
        with page.expect_file_chooser() as chooser:
            dialog.get_by_role("button", name="Bladeren").click()
        chooser.value.set_files(str(scan))
        dialog.get_by_role("button", name="Upload 1 bestand").click()
        busy = dialog.get_by_role("button", name="Bezig met uploaden…")
        expect(busy).to_have_attribute("aria-disabled", "true")
        expect(dialog.get_by_role("button", name="Upload 1 bestand")).to_have_count(0)
        for _ in range(200):  # the offer comes first, then the file's POST to S3 is held
            if held:
                break
            page.wait_for_timeout(100)
        assert held, "the upload is on its way"
        expect(busy).to_have_attribute("aria-disabled", "true")  # still, while the file is held
        for route in held:
            route.continue_()
        page.unroute("**/*", hold_s3_posts)
        expect(dialog).to_be_hidden(timeout=20_000)
        attached = page.get_by_role("region", name="Nieuw bericht").get_by_role("list", name="Bijlagen").get_by_role("listitem")
        expect(attached).to_have_count(1)
    finally:
        context.close()


def test_annuleer_during_an_upload_keeps_the_files_that_already_arrived(browser: Browser, stack: Any, tmp_path) -> None:
    """Issue 16.14: Annuleer while a second file is still on its way stops that one; the first,
    already uploaded and checked, stays attached to the message (before: both were dropped).

    The two uploads run side by side, so which one reaches S3 first is the browser's choice: the
    test holds whichever comes second and expects the other one attached."""
    _, account, dossier, _ = dossier_with_office_message(stack, name="Anouk Annuleer")
    context = browser.new_context(base_url=stack.url, locale="nl-NL")
    page = context.new_page()
    seen: list[Route] = []

    def hold_the_second_s3_post(route: Route) -> None:
        if route.request.method == "POST" and "/api/" not in route.request.url:
            seen.append(route)
            if len(seen) == 1:
                route.fallback()  # the first file goes through
            # the second waits (held) until the test lets it go
        else:
            route.fallback()

    try:
        live.sign_in(page, stack, account["email"])
        messages_tab(page, dossier)
        page.get_by_role("button", name="Nieuw bericht").click()
        compose = page.get_by_role("region", name="Nieuw bericht")
        compose.get_by_role("button", name="Bijlagen").click()
        dialog = page.get_by_role("dialog", name="Bijlagen toevoegen")
        first, second = tmp_path / "eerste.pdf", tmp_path / "tweede.pdf"
        first.write_bytes(live.PDF)
        second.write_bytes(live.PDF)
        page.route("**/*", hold_the_second_s3_post)
        with page.expect_file_chooser() as chooser:
            dialog.get_by_role("button", name="Bladeren").click()
        chooser.value.set_files([str(first), str(second)])
        dialog.get_by_role("button", name="Upload 2 bestanden").click()
        done = dialog.locator("li.is-done")
        expect(done).to_have_count(1, timeout=20_000)  # one arrived
        assert len(seen) == 2, "the other file is held on its way"
        arrived = "eerste.pdf" if "eerste.pdf" in done.inner_text() else "tweede.pdf"
        held = "tweede.pdf" if arrived == "eerste.pdf" else "eerste.pdf"
        dialog.get_by_role("button", name="Annuleer").click()
        expect(dialog).to_be_hidden()
        attached = compose.get_by_role("list", name="Bijlagen").get_by_role("listitem")
        expect(attached).to_have_count(1)
        expect(attached).to_contain_text(arrived)
        expect(attached).not_to_contain_text(held)
        seen[1].continue_()
        page.unroute("**/*", hold_the_second_s3_post)
        page.wait_for_load_state("networkidle")
        expect(attached).to_have_count(1)  # the second, arriving after Annuleer, is not attached
    finally:
        context.close()
