"""What a client sees of appointments: the dossier's (only an expected party), Home's list, the .ics.

Every read goes through the caller's grant first (a revoked party sees nothing, answered as 404),
and a party of the dossier who is not expected sees no appointment at all.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from portal.accounts.sessions import Principal
from portal.appointments import ics, times
from portal.appointments.models import CANCELLED, SCHEDULED, VIDEO, Appointment, PartyAppointment, load
from portal.dossiers.authorization import grant_for
from portal.dossiers.models import get_many, grant_sk, party_key
from portal.platform import clock
from portal.platform.errors import NotFound
from portal.platform.settings import get_settings

HOME_LIMIT = 5
TEXTS = {
    "nl": {"summary": "Passeren akte, dossier {number}", "video": "Videogesprek", "bring": "Meenemen: {bring}",
           "link": "Videolink: {link}", "about": "Dossier {number}: {description}"},
    "en": {"summary": "Signing of the deed, dossier {number}", "video": "Video call", "bring": "Please bring: {bring}",
           "link": "Video link: {link}", "about": "Dossier {number}: {description}"},
}


def _visible(caller: Principal, dossier_id: str, source_ip: str) -> Appointment | None:
    grant_for(caller, dossier_id, source_ip=source_ip)
    appointment = load(dossier_id)
    if appointment is None or caller.party_id not in (appointment.expected or []):
        return None
    return appointment


def _view(appointment: Appointment) -> dict[str, Any]:
    end = times.end_of(appointment.starts_utc, int(appointment.duration_minutes))
    return {
        "dossier_id": appointment.dossier_id, "status": appointment.status,
        "starts_at": appointment.starts_at, "ends_at": times.local_text(end), "time_zone": "Europe/Amsterdam",
        "duration_minutes": int(appointment.duration_minutes), "place_kind": appointment.place_kind,
        "address": appointment.address, "video_link": appointment.video_link,
        "expected": list(appointment.expected_names or []), "bring": appointment.bring,
        "sequence": int(appointment.sequence or 0), "ics": f"/api/dossiers/{appointment.dossier_id}/appointment/ics",
    }


def from_raw(raw: dict[str, Any], party_id: str) -> dict[str, Any] | None:
    """The dossier page's appointment, from the item its one BatchGetItem read (the grant is proven there)."""
    appointment = Appointment.from_raw_data(raw)
    return _view(appointment) if party_id in (appointment.expected or []) else None


def for_dossier(caller: Principal, dossier_id: str, *, source_ip: str) -> dict[str, Any]:
    appointment = _visible(caller, dossier_id, source_ip)
    return {"appointment": _view(appointment) if appointment else None}


def upcoming(caller: Principal) -> dict[str, Any]:
    """Home: the party's scheduled appointments still to come, soonest first. One query for the
    copies and one batch read of the grants, whatever the number of dossiers."""
    copies = upcoming_copies(caller)
    if not copies:
        return {"items": []}
    granted = {sk for _, sk in get_many([(party_key(caller.party_id), grant_sk(c.dossier_id)) for c in copies])}
    return {"items": upcoming_view(copies, granted)}


def upcoming_copies(caller: Principal) -> list[PartyAppointment]:
    """The party's scheduled appointments still to come, before the grant check (one query)."""
    copies = PartyAppointment.query(party_key(caller.party_id), PartyAppointment.sk.startswith("APPOINTMENT#"))
    now = clock.now()
    return [c for c in copies if c.status == SCHEDULED and times.from_utc(c.starts_utc) > now][:100]


def upcoming_view(copies: list[PartyAppointment], granted: Collection[str]) -> list[dict[str, Any]]:
    """Home's lines, soonest first, for dossiers the party still holds a grant for (``granted``:
    their grant sort keys)."""
    items = [
        {
            "dossier_id": c.dossier_id, "dossier_number": c.dossier_number, "description": c.dossier_description,
            "starts_at": c.starts_at, "duration_minutes": int(c.duration_minutes), "place_kind": c.place_kind,
            "address": c.address,
        }
        for c in sorted(copies, key=lambda c: c.starts_utc)
        if grant_sk(c.dossier_id) in granted
    ]
    return items[:HOME_LIMIT]


def calendar_file(caller: Principal, dossier_id: str, *, language: str, source_ip: str) -> tuple[str, bytes]:
    """The .ics for "Zet in agenda": (file name, bytes)."""
    appointment = _visible(caller, dossier_id, source_ip)
    if appointment is None:
        raise NotFound("appointment_not_found")
    return f"afspraak-{appointment.dossier_number}.ics".replace(" ", "-"), calendar_bytes(appointment, language)


def calendar_bytes(appointment: Appointment, language: str) -> bytes:
    texts = TEXTS.get(language, TEXTS["nl"])
    start = times.from_utc(appointment.starts_utc)
    lines = [texts["about"].format(number=appointment.dossier_number, description=appointment.dossier_description)]
    if appointment.place_kind == VIDEO:
        lines.append(texts["link"].format(link=appointment.video_link))
    if appointment.bring:
        lines.append(texts["bring"].format(bring=appointment.bring))
    settings = get_settings()
    return ics.calendar(ics.Event(
        uid=appointment.uid, sequence=int(appointment.sequence or 0),
        stamp=clock.now(), start=start, end=times.end_of(appointment.starts_utc, int(appointment.duration_minutes)),
        summary=texts["summary"].format(number=appointment.dossier_number),
        location=appointment.video_link if appointment.place_kind == VIDEO else (appointment.address or ""),
        description="\n".join(lines), organizer_name=settings.office_name, organizer_email=settings.staff_email,
        cancelled=appointment.status == CANCELLED,
    ))

