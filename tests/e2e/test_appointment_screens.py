"""The signing appointment in Chromium against the local stack: Home's line, the dossier page's
section, "Zet in agenda" downloading an .ics that imports at the right local time, in Dutch and in
English; a party of the dossier who is not expected sees nothing of it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Page, expect

from tests.e2e import live_data as live

pytestmark = pytest.mark.e2e


def schedule(stack, dossier_id: str, **body) -> dict:
    answer = stack.admin().put(f"/dossiers/{dossier_id}/appointment", body)
    assert answer.ok, answer.body
    return answer.body


def test_home_line_dossier_section_and_zet_in_agenda_in_dutch(page: Page, stack) -> None:
    _, buyer = live.client(stack, name="Koper Passeren")
    _, seller = live.client(stack, name="Verkoper Passeren")
    dossier = live.dossier(stack, buyer, seller, description="Levering Passeerstraat 4 Utrecht")
    schedule(stack, dossier["id"], starts_at="2030-04-04T10:30", address="Stationsplein 1, Utrecht",
             expected=[buyer["id"]], bring="Een geldig paspoort of identiteitskaart")

    live.sign_in(page, stack, buyer["email"])
    line = page.get_by_role("link", name=re.compile("^Uw afspraak:"))
    expect(line).to_have_text("Uw afspraak: donderdag 4 april, 10:30, Stationsplein 1, Utrecht")
    line.click()
    section = page.get_by_role("region", name="Passeerafspraak")
    expect(section).to_contain_text("donderdag 4 april 2030, 10:30 – 11:30 uur")
    expect(section).to_contain_text("Meenemen")
    expect(section).to_contain_text("Een geldig paspoort of identiteitskaart")
    expect(section).to_contain_text("Koper Passeren")
    with page.expect_download() as waiting:
        section.get_by_role("link", name="Zet in agenda").click()
    data = Path(waiting.value.path()).read_bytes()
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2030, 4, 4, 8, 30, tzinfo=UTC)  # 10:30 CEST
    assert str(event["LOCATION"]) == "Stationsplein 1, Utrecht"
    assert live.console_errors(page) == []

    live.logout(page)
    live.sign_in(page, stack, seller["email"])  # a party of the dossier, not expected at the signing
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    expect(page.get_by_role("link", name=re.compile("^Uw afspraak:"))).to_have_count(0)
    page.goto(f"/#/dossiers/{dossier['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Levering Passeerstraat 4 Utrecht")
    expect(page.get_by_role("region", name="Passeerafspraak")).to_have_count(0)


def test_english_video_appointment_and_a_cancellation(page: Page, stack) -> None:
    _, client = live.client(stack, name="Emma Clark", language="en")
    dossier = live.dossier(stack, client, description="Transfer Canal Street 9")
    schedule(stack, dossier["id"], starts_at="2030-11-07T14:00", place_kind="video",
             video_link="https://video.example/room-42", duration_minutes=45)
    live.login(page, client["email"], english=True)
    expect(page.get_by_role("link", name=re.compile("^Your appointment:"))).to_have_text(
        "Your appointment: Thursday 7 November, 14:00, Video call")
    page.goto(f"/#/dossiers/{dossier['id']}")
    section = page.get_by_role("region", name="Signing appointment")
    expect(section).to_contain_text("Thursday, 7 November 2030, 14:00 – 14:45")
    expect(section.get_by_role("link", name="Open the video link")).to_have_attribute("href", "https://video.example/room-42")
    assert stack.admin().delete(f"/dossiers/{dossier['id']}/appointment").ok
    page.reload()
    expect(section).to_contain_text("This appointment has been cancelled.")
    with page.expect_download() as waiting:
        section.get_by_role("link", name="Remove from calendar").click()
    assert b"METHOD:CANCEL" in Path(waiting.value.path()).read_bytes()
    page.goto("/#/home")
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    expect(page.get_by_role("link", name=re.compile("^Your appointment:"))).to_have_count(0)
    assert live.console_errors(page) == []
