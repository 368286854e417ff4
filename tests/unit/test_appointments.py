"""The signing appointment: staff set, move and cancel it; parties see it, add it to their calendar,
and hear of it in the digest (never where it is); a reminder two days before."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import pytest
from portal.appointments import ics, reminders, scheduling, times
from portal.notifications import digest
from portal.notifications.models import PENDING, PendingNotification
from portal.platform.errors import Invalid

from tests.support.clients import active_account, call, new_dossier, session_headers
from tests.unit.conftest import LambdaContext, api_event, load_handler, mails

WHO = {"actor": "staff-test", "source_ip": "192.0.2.1"}
OFFICE = "Kantoor Stationsplein 1, 3511 ED Utrecht; 2e verdieping"


@pytest.fixture(scope="module")
def client_api():
    return load_handler("client/appointments")


@pytest.fixture(scope="module")
def admin_api():
    return load_handler("admin/appointments")


def ics_of(api, account, dossier_id) -> tuple[int, dict, bytes]:
    event = api_event("GET", f"/api/dossiers/{dossier_id}/appointment/ics", headers=session_headers(account))
    response = api.lambda_handler(event, LambdaContext())
    headers = {**{k: v[0] for k, v in (response.get("multiValueHeaders") or {}).items()}, **response["headers"]}
    return response["statusCode"], headers, (response.get("body") or "").encode("utf-8")


def event_of(data: bytes) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return event


def pending_kinds(account_id: str) -> list[str]:
    return [n.kind for n in PendingNotification.pending.query(PENDING) if n.recipient == account_id]


def test_ics_imports_with_the_right_local_time_on_both_sides_of_a_dst_change(aws, fake_clock, client_api) -> None:
    fake_clock.current = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)  # winter time, the change is on 29 March
    jan = active_account()
    dossier = new_dossier(jan)["id"]
    scheduling.schedule(dossier, starts_at="2026-03-30T10:30", address=OFFICE, **WHO)
    status, headers, body = ics_of(client_api, jan, dossier)
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    assert headers["Content-Disposition"].startswith("attachment;")
    event = event_of(body)
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 3, 30, 8, 30, tzinfo=UTC)  # CEST, +02:00
    assert event.decoded("DTSTART").strftime("%H:%M") == "10:30"
    scheduling.schedule(dossier, starts_at="2026-10-26T10:30", address=OFFICE, **WHO)
    event = event_of(ics_of(client_api, jan, dossier)[2])
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 26, 9, 30, tzinfo=UTC)  # CET, +01:00


def test_an_appointment_over_the_spring_change_ends_after_the_minutes_that_passed(aws, fake_clock) -> None:
    fake_clock.current = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
    jan = active_account()
    dossier = new_dossier(jan)["id"]
    shown = scheduling.schedule(dossier, starts_at="2026-03-29T01:30", duration_minutes=60, address=OFFICE, **WHO)
    assert shown["ends_at"] == "2026-03-29T03:30"  # 02:00 to 03:00 does not exist that night
    with pytest.raises(Invalid) as refused:
        scheduling.schedule(dossier, starts_at="2026-03-29T02:30", address=OFFICE, **WHO)
    assert refused.value.code == "appointment_time_invalid"


def test_uid_stays_sequence_grows_on_a_move_and_a_cancel_is_a_cancel(aws, fake_clock, client_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)["id"]
    scheduling.schedule(dossier, starts_at="2027-03-11T10:30", address=OFFICE, **WHO)
    first = event_of(ics_of(client_api, jan, dossier)[2])
    scheduling.schedule(dossier, starts_at="2027-03-11T10:30", address=OFFICE, bring="Paspoort", **WHO)
    same_place = event_of(ics_of(client_api, jan, dossier)[2])
    scheduling.schedule(dossier, starts_at="2027-03-12T14:00", address=OFFICE, **WHO)
    moved_data = ics_of(client_api, jan, dossier)[2]
    moved = event_of(moved_data)
    assert first["UID"] == same_place["UID"] == moved["UID"]
    assert (int(first["SEQUENCE"]), int(same_place["SEQUENCE"]), int(moved["SEQUENCE"])) == (0, 0, 1)
    scheduling.cancel(dossier, **WHO)
    cancelled_data = ics_of(client_api, jan, dossier)[2]
    calendar = icalendar.Calendar.from_ical(cancelled_data)
    cancelled = event_of(cancelled_data)
    assert calendar["METHOD"] == "CANCEL" and cancelled["STATUS"] == "CANCELLED"
    assert cancelled["UID"] == first["UID"] and int(cancelled["SEQUENCE"]) == 2
    assert b"METHOD:PUBLISH" in moved_data


def test_ics_lines_are_crlf_folded_at_75_octets_and_text_is_escaped(aws, fake_clock, client_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)["id"]
    bring = "Een geldig paspoort of identiteitskaart; bankpas, en uw één " + "ß" * 60
    scheduling.schedule(dossier, starts_at="2027-03-11T10:30", address=OFFICE, bring=bring, **WHO)
    data = ics_of(client_api, jan, dossier)[2]
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert b"LOCATION:Kantoor Stationsplein 1\\, 3511 ED Utrecht\\; 2e verdieping" in data.replace(b"\r\n ", b"")
    event = event_of(data)
    assert str(event["LOCATION"]) == OFFICE
    assert bring in str(event["DESCRIPTION"]) and "\n" in str(event["DESCRIPTION"])


def test_fold_never_splits_a_character() -> None:
    folded = ics.fold("DESCRIPTION:" + "é" * 100).encode("utf-8")
    for line in folded.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is whole UTF-8


def test_parties_see_the_appointment_a_party_not_expected_and_a_stranger_do_not(aws, fake_clock, client_api) -> None:
    jan, piet, stranger = active_account(), active_account(name="Piet Bakker"), active_account(name="Els")
    dossier = new_dossier(jan, piet)["id"]
    scheduling.schedule(dossier, starts_at="2027-03-11T10:30", place_kind="video",
                        video_link="https://meet.example/abc", expected=[jan.id], **WHO)
    status, body = call(client_api, "GET", f"/api/dossiers/{dossier}/appointment", session_headers(jan))
    assert status == 200 and body["appointment"]["video_link"] == "https://meet.example/abc"
    assert body["appointment"]["expected"] == ["Jan de Vries"]
    status, body = call(client_api, "GET", f"/api/dossiers/{dossier}/appointment", session_headers(piet))
    assert (status, body) == (200, {"appointment": None})
    assert ics_of(client_api, piet, dossier)[0] == 404
    assert call(client_api, "GET", f"/api/dossiers/{dossier}/appointment", session_headers(stranger))[0] == 404
    assert ics_of(client_api, stranger, dossier)[0] == 404


def test_home_lists_upcoming_appointments_soonest_first_and_forgets_a_revoked_dossier(aws, fake_clock, client_api) -> None:
    from portal.composed import access

    jan = active_account()
    later, sooner = new_dossier(jan)["id"], new_dossier(jan)["id"]
    scheduling.schedule(later, starts_at="2027-04-01T09:00", address=OFFICE, **WHO)
    scheduling.schedule(sooner, starts_at="2027-03-12T10:30", place_kind="video", video_link="https://v.example/x", **WHO)
    status, body = call(client_api, "GET", "/api/appointments", session_headers(jan))
    assert status == 200 and [i["dossier_id"] for i in body["items"]] == [sooner, later]
    assert "video_link" not in body["items"][0]
    access.revoke(later, jan.id, **WHO)
    assert [i["dossier_id"] for i in call(client_api, "GET", "/api/appointments", session_headers(jan))[1]["items"]] == [sooner]
    scheduling.cancel(sooner, **WHO)
    assert call(client_api, "GET", "/api/appointments", session_headers(jan))[1]["items"] == []


def test_digest_announces_new_and_moved_without_place_or_link(aws, fake_clock) -> None:
    jan = active_account()
    dossier = new_dossier(jan)["id"]
    scheduling.schedule(dossier, starts_at="2027-03-11T10:30", place_kind="video", video_link="https://meet.example/secret", **WHO)
    scheduling.schedule(dossier, starts_at="2027-03-11T10:30", place_kind="video", video_link="https://meet.example/secret",
                        bring="ID", **WHO)  # no news: the same time and place
    assert pending_kinds(jan.id) == ["appointment"]
    digest.run()
    scheduling.schedule(dossier, starts_at="2027-03-12T11:00", place_kind="video", video_link="https://meet.example/secret", **WHO)
    assert pending_kinds(jan.id) == ["appointment_moved"]
    digest.run()
    texts = [m["text"] + m["html"] for m in mails(jan.email)]
    assert "1 nieuwe afspraak" in texts[0] and "1 gewijzigde afspraak" in texts[1]
    assert not any("meet.example" in t or "secret" in t for t in texts)


def test_reminder_goes_out_two_days_before_once_and_not_after_a_cancel(aws, fake_clock) -> None:
    jan, els = active_account(), active_account(name="Els")
    dossier, other = new_dossier(jan)["id"], new_dossier(els)["id"]
    scheduling.schedule(dossier, starts_at="2026-12-10T10:30", address=OFFICE, **WHO)  # 09:30 UTC
    scheduling.schedule(other, starts_at="2026-12-10T10:30", address=OFFICE, **WHO)
    scheduling.cancel(other, **WHO)
    digest.run()
    fake_clock.current = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
    assert reminders.announce_due() == 0
    fake_clock.current = datetime(2026, 12, 8, 9, 31, tzinfo=UTC)
    assert reminders.announce_due() == 1
    assert reminders.announce_due() == 0
    assert pending_kinds(jan.id) == ["appointment_reminder"] and pending_kinds(els.id) == []
    digest.run()
    assert "herinnering aan uw afspraak over twee dagen" in mails(jan.email)[-1]["text"]


def test_the_appointments_switch_silences_appointment_news_and_the_documents_switch_does_not(aws, fake_clock) -> None:
    from portal.accounts.models import Account

    jan, els = active_account(), active_account(name="Els")
    jan.update(actions=[Account.notify_appointments.set(False)])
    els.update(actions=[Account.notify_documents.set(False)])
    scheduling.schedule(new_dossier(jan)["id"], starts_at="2027-03-11T10:30", address=OFFICE, **WHO)
    scheduling.schedule(new_dossier(els)["id"], starts_at="2027-03-11T11:30", address=OFFICE, **WHO)
    report = digest.run()
    assert report.emails_sent == 1 and report.notifications_dropped == 1 and mails(jan.email) == []
    assert "afspraak" in mails(els.email)[-1]["text"].lower()


def test_staff_api_refuses_bad_input_with_stable_codes(aws, fake_clock, admin_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)["id"]
    path = f"/admin/dossiers/{dossier}/appointment"
    cases = [
        ({"starts_at": "12-03-2027 10:30", "address": OFFICE}, "appointment_time_invalid"),
        ({"starts_at": "2026-01-01T10:30", "address": OFFICE}, "appointment_in_past"),
        ({"starts_at": "2027-03-11T10:30"}, "appointment_address_required"),
        ({"starts_at": "2027-03-11T10:30", "place_kind": "video", "video_link": "javascript:alert(1)"},
         "appointment_video_link_invalid"),
        ({"starts_at": "2027-03-11T10:30", "address": OFFICE, "expected": [active_account().id]},
         "appointment_party_not_in_dossier"),
    ]
    for body, code in cases:
        status, answer = call(admin_api, "PUT", path, body=body)
        assert (status, answer["code"]) == (422, code), body
    assert call(admin_api, "GET", path)[1]["code"] == "appointment_not_found"
    status, shown = call(admin_api, "PUT", path, body={"starts_at": "2027-03-11T10:30", "address": OFFICE})
    assert status == 200 and shown["starts_at"] == "2027-03-11T10:30" and shown["time_zone"] == "Europe/Amsterdam"
    assert shown["reminder_due_at"] == "2027-03-09T09:30:00+00:00"
    status, cancelled = call(admin_api, "DELETE", path)
    assert status == 200 and cancelled["status"] == "cancelled" and cancelled["reminder_due_at"] is None
    assert call(admin_api, "GET", "/admin/dossiers/not-an-id/appointment")[0] == 404


def test_times_parse_wall_time_in_amsterdam() -> None:
    assert times.parse_local("2027-07-01T10:30").utcoffset().total_seconds() == 7200
    assert times.parse_local("2027-01-01T10:30").utcoffset().total_seconds() == 3600


def test_the_demo_data_has_an_appointment_and_a_draft_for_approval(aws, fake_clock) -> None:
    from portal.approvals import requesting
    from portal_local import demo

    demo.SEEDED.clear()
    demo.seed()
    transfer = demo.SEEDED["dossier_transfer"]
    shown = scheduling.show(transfer)
    assert shown["status"] == "scheduled" and shown["starts_at"].endswith("T10:30") and len(shown["expected"]) == 2
    assert [p["state"] for p in requesting.state(transfer)["parties"]] == ["waiting"]
