"""Staff: publish a payment instruction to a dossier's party, and change it only with a second person.

The first publication is one staff member's act (the IBAN must be a registered, active escrow
account: no free IBANs). After that, a change is a proposal that another staff identity approves;
the approved version becomes the current one and every earlier version stays on the item, so the
client sees that it changed and what it said before. Notifications say only that an instruction is
waiting (kind ``payment``), never an amount or an account number.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError

from portal.activity import unopened
from portal.activity.models import PAYMENT_INSTRUCTION_NOT_OPENED
from portal.audit import trail
from portal.dossiers import registry
from portal.dossiers.counters import PartyCounters, counters_key
from portal.dossiers.models import dossier_key, is_id
from portal.notifications import events
from portal.notifications.models import PAYMENT
from portal.payments import escrow
from portal.payments import iban as ibans
from portal.payments.models import (
    InstructionVersion,
    PaymentInstruction,
    instruction_sk,
    party_payments_key,
)
from portal.payments.views import staff_view
from portal.platform import clock, ids
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Forbidden, Invalid, NotFound

MAX_CENTS = 100_000_000_000  # one billion euros: beyond any property transfer, below float trouble


def _find(dossier_id: str, instruction_id: str) -> PaymentInstruction:
    if not (is_id(dossier_id) and is_id(instruction_id)):
        raise NotFound("payment_not_found")
    try:
        return PaymentInstruction.get(dossier_key(dossier_id), instruction_sk(instruction_id), consistent_read=True)
    except DoesNotExist:
        raise NotFound("payment_not_found") from None


def _version(number: int, *, amount_cents: int, iban: str, reference: str, due_date: date, purpose: str,
             actor: str) -> InstructionVersion:
    if not 0 < amount_cents <= MAX_CENTS:
        raise Invalid("payment_amount_invalid")
    account = escrow.active(ibans.require(iban))
    return InstructionVersion(
        number=number, amount_cents=int(amount_cents), iban=account.iban, holder=account.holder,
        reference=reference.strip(), due_date=due_date.isoformat(), purpose=purpose.strip(),
        proposed_by=actor, proposed_at=clock.now().isoformat(),
    )


def publish(dossier_id: str, party_id: str, *, amount_cents: int, iban: str, reference: str, due_date: date,
            purpose: str, actor: str, source_ip: str) -> dict[str, Any]:
    dossier = registry.load(dossier_id)
    if party_id not in (dossier.parties or []):
        raise Invalid("payment_party_not_in_dossier")
    first = _version(1, amount_cents=amount_cents, iban=iban, reference=reference, due_date=due_date,
                     purpose=purpose, actor=actor)
    first.published_at = first.proposed_at
    instruction_id = ids.new_id()
    item = PaymentInstruction(
        pk=dossier_key(dossier_id), sk=instruction_sk(instruction_id), id=instruction_id, dossier_id=dossier_id,
        dossier_number=dossier.number, dossier_description=dossier.description, party_id=party_id,
        current=1, versions=[first], gsi1pk=party_payments_key(party_id), gsi1sk=f"{dossier_id}#{instruction_id}",
    )
    with transaction() as write:
        write.save(item, condition=PaymentInstruction.pk.does_not_exist())
        write.update(PartyCounters(pk=counters_key(party_id), sk="COUNTS"), actions=[PartyCounters.payments.add(1)])
        for pending in events.for_parties([party_id], kind=PAYMENT, dossier_id=dossier_id,
                                          dossier_label=f"{dossier.number} {dossier.description}"):
            write.save(pending)
        write.save(trail.entry("payment_published", actor=actor, subject=party_id, source_ip=source_ip,
                               dossier=dossier_id, instruction=instruction_id))
        # The office inbox's entry if the party has not opened it in N days (activity/unopened.py).
        write.save(unopened.watch(PAYMENT_INSTRUCTION_NOT_OPENED, dossier_id=dossier_id, party_id=party_id,
                                  item_id=instruction_id, target=(item.pk, item.sk)))
    return staff_view(item)


def propose_change(dossier_id: str, instruction_id: str, *, amount_cents: int, iban: str, reference: str,
                   due_date: date, purpose: str, actor: str, source_ip: str) -> dict[str, Any]:
    """Park a new version on the instruction; the client sees nothing until another person approves."""
    item = _find(dossier_id, instruction_id)
    item.pending = _version(item.current + 1, amount_cents=amount_cents, iban=iban, reference=reference,
                            due_date=due_date, purpose=purpose, actor=actor)
    seen, item.revision = item.revision, item.revision + 1
    try:
        with transaction() as write:
            # A concurrent proposal or approval raised the revision: this one fails rather than overwrite it.
            write.save(item, condition=PaymentInstruction.revision == seen)
            write.save(trail.entry("payment_change_proposed", actor=actor, subject=item.party_id,
                                   source_ip=source_ip, dossier=dossier_id, instruction=instruction_id))
    except (TransactWriteError, PutError):
        raise Conflict() from None
    return staff_view(item)


def approve_change(dossier_id: str, instruction_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    item = _find(dossier_id, instruction_id)
    change = item.pending
    if change is None:
        raise Conflict("payment_no_pending_change")
    if change.proposed_by == actor:
        raise Forbidden("two_person_rule")
    escrow.active(change.iban)  # retired since it was proposed: refuse rather than publish it
    change.approved_by, change.published_at = actor, clock.now().isoformat()
    item.versions = [*item.versions, change]
    item.current, item.pending = change.number, None
    seen, item.revision = item.revision, item.revision + 1
    try:
        with transaction() as write:
            write.save(item, condition=PaymentInstruction.revision == seen)
            for pending in events.for_parties([item.party_id], kind=PAYMENT, dossier_id=dossier_id,
                                              dossier_label=f"{item.dossier_number} {item.dossier_description}"):
                write.save(pending)
            write.save(trail.entry("payment_change_approved", actor=actor, subject=item.party_id,
                                   source_ip=source_ip, dossier=dossier_id, instruction=instruction_id,
                                   proposed_by=change.proposed_by, version=change.number))
    except (TransactWriteError, PutError):
        raise Conflict() from None
    return staff_view(item)


def for_dossier(dossier_id: str) -> dict[str, Any]:
    """Staff: every instruction of the dossier, with pending changes and whether each was opened."""
    if not is_id(dossier_id):
        raise NotFound()
    found = PaymentInstruction.query(dossier_key(dossier_id), PaymentInstruction.sk.startswith("PAYMENT#"),
                                     consistent_read=True)
    return {"items": [staff_view(item) for item in found], "next_token": None}
