"""Append-only audit trail: who did what, when, from where. Never secrets, never contents.

Each entry is its own item, written with a condition that it does not exist yet, and never
updated. Entries are grouped per subject account (``AUDIT#<account>``) so staff can list one
client's history with one query.
"""

from __future__ import annotations

import json
from typing import Any

from pynamodb.attributes import UnicodeAttribute

from portal.platform import clock, ids
from portal.platform.db import PortalModel


class AuditEntry(PortalModel):
    action = UnicodeAttribute()
    actor = UnicodeAttribute()
    subject = UnicodeAttribute()
    source_ip = UnicodeAttribute()
    at = UnicodeAttribute()
    detail = UnicodeAttribute(null=True)  # JSON of short, non-secret facts (method, kind, language)


def audit_key(subject: str) -> str:
    return f"AUDIT#{subject}"


def entry(action: str, *, actor: str, subject: str, source_ip: str, **detail: Any) -> AuditEntry:
    """An unsaved entry, for writing inside a transaction with the change it records."""
    return AuditEntry(
        pk=audit_key(subject),
        sk=f"{clock.now().strftime('%Y-%m-%dT%H:%M:%S')}#{ids.new_id()}",
        action=action,
        actor=actor,
        subject=subject,
        source_ip=source_ip,
        at=clock.now().isoformat(),
        detail=json.dumps({k: str(v) for k, v in detail.items()}) if detail else None,
    )


def record(action: str, *, actor: str, subject: str, source_ip: str, **detail: Any) -> None:
    entry(action, actor=actor, subject=subject, source_ip=source_ip, **detail).save(
        condition=AuditEntry.pk.does_not_exist()
    )


def history(subject: str, limit: int = 100) -> list[dict[str, Any]]:
    return [
        {"action": e.action, "actor": e.actor, "at": e.at, "source_ip": e.source_ip, "detail": json.loads(e.detail or "{}")}
        for e in AuditEntry.query(audit_key(subject), scan_index_forward=False, limit=limit)
    ]


def csrf_refused(*, source_ip: str, origin: str | None, session_cookie: str | None) -> None:
    """A state change refused for a missing CSRF header or a foreign Origin (platform.http's precheck).

    The session cookie is not checked here (the request goes no further); the account id it names
    is recorded as the one the forged request rode on, so staff can tell that client. The cookie
    itself is never stored, and the Origin only shortened.
    """
    claimed = session_cookie.split(".", 1)[0][:40] if session_cookie and "." in session_cookie else "unknown"
    record("csrf_refused", actor="unknown", subject=claimed, source_ip=source_ip, origin=(origin or "-")[:200])
