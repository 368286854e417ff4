"""Wall time in Europe/Amsterdam: what staff type and clients read, checked to exist exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from portal.platform.errors import Invalid

ZONE = ZoneInfo("Europe/Amsterdam")
REMINDER_BEFORE = timedelta(days=2)


def parse_local(value: str) -> datetime:
    """"2026-03-12T10:30" as an aware Amsterdam time. A time skipped by the spring change (02:30 on
    the last Sunday of March) is refused; one that happens twice in autumn means the first."""
    try:
        naive = datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except ValueError:
        raise Invalid("appointment_time_invalid") from None
    local = naive.replace(tzinfo=ZONE, fold=0)
    if local.astimezone(UTC).astimezone(ZONE).replace(tzinfo=None) != naive:
        raise Invalid("appointment_time_invalid")
    return local


def local_text(value: datetime) -> str:
    return value.astimezone(ZONE).strftime("%Y-%m-%dT%H:%M")


def from_utc(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(ZONE)


def end_of(starts_utc: str, minutes: int) -> datetime:
    """The end in Amsterdam time, counted in elapsed minutes (wall-clock arithmetic would be wrong
    across a DST change)."""
    return (datetime.fromisoformat(starts_utc).astimezone(UTC) + timedelta(minutes=minutes)).astimezone(ZONE)
