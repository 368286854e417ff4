"""The office's dossier statuses: each a stable key, a Dutch and an English label, and whether a
dossier with it counts as "in behandeling" on Home.

Statuses can be added, never changed or removed: grants carry a copy of the labels and Home's
counters depend on the in-progress flag, so an existing status must keep meaning what it meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pynamodb.exceptions import DoesNotExist, PutError

from portal.audit import trail
from portal.dossiers.models import StatusConfig, StatusEntry
from portal.platform.errors import Conflict, Invalid

CONFIG_KEY = ("CONFIG", "STATUSES")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class Status:
    key: str
    label_nl: str
    label_en: str
    in_progress: bool

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_nl

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "label_nl": self.label_nl, "label_en": self.label_en, "in_progress": self.in_progress}


DEFAULTS = (
    Status("in_behandeling", "In behandeling", "In progress", True),
    Status("afgerond", "Afgerond", "Completed", False),
    Status("geannuleerd", "Geannuleerd", "Cancelled", False),
)
DEFAULT_STATUS = DEFAULTS[0].key


def _load() -> StatusConfig | None:
    try:
        return StatusConfig.get(*CONFIG_KEY, consistent_read=True)
    except DoesNotExist:
        return None


def all_statuses() -> list[Status]:
    config = _load()
    if config is None:
        return list(DEFAULTS)
    return [Status(s.key, s.label_nl, s.label_en, bool(s.in_progress)) for s in config.statuses]


def get(key: str) -> Status:
    """The status with this key, or 422 status_unknown."""
    for status in all_statuses():
        if status.key == key:
            return status
    raise Invalid("status_unknown", detail={"fields": [{"field": "status", "type": "status"}]})


def add(key: str, label_nl: str, label_en: str, in_progress: bool, *, actor: str = "system",
        source_ip: str = "unknown") -> Status:
    if not _KEY.fullmatch(key or ""):
        raise Invalid("status_key_invalid", detail={"fields": [{"field": "key", "type": "status_key"}]})
    new = Status(key, " ".join(label_nl.split()), " ".join(label_en.split()), in_progress)
    if not new.label_nl or not new.label_en:
        raise Invalid("validation_failed", detail={"fields": [{"field": "label", "type": "missing"}]})
    config = _load()
    if config is None:
        config = StatusConfig(pk=CONFIG_KEY[0], sk=CONFIG_KEY[1], statuses=[_entry(s) for s in DEFAULTS])
    if any(s.key == key for s in config.statuses):
        raise Conflict("status_exists")
    config.statuses.append(_entry(new))
    try:
        config.save()  # the version condition: two staff adding at once cannot lose one
    except PutError:
        raise Conflict() from None
    trail.record("status_added", actor=actor, subject="STATUSES", source_ip=source_ip, key=new.key)
    return new


def _entry(status: Status) -> StatusEntry:
    return StatusEntry(
        key=status.key, label_nl=status.label_nl, label_en=status.label_en, in_progress=status.in_progress
    )
