"""What staff and clients see of an instruction. Clients never see staff identities or pending changes."""

from __future__ import annotations

from typing import Any

from portal.payments import iban as ibans
from portal.payments.models import InstructionVersion, PaymentInstruction


def euros(cents: int) -> str:
    """``350000.00``: exact, from integer cents (never through a float)."""
    cents = int(cents)
    return f"{cents // 100}.{cents % 100:02d}"


def _version(version: InstructionVersion, *, staff: bool) -> dict[str, Any]:
    shown = {
        "version": int(version.number), "amount_cents": int(version.amount_cents),
        "amount": euros(version.amount_cents), "iban": version.iban, "iban_grouped": ibans.grouped(version.iban),
        "holder": version.holder, "reference": version.reference, "due_date": version.due_date,
        "purpose": version.purpose, "published_at": version.published_at,
    }
    if staff:
        shown |= {"proposed_by": version.proposed_by, "proposed_at": version.proposed_at,
                  "approved_by": version.approved_by}
    return shown


def _current(item: PaymentInstruction) -> InstructionVersion:
    return next(v for v in item.versions if int(v.number) == int(item.current))


def _opened(item: PaymentInstruction) -> bool:
    return int(item.current) in {int(n) for n in (item.opened_versions or set())}


def client_view(item: PaymentInstruction) -> dict[str, Any]:
    earlier = [v for v in item.versions if int(v.number) != int(item.current)]
    return {
        "id": item.id, "dossier_id": item.dossier_id, "dossier_number": item.dossier_number,
        "dossier_description": item.dossier_description, "changed": bool(earlier), "opened": _opened(item),
        "current": _version(_current(item), staff=False),
        "earlier": [_version(v, staff=False) for v in reversed(earlier)],
    }


def staff_view(item: PaymentInstruction) -> dict[str, Any]:
    return {
        "id": item.id, "dossier_id": item.dossier_id, "party_id": item.party_id, "current": int(item.current),
        "opened_current": _opened(item), "opened_versions": sorted(int(n) for n in (item.opened_versions or set())),
        "first_opened_at": item.first_opened_at, "last_opened_at": item.last_opened_at,
        "versions": [_version(v, staff=True) for v in item.versions],
        "pending": _version(item.pending, staff=True) if item.pending else None,
    }
