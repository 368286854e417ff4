"""The signing appointment over HTTP against the local stack: staff set and move it with the CLI,
the party reads it and downloads its .ics through the gateway; a stranger gets 404."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime

import icalendar

from tests.support.clients import logged_in_client


def portal_admin(stack, *args: str) -> dict:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "portal_admin.cli", "--endpoint", stack.url + "/admin", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_staff_set_and_move_with_the_cli_and_the_party_adds_it_to_the_calendar(stack) -> None:
    client, account = logged_in_client(stack, name="Koper Afspraak")
    stranger, _ = logged_in_client(stack, name="Vreemde")
    dossier = stack.admin().post("/dossiers", {
        "number": f"IT-{uuid.uuid4().hex[:10]}", "description": "Levering Kerkstraat 2", "grant": [account["id"]]}).body
    set_ = portal_admin(stack, "appointments", "set", "--dossier", dossier["id"], "--at", "2030-03-28T10:30",
                        "--address", "Stationsplein 1, Utrecht", "--bring", "Een geldig paspoort of identiteitskaart")
    assert set_["sequence"] == 0 and set_["expected"][0]["party_id"] == account["id"]
    moved = portal_admin(stack, "appointments", "set", "--dossier", dossier["id"], "--at", "2030-04-01T10:30",
                         "--address", "Stationsplein 1, Utrecht")
    assert moved["uid"] == set_["uid"] and moved["sequence"] == 1

    shown = client.get(f"/api/dossiers/{dossier['id']}/appointment").json()["appointment"]
    assert (shown["starts_at"], shown["address"]) == ("2030-04-01T10:30", "Stationsplein 1, Utrecht")
    home = client.get("/api/appointments").json()["items"]
    assert [i["dossier_id"] for i in home] == [dossier["id"]]

    download = client.get(shown["ics"])
    assert download.status_code == 200 and download.headers["Content-Type"].startswith("text/calendar")
    assert download.headers["Content-Disposition"].startswith("attachment;")
    [event] = icalendar.Calendar.from_ical(download.content).walk("VEVENT")
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2030, 4, 1, 8, 30, tzinfo=UTC)  # summer time
    assert (event["UID"], int(event["SEQUENCE"])) == (set_["uid"], 1)

    assert stranger.get(f"/api/dossiers/{dossier['id']}/appointment").status_code == 404
    assert stranger.get(shown["ics"]).status_code == 404
    cancelled = portal_admin(stack, "appointments", "cancel", "--dossier", dossier["id"])
    assert cancelled["status"] == "cancelled"
    assert b"METHOD:CANCEL" in client.get(shown["ics"]).content
