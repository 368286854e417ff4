"""Who holds an e-mail address, and staff's remedies for an address a company claimed first.

A company's main account can add an extra account for any address, before the office invites
that person itself; staff then get 409 and the person would unknowingly work inside the company's
account (issue 14, "address squatting"). Staff see the holder plainly (which company created it,
by whom, activated or not) and can release a never-activated extra account (the address is free
again) or move it to another company or to an account of its own. Once activated, an account is
somebody's login: it is neither released nor moved from here (block it, or talk to the client).
Every step is audited on the account's trail.
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import TransactWriteError

from portal.accounts import addresses, registry
from portal.accounts.lookup import by_id
from portal.accounts.models import ACTIVE, COMPANY_EXTRA, COMPANY_MAIN, INVITED, PERSON, Account, company_key
from portal.audit import trail
from portal.audit.trail import AuditEntry, audit_key
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Invalid, NotFound


def _creator(account: Account) -> str | None:
    """Who created the account: the actor of ``account_created``, among its oldest audit entries.

    Entries sort by second and then a random id, so the invitation sent in the same second may
    come first: a few of the oldest are read, not just one.
    """
    for entry in AuditEntry.query(audit_key(account.id), scan_index_forward=True, limit=10):
        if entry.action == "account_created":
            return entry.actor
    return None


def _main_of(account: Account) -> Account | None:
    try:
        return account if account.kind == COMPANY_MAIN else by_id(account.party_id)
    except NotFound:
        return None


def _releasable(account: Account) -> bool:
    return account.kind == COMPANY_EXTRA and account.password_hash is None and account.status == INVITED


def describe(account: Account) -> dict[str, Any]:
    """The holder as staff need to see it, with a one-line plain summary."""
    activated = account.password_hash is not None
    created_by = _creator(account)
    held: dict[str, Any] = {
        "account_id": account.id, "name": account.name, "kind": account.kind, "status": account.status,
        "activated": activated, "created_at": account.created_at, "created_by": created_by,
        "can_release_or_move": _releasable(account),
    }
    if account.kind == PERSON:
        summary = f"a person's own account ({account.name})"
    else:
        main = _main_of(account)
        held["company"] = {
            "name": account.company_name, "main_account_id": account.party_id,
            "main_account_name": main.name if main else None, "main_account_email": main.email if main else None,
        }
        role = "the main account" if account.kind == COMPANY_MAIN else "an extra account"
        by = " added by the company itself" if account.kind == COMPANY_EXTRA and created_by == account.party_id else ""
        summary = f"{role} of company {account.company_name!r} ({account.name}){by}"
    state = "activated" if activated else "never activated"
    held["summary"] = f"held by {summary}; {account.status}, {state}"
    return held


def holder_of(email: str) -> dict[str, Any]:
    """``{"email", "held", "holder"?}`` for an address (normalised as everywhere else)."""
    address = addresses.normalise(email)
    holder_id = registry.claim_holder(address)
    account = None
    if holder_id:
        try:
            account = by_id(holder_id)
        except NotFound:
            account = None
    if account is None:
        return {"email": address, "held": False}
    return {"email": address, "held": True, "holder": describe(account)}


def _unactivated_extra(account_id: str) -> Account:
    account = by_id(account_id)
    if account.kind != COMPANY_EXTRA:
        raise Conflict("account_not_extra")
    if account.password_hash is not None:
        raise Conflict("account_already_activated")
    if account.status != INVITED:
        raise Conflict("account_not_active")
    return account


def _never_activated_extra_of(account: Account) -> Any:
    # Checked again by DynamoDB in the write: an activation in between wins, the staff step fails.
    return (
        Account.password_hash.does_not_exist() & (Account.kind == COMPANY_EXTRA)
        & (Account.party_id == account.party_id)
    )


def release(account_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    """Remove a never-activated extra account: the address is free for the office's own invitation."""
    account = _unactivated_extra(account_id)
    try:
        registry.remove(
            account, actor=actor, source_ip=source_ip, action="account_released",
            condition=_never_activated_extra_of(account), company=account.party_id,
        )
    except TransactWriteError:
        raise Conflict("account_already_activated") from None
    return {"account_id": account.id, "email": account.email, "released": True, "status": registry.REMOVED}


def move(account_id: str, company_account_id: str | None, *, actor: str, source_ip: str) -> Account:
    """Move a never-activated extra account to another company (its main account's id) or to itself.

    Its links die (the invitation named the old company): staff send a new one with ``invite``.
    """
    account = _unactivated_extra(account_id)
    if not registry.holds_address(account):
        raise Conflict("address_held_elsewhere")
    if company_account_id:
        try:
            main = by_id(company_account_id)
        except NotFound:
            main = None
        if main is None or main.kind != COMPANY_MAIN or main.status not in (INVITED, ACTIVE):
            raise Invalid("company_not_found", detail={"fields": [{"field": "company_account_id", "type": "company"}]})
        target = main.party_id
        actions = [
            Account.party_id.set(main.party_id), Account.company_name.set(main.company_name),
            Account.gsi1pk.set(company_key(main.party_id)),
        ]
    else:
        target = account.id
        actions = [
            Account.kind.set(PERSON), Account.party_id.set(account.id), Account.company_name.remove(),
            Account.gsi1pk.remove(), Account.gsi1sk.remove(),
        ]
    audit = trail.entry(
        "account_moved", actor=actor, subject=account.id, source_ip=source_ip, company=account.party_id,
        to=target if company_account_id else "own_account",
    )
    try:
        with transaction() as write:
            write.update(
                account,
                actions=[*actions, Account.link_generation.add(1), Account.session_generation.add(1)],
                condition=_never_activated_extra_of(account) & (Account.status == INVITED),
            )
            write.save(audit, condition=type(audit).pk.does_not_exist())
    except TransactWriteError:
        raise Conflict("account_already_activated") from None
    account.refresh(consistent_read=True)
    return account
