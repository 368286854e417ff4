"""The office's escrow accounts (kwaliteitsrekeningen), changed only by two staff members.

One staff identity proposes (add, change holder/bank, retire), another approves; the approval
applies the change, marks the proposal approved and writes both audit entries' second half in one
transaction. The proposer can never approve their own proposal: a single stolen staff credential
cannot put a criminal's IBAN in front of clients.
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from portal.audit import trail
from portal.payments import iban as ibans
from portal.payments.models import (
    ADD,
    APPROVED,
    CHANGE,
    ESCROW,
    PENDING,
    RETIRE,
    EscrowAccount,
    EscrowProposal,
    escrow_sk,
    proposal_sk,
)
from portal.platform import clock, ids
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Forbidden, Invalid, NotFound

AUDIT_SUBJECT = "ESCROW"


def find(iban: str) -> EscrowAccount | None:
    """The registered account with this compact IBAN (active or retired), or None."""
    try:
        return EscrowAccount.get(ESCROW, escrow_sk(iban), consistent_read=True)
    except DoesNotExist:
        return None


def active(iban: str) -> EscrowAccount:
    """The active registered account, or 422 payment_iban_not_registered: no free IBANs."""
    found = find(iban)
    if found is None or not found.active:
        raise Invalid("payment_iban_not_registered")
    return found


def is_office_account(iban: str) -> bool:
    found = find(iban)
    return bool(found and found.active)


def account_view(account: EscrowAccount) -> dict[str, Any]:
    return {
        "iban": account.iban, "iban_grouped": ibans.grouped(account.iban), "holder": account.holder,
        "bank": account.bank, "active": account.active, "proposed_by": account.proposed_by,
        "approved_by": account.approved_by, "updated_at": account.updated_at,
    }


def proposal_view(proposal: EscrowProposal) -> dict[str, Any]:
    return {
        "id": proposal.id, "action": proposal.action, "iban": proposal.iban, "holder": proposal.holder,
        "bank": proposal.bank, "status": proposal.status, "proposed_by": proposal.proposed_by,
        "proposed_at": proposal.proposed_at, "approved_by": proposal.approved_by, "approved_at": proposal.approved_at,
    }


def registry() -> dict[str, Any]:
    """Staff's view: every account and every proposal still waiting (one query)."""
    accounts, proposals = [], []
    for item in EscrowAccount.query(ESCROW, consistent_read=True):
        if item.sk.startswith("IBAN#"):
            accounts.append(account_view(item))
    for item in EscrowProposal.query(ESCROW, EscrowProposal.sk.startswith("PROPOSAL#"), consistent_read=True):
        if item.status == PENDING:
            proposals.append(proposal_view(item))
    return {"accounts": accounts, "proposals": proposals}


def propose(action: str, typed_iban: str, *, holder: str | None, bank: str | None, actor: str,
            source_ip: str) -> dict[str, Any]:
    """Record a proposal; nothing changes until another staff member approves it."""
    account_iban = ibans.require(typed_iban)
    existing = find(account_iban)
    if action == ADD:
        if existing is not None:
            raise Conflict("escrow_account_exists")
        if not (holder and holder.strip()):
            raise Invalid("escrow_holder_required")
        bank = (bank or "").strip() or ibans.bank_name(account_iban) or "-"
    elif existing is None:
        raise NotFound("escrow_account_not_found")
    elif action == CHANGE and not ((holder and holder.strip()) or (bank and bank.strip())):
        raise Invalid("escrow_holder_required")
    proposal = EscrowProposal(
        pk=ESCROW, sk=proposal_sk(ids.new_id()), action=action, iban=account_iban,
        holder=holder.strip() if holder else None, bank=bank.strip() if bank else None,
        status=PENDING, proposed_by=actor, proposed_at=clock.now().isoformat(),
    )
    proposal.id = proposal.sk.split("#", 1)[1]
    with transaction() as write:
        write.save(proposal, condition=EscrowProposal.pk.does_not_exist())
        write.save(trail.entry("escrow_proposed", actor=actor, subject=AUDIT_SUBJECT, source_ip=source_ip,
                               proposal=proposal.id, change=action, iban=account_iban))
    return proposal_view(proposal)


def approve(proposal_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    """Apply a proposal made by someone else; 403 two_person_rule for one's own."""
    try:
        proposal = EscrowProposal.get(ESCROW, proposal_sk(proposal_id), consistent_read=True)
    except DoesNotExist:
        raise NotFound("escrow_proposal_not_found") from None
    if proposal.status != PENDING:
        raise Conflict("escrow_proposal_done")
    if proposal.proposed_by == actor:
        raise Forbidden("two_person_rule")
    now = clock.now().isoformat()
    account = find(proposal.iban)
    if proposal.action == ADD:
        if account is not None:
            raise Conflict("escrow_account_exists")
        account = EscrowAccount(pk=ESCROW, sk=escrow_sk(proposal.iban), iban=proposal.iban,
                                holder=proposal.holder or "-", bank=proposal.bank or "-")
    elif account is None:
        raise NotFound("escrow_account_not_found")
    elif proposal.action == CHANGE:
        account.holder = proposal.holder or account.holder
        account.bank = proposal.bank or account.bank
    elif proposal.action == RETIRE:
        account.active = False
    account.proposed_by, account.approved_by, account.updated_at = proposal.proposed_by, actor, now
    proposal.status, proposal.approved_by, proposal.approved_at = APPROVED, actor, now
    try:
        with transaction() as write:
            # The account's VersionAttribute guards a concurrent approval of another proposal.
            write.save(account)
            write.save(proposal, condition=EscrowProposal.status == PENDING)
            write.save(trail.entry("escrow_approved", actor=actor, subject=AUDIT_SUBJECT, source_ip=source_ip,
                                   proposal=proposal.id, change=proposal.action, iban=proposal.iban,
                                   proposed_by=proposal.proposed_by))
    except TransactWriteError:
        raise Conflict("escrow_proposal_done") from None
    return {"proposal": proposal_view(proposal), "account": account_view(account)}


def seed(typed_iban: str, *, holder: str, bank: str, proposed_by: str, approved_by: str) -> None:
    """Demo data and tests: an account registered as if two people had approved it."""
    account_iban = ibans.require(typed_iban)
    EscrowAccount(pk=ESCROW, sk=escrow_sk(account_iban), iban=account_iban, holder=holder, bank=bank,
                  proposed_by=proposed_by, approved_by=approved_by, updated_at=clock.now().isoformat()).save()
