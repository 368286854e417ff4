"""A small RFC 5545 writer for "Zet in agenda": one VEVENT with its VTIMEZONE.

Times are written as Europe/Amsterdam wall time with ``TZID`` and the zone's rules in a VTIMEZONE
block, so a calendar shows 10:30 on either side of a DST change. The UID never changes for an
appointment; SEQUENCE grows with every move, and a cancellation is ``METHOD:CANCEL`` with
``STATUS:CANCELLED``, so an imported event is updated or removed rather than duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

TZID = "Europe/Amsterdam"
# The zone's rules since 1996 (EU summer time: last Sunday of March 02:00 to last Sunday of October 03:00).
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)
LINE_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    sequence: int
    stamp: datetime  # when this version was written (UTC)
    start: datetime  # aware, Europe/Amsterdam
    end: datetime  # aware, Europe/Amsterdam
    summary: str
    location: str
    description: str
    organizer_name: str
    organizer_email: str
    cancelled: bool = False


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped; every newline becomes ``\\n``."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space; never inside a UTF-8 character."""
    out: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(event: Event) -> bytes:
    """The whole .ics file, CRLF line endings, UTF-8."""
    organizer_name = event.organizer_name.replace('"', "'")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Notary client portal//Appointments//NL",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if event.cancelled else 'PUBLISH'}",
        *VTIMEZONE,
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_utc(event.stamp)}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTART;TZID={TZID}:{_local(event.start)}",
        f"DTEND;TZID={TZID}:{_local(event.end)}",
        f"SUMMARY:{escape(event.summary)}",
        f"LOCATION:{escape(event.location)}",
        f"DESCRIPTION:{escape(event.description)}",
        f'ORGANIZER;CN="{organizer_name}":mailto:{event.organizer_email}',
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
