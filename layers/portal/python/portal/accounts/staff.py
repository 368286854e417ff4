"""Staff operations on client accounts (admin API and portal-admin)."""

from __future__ import annotations

from typing import Any

from portal.accounts import addresses, company_mail, holders, links, registry
from portal.accounts.lookup import by_id
from portal.accounts.models import ACTIVE, BLOCKED, COMPANY_EXTRA, COMPANY_MAIN, INVITED, PERSON, Account
from portal.audit import trail
from portal.platform import pages
from portal.platform.db import transaction
from portal.platform.errors import Conflict

PAGE_SIZE = 50


def create_client(
    *, name: str, email: str, language: str = "nl", company: str | None = None, actor: str, source_ip: str
) -> dict[str, Any]:
    """A person, or a company's main account; the first e-mail (the invitation) goes out at once.

    If the address is held already, the 409 names the holder (staff may know; clients never learn
    it), so that an address a company claimed first can be seen, released or moved.
    """
    address = addresses.normalise(email)
    try:
        account = registry.create(
            name=name, email=address, language=language, kind=COMPANY_MAIN if company else PERSON,
            company_name=company, actor=actor, source_ip=source_ip,
        )
    except Conflict:
        raise Conflict("email_taken", detail=holders.holder_of(address)) from None
    links.send_invitation(account, actor=actor, source_ip=source_ip)
    return details(account)


def details(account: Account) -> dict[str, Any]:
    return {
        **registry.summary(account),
        "kind": account.kind,
        "party_id": account.party_id,
        "company_name": account.company_name,
        "language": account.language,
        "two_factor": account.two_factor_method,
        "last_login_at": account.last_login_at,
        "mail_status": account.mail_status,
    }


def list_clients(next_token: str | None = None) -> dict[str, Any]:
    start = pages.index_start(next_token, index="gsi2", partition="ACCOUNTS")
    found = Account.listing.query("ACCOUNTS", limit=PAGE_SIZE, last_evaluated_key=start)
    items = [details(a) for a in found]
    return {"items": items, "next_token": pages.encode(found.last_evaluated_key)}


def show_client(account_id: str) -> dict[str, Any]:
    from portal.accounts.passkeys import factors  # the ways in: password, SMS, app, passkeys (no keys)

    account = by_id(account_id)
    return {**details(account), "factors": factors(account), "audit": trail.history(account.id, limit=50)}


def resend_invitation(account_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    account = by_id(account_id)
    if account.status not in (INVITED, ACTIVE):
        raise Conflict("account_not_active")
    if not registry.holds_address(account):
        raise Conflict("address_held_elsewhere")  # an entry a company made for someone else's address
    main = by_id(account.party_id) if account.kind == COMPANY_EXTRA else None
    if main is not None:
        company_mail.send_invitation(account, main, actor=actor, source_ip=source_ip)
    else:
        links.send_invitation(account, actor=actor, source_ip=source_ip)
    return details(account)


def block(account_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    """Blocked at once: every open session fails on its next request, every link dies."""
    account = by_id(account_id)
    audit = trail.entry("account_blocked", actor=actor, subject=account.id, source_ip=source_ip)
    with transaction() as write:
        write.update(
            account,
            actions=[Account.status.set(BLOCKED), Account.session_generation.add(1), Account.link_generation.add(1)],
        )
        write.save(audit, condition=type(audit).pk.does_not_exist())
    account.refresh(consistent_read=True)
    return details(account)


def unblock(account_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    account = by_id(account_id)
    if account.status != BLOCKED:
        raise Conflict("account_not_blocked")
    new_status = ACTIVE if account.password_hash else INVITED
    account.update(actions=[Account.status.set(new_status)])
    trail.record("account_unblocked", actor=actor, subject=account.id, source_ip=source_ip)
    return details(account)
