"""Signing appointments (passeerafspraak) in the portal table.

Key scheme (one appointment per dossier; ids are ULIDs)::

    pk                   sk                      item
    DOSSIER#<id>         APPOINTMENT             Appointment: when, where, who is expected, what to bring,
                                                 its calendar UID and SEQUENCE, scheduled or cancelled
    PARTY#<party>        APPOINTMENT#<dossier>   PartyAppointment: an expected party's copy (no video
                                                 link), so Home lists a party's appointments in one query
    gsi2: APPOINTMENT#REMINDERS / <remind_at>#<dossier>   sparse, while the reminder two days before
                                                 is still to be announced; the digest job reads it
"""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.exceptions import DoesNotExist

from portal.platform.db import Gsi2, PortalModel

APPOINTMENT = "APPOINTMENT"
REMINDERS = "APPOINTMENT#REMINDERS"
SCHEDULED, CANCELLED = "scheduled", "cancelled"
OFFICE, VIDEO = "office", "video"


def party_sk(dossier_id: str) -> str:
    return f"APPOINTMENT#{dossier_id}"


class Appointment(PortalModel):
    uid = UnicodeAttribute()  # the calendar UID: the same for every change of this appointment
    dossier_id = UnicodeAttribute()
    dossier_number = UnicodeAttribute()
    dossier_description = UnicodeAttribute()
    starts_at = UnicodeAttribute()  # local wall time in Europe/Amsterdam, "2026-03-12T10:30"
    starts_utc = UnicodeAttribute()  # the same instant in UTC, ISO 8601
    duration_minutes = NumberAttribute()
    place_kind = UnicodeAttribute()  # office | video
    address = UnicodeAttribute(null=True)
    video_link = UnicodeAttribute(null=True)
    expected = ListAttribute(of=UnicodeAttribute, default=list)  # party ids
    expected_names = ListAttribute(of=UnicodeAttribute, default=list)
    bring = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    sequence = NumberAttribute(default=0)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    version = VersionAttribute()
    reminders = Gsi2()


class PartyAppointment(PortalModel):
    dossier_id = UnicodeAttribute()
    dossier_number = UnicodeAttribute()
    dossier_description = UnicodeAttribute()
    starts_at = UnicodeAttribute()
    starts_utc = UnicodeAttribute()
    duration_minutes = NumberAttribute()
    place_kind = UnicodeAttribute()
    address = UnicodeAttribute(null=True)
    status = UnicodeAttribute()


def load(dossier_id: str) -> Appointment | None:
    """The dossier's appointment, read consistently, or None."""
    try:
        return Appointment.get(f"DOSSIER#{dossier_id}", APPOINTMENT, consistent_read=True)
    except DoesNotExist:
        return None
