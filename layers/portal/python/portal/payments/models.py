"""Payment items in the portal table.

Key scheme (one table; ids are ULIDs, IBANs are in their compact form: letters and digits only)::

    pk                   sk                          item
    ESCROW               IBAN#<iban>                 EscrowAccount: a registered account of the office
    ESCROW               PROPOSAL#<id>               EscrowProposal: an add/change/retire waiting for a
                                                     second staff member's approval
    DOSSIER#<id>         PAYMENT#<instruction>       PaymentInstruction: what one party must pay; its
                                                     versions (the current one last), a pending change,
                                                     which versions the client has opened
    gsi1: PAYMENTS#<party> / <dossier>#<instruction> a party's instructions, for Home

The public check is one GetItem on ``ESCROW / IBAN#<iban>``; a dossier's instructions are one query
on the dossier's partition; Home is one query on gsi1 (then the grants, so a revoked dossier's
instruction disappears with it).
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    NumberSetAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from portal.platform.db import Gsi1, PortalModel

ESCROW = "ESCROW"
ADD, CHANGE, RETIRE = "add", "change", "retire"
PENDING, APPROVED = "pending", "approved"


def escrow_sk(iban: str) -> str:
    return f"IBAN#{iban}"


def proposal_sk(proposal_id: str) -> str:
    return f"PROPOSAL#{proposal_id}"


def instruction_sk(instruction_id: str) -> str:
    return f"PAYMENT#{instruction_id}"


def party_payments_key(party_id: str) -> str:
    return f"PAYMENTS#{party_id}"


class EscrowAccount(PortalModel):
    iban = UnicodeAttribute()
    holder = UnicodeAttribute()
    bank = UnicodeAttribute()
    active = BooleanAttribute(default=True)
    proposed_by = UnicodeAttribute()
    approved_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class EscrowProposal(PortalModel):
    id = UnicodeAttribute()
    action = UnicodeAttribute()  # add | change | retire
    iban = UnicodeAttribute()
    holder = UnicodeAttribute(null=True)
    bank = UnicodeAttribute(null=True)
    status = UnicodeAttribute(default=PENDING)
    proposed_by = UnicodeAttribute()
    proposed_at = UnicodeAttribute()
    approved_by = UnicodeAttribute(null=True)
    approved_at = UnicodeAttribute(null=True)


class InstructionVersion(MapAttribute[str, Any]):
    number = NumberAttribute()
    amount_cents = NumberAttribute()  # exact cents: money is never a float
    iban = UnicodeAttribute()
    holder = UnicodeAttribute()
    reference = UnicodeAttribute()
    due_date = UnicodeAttribute()  # YYYY-MM-DD
    purpose = UnicodeAttribute()
    proposed_by = UnicodeAttribute()
    proposed_at = UnicodeAttribute()
    approved_by = UnicodeAttribute(null=True)  # the first publication needs no second person
    published_at = UnicodeAttribute(null=True)


class PaymentInstruction(PortalModel):
    id = UnicodeAttribute()
    dossier_id = UnicodeAttribute()
    dossier_number = UnicodeAttribute()
    dossier_description = UnicodeAttribute()
    party_id = UnicodeAttribute()
    current = NumberAttribute()  # the number of the version the client is shown
    versions = ListAttribute(of=InstructionVersion, default=list)
    pending = InstructionVersion(null=True)  # a change proposed, waiting for another staff member
    opened_versions = NumberSetAttribute(null=True)
    first_opened_at = UnicodeAttribute(null=True)
    last_opened_at = UnicodeAttribute(null=True)
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    # Raised by every staff change, which is conditional on it (optimistic locking). Not a
    # VersionAttribute: the client's "opened" mark is a plain conditional update that must not race it.
    revision = NumberAttribute(default=0)
    by_party = Gsi1()
