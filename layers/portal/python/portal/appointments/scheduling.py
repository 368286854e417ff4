"""Staff set, move and cancel a dossier's signing appointment (admin API and CLI).

The appointment and every expected party's copy are written in one transaction with the news for
the digest (new, moved, cancelled): the announcement never tells the place or the video link, only
that there is news in the dossier. A move bumps the calendar SEQUENCE and keeps the UID.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any
from urllib.parse import urlsplit

from portal.accounts.lookup import by_id
from portal.appointments import times
from portal.appointments.models import (
    APPOINTMENT,
    CANCELLED,
    OFFICE,
    REMINDERS,
    SCHEDULED,
    VIDEO,
    Appointment,
    PartyAppointment,
    load,
    party_sk,
)
from portal.audit import trail
from portal.dossiers import registry
from portal.dossiers.models import dossier_key, is_id, party_key
from portal.notifications import events
from portal.platform import clock, ids
from portal.platform.db import transaction
from portal.platform.errors import Invalid, NotFound
from portal.platform.races import retry_lost_races

NEW, MOVED, CANCELLED_NEWS, REMINDER = "appointment", "appointment_moved", "appointment_cancelled", "appointment_reminder"
MIN_MINUTES, MAX_MINUTES = 15, 480


def _video_link(value: str | None) -> str:
    parts = urlsplit(value or "")
    if parts.scheme != "https" or not parts.netloc or len(value or "") > 500:
        raise Invalid("appointment_video_link_invalid")
    return value or ""


def _place(place_kind: str, address: str | None, video_link: str | None) -> tuple[str | None, str | None]:
    if place_kind == OFFICE:
        if not (address or "").strip():
            raise Invalid("appointment_address_required")
        return registry.clean_text(address or "", "address", 300), None
    if place_kind == VIDEO:
        return None, _video_link(video_link)
    raise Invalid("appointment_place_invalid")


def _expected(dossier_parties: list[str], account_ids: list[str] | None) -> list[str]:
    if not account_ids:
        return list(dossier_parties)
    parties = registry.parties_of(account_ids)
    if any(p not in dossier_parties for p in parties):
        raise Invalid("appointment_party_not_in_dossier")
    return parties


def _names(parties: list[str]) -> list[str]:
    names = []
    for party in parties:
        try:
            account = by_id(party)
        except NotFound:
            continue
        names.append(account.company_name or account.name)
    return names


def _remind_at(appointment: Appointment) -> str | None:
    """When the reminder is due; none when the appointment is closer than that already."""
    due = times.from_utc(appointment.starts_utc) - times.REMINDER_BEFORE
    return due.astimezone(UTC).isoformat() if due > clock.now() else None


def _copy(appointment: Appointment, party: str) -> PartyAppointment:
    return PartyAppointment(
        pk=party_key(party), sk=party_sk(appointment.dossier_id), dossier_id=appointment.dossier_id,
        dossier_number=appointment.dossier_number, dossier_description=appointment.dossier_description,
        starts_at=appointment.starts_at, starts_utc=appointment.starts_utc,
        duration_minutes=appointment.duration_minutes, place_kind=appointment.place_kind,
        address=appointment.address, status=appointment.status,
    )


def schedule(
    dossier_id: str, *, starts_at: str, duration_minutes: int = 60, place_kind: str = OFFICE,
    address: str | None = None, video_link: str | None = None, expected: list[str] | None = None,
    bring: str | None = None, actor: str, source_ip: str,
) -> dict[str, Any]:
    """Set the appointment, or move it (a new time or place): the same UID, the next SEQUENCE."""
    if not is_id(dossier_id):
        raise NotFound("dossier_not_found")
    start = times.parse_local(starts_at)
    if start <= clock.now():
        raise Invalid("appointment_in_past")
    if not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        raise Invalid("appointment_duration_invalid", detail={"min": MIN_MINUTES, "max": MAX_MINUTES})
    address, video_link = _place(place_kind, address, video_link)
    bring = registry.clean_text(bring, "bring", 500) if bring and bring.strip() else None

    def attempt() -> Appointment:
        dossier = registry.load(dossier_id)
        parties = _expected(list(dossier.parties or []), expected)
        if not parties:
            raise Invalid("appointment_no_parties")
        previous = load(dossier_id)
        now = clock.now().isoformat()
        appointment = previous or Appointment(
            pk=dossier_key(dossier_id), sk=APPOINTMENT, uid=f"{ids.new_id()}@appointments.portal",
            dossier_id=dossier_id, created_at=now, sequence=0,
        )
        was = (previous.starts_utc, previous.place_kind, previous.address, previous.video_link,
               previous.status) if previous else None
        appointment.dossier_number, appointment.dossier_description = dossier.number, dossier.description
        appointment.starts_at = times.local_text(start)
        appointment.starts_utc = start.astimezone(UTC).isoformat()
        appointment.duration_minutes = duration_minutes
        appointment.place_kind, appointment.address, appointment.video_link = place_kind, address, video_link
        appointment.expected, appointment.expected_names = parties, _names(parties)
        appointment.bring, appointment.status = bring, SCHEDULED
        appointment.updated_at, appointment.updated_by = now, actor
        news = NEW if not previous or previous.status == CANCELLED else None
        if previous and was != (appointment.starts_utc, place_kind, address, video_link, SCHEDULED):
            appointment.sequence = int(previous.sequence or 0) + 1
            news = news or MOVED
        remind_at = _remind_at(appointment)
        appointment.gsi2pk = REMINDERS if remind_at else None
        appointment.gsi2sk = f"{remind_at}#{dossier_id}" if remind_at else None
        dropped = [p for p in (previous.expected if previous else []) if p not in parties]
        label = f"{dossier.number} {dossier.description}"
        audit = trail.entry("appointment_set", actor=actor, subject=dossier_id, source_ip=source_ip,
                            starts_at=appointment.starts_at, sequence=str(appointment.sequence))
        with transaction() as write:
            write.save(appointment)
            for party in parties:
                write.save(_copy(appointment, party))
            for party in dropped:
                write.delete(PartyAppointment(pk=party_key(party), sk=party_sk(dossier_id)))
            if news:
                for pending in events.for_parties(parties, kind=news, dossier_id=dossier_id, dossier_label=label):
                    write.save(pending)
            write.save(audit, condition=type(audit).pk.does_not_exist())
        return appointment

    return staff_view(retry_lost_races(attempt))


def cancel(dossier_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    """Cancel: the parties keep seeing it as cancelled, and its .ics becomes a CANCEL."""
    if not is_id(dossier_id):
        raise NotFound("dossier_not_found")

    def attempt() -> Appointment:
        appointment = load(dossier_id)
        if appointment is None:
            raise NotFound("appointment_not_found")
        if appointment.status == CANCELLED:
            return appointment
        appointment.status = CANCELLED
        appointment.sequence = int(appointment.sequence or 0) + 1
        appointment.updated_at, appointment.updated_by = clock.now().isoformat(), actor
        appointment.gsi2pk = appointment.gsi2sk = None
        label = f"{appointment.dossier_number} {appointment.dossier_description}"
        audit = trail.entry("appointment_cancelled", actor=actor, subject=dossier_id, source_ip=source_ip)
        with transaction() as write:
            write.save(appointment)
            for party in appointment.expected:
                write.save(_copy(appointment, party))
            for pending in events.for_parties(appointment.expected, kind=CANCELLED_NEWS, dossier_id=dossier_id,
                                              dossier_label=label):
                write.save(pending)
            write.save(audit, condition=type(audit).pk.does_not_exist())
        return appointment

    return staff_view(retry_lost_races(attempt))


def show(dossier_id: str) -> dict[str, Any]:
    appointment = load(dossier_id) if is_id(dossier_id) else None
    if appointment is None:
        raise NotFound("appointment_not_found")
    return staff_view(appointment)


def staff_view(appointment: Appointment) -> dict[str, Any]:
    end = times.end_of(appointment.starts_utc, int(appointment.duration_minutes))
    return {
        "dossier_id": appointment.dossier_id, "uid": appointment.uid, "status": appointment.status,
        "sequence": int(appointment.sequence or 0), "starts_at": appointment.starts_at,
        "ends_at": times.local_text(end), "time_zone": "Europe/Amsterdam",
        "duration_minutes": int(appointment.duration_minutes), "place_kind": appointment.place_kind,
        "address": appointment.address, "video_link": appointment.video_link,
        "expected": [{"party_id": p, "name": n} for p, n in zip(appointment.expected, appointment.expected_names, strict=False)],
        "bring": appointment.bring, "updated_at": appointment.updated_at,
        "reminder_due_at": appointment.gsi2sk.split("#")[0] if appointment.gsi2sk else None,
    }
