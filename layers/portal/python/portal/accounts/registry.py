"""Creating and removing accounts. An e-mail address belongs to at most one account."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from portal.accounts import addresses, names
from portal.accounts.models import (
    ACTIVE,
    INVITED,
    PERSON,
    REMOVED,
    Account,
    EmailClaim,
    account_key,
    company_key,
    email_claim_key,
)
from portal.audit import trail
from portal.platform import clock, ids
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Invalid
from portal.platform.texts import LANGUAGES


def valid_email(email: str) -> str:
    """The address in normal form (:mod:`portal.accounts.addresses`), or 422 before anything is written."""
    return addresses.normalise(email)


def clean_name(name: str, field: str = "name") -> str:
    """A name staff typed; company extra accounts use the stricter :func:`names.clean_person_name`."""
    return names.clean_staff_name(name, field)


def _new_account(
    *, name: str, address: str, language: str, kind: str, party_id: str | None, company_name: str | None,
    listed: bool,
) -> Account:
    if language not in LANGUAGES:
        raise Invalid("language_invalid", detail={"fields": [{"field": "language", "type": "language"}]})
    account_id = ids.new_id()
    now = clock.now().isoformat()
    account = Account(
        pk=account_key(account_id), sk="META", id=account_id, email=address, name=clean_name(name),
        language=language, kind=kind, party_id=party_id or account_id,
        company_name=clean_name(company_name, "company") if company_name else None,
        status=INVITED, created_at=now,
    )
    if listed:
        account.gsi2pk, account.gsi2sk = "ACCOUNTS", f"{now}#{account_id}"
    if kind != PERSON:
        account.gsi1pk, account.gsi1sk = company_key(account.party_id), f"{now}#{account_id}"
    return account


def create(
    *, name: str, email: str, language: str, kind: str, party_id: str | None = None,
    company_name: str | None = None, actor: str, source_ip: str,
) -> Account:
    """A new invited account holding the address; 409 ``email_taken`` if another account holds it.

    Everything is validated before the one transaction: an address or name that is refused leaves
    nothing behind, so correcting it and trying again works.
    """
    address = valid_email(email)
    account = _new_account(
        name=name, address=address, language=language, kind=kind, party_id=party_id,
        company_name=company_name, listed=True,
    )
    claim = EmailClaim(pk=email_claim_key(address), sk="CLAIM", account_id=account.id)
    audit = trail.entry("account_created", actor=actor, subject=account.id, source_ip=source_ip, kind=kind)
    try:
        with transaction() as write:
            write.save(claim, condition=EmailClaim.pk.does_not_exist())
            write.save(account, condition=Account.pk.does_not_exist())
            write.save(audit, condition=type(audit).pk.does_not_exist())
    except TransactWriteError as error:
        reasons = error.cancellation_reasons or []
        if reasons and reasons[0] is not None and reasons[0].code == "ConditionalCheckFailed":
            raise Conflict("email_taken") from None
        raise
    return account


def create_unclaimed(
    *, name: str, address: str, language: str, kind: str, party_id: str, company_name: str | None,
    actor: str, source_ip: str,
) -> Account:
    """An entry for an address that another account holds, shown to its company like any invited one.

    It holds no e-mail claim, so nobody can ever sign in to it and no link is sent for it; it exists
    so that adding a known address looks exactly like adding an unknown one (no enumeration), and
    removing it frees nothing. Staff do not list it among the clients (it is nobody's login).
    """
    account = _new_account(
        name=name, address=address, language=language, kind=kind, party_id=party_id,
        company_name=company_name, listed=False,
    )
    audit = trail.entry(
        "account_created", actor=actor, subject=account.id, source_ip=source_ip, kind=kind, address="held_elsewhere",
    )
    with transaction() as write:
        write.save(account, condition=Account.pk.does_not_exist())
        write.save(audit, condition=type(audit).pk.does_not_exist())
    return account


def claim_holder(address: str) -> str | None:
    """The id of the account that holds the (normalised) address, if any."""
    try:
        return EmailClaim.get(email_claim_key(address), "CLAIM", consistent_read=True).account_id
    except DoesNotExist:
        return None


def holds_address(account: Account) -> bool:
    return claim_holder(account.email) == account.id


def remove(account: Account, *, actor: str, source_ip: str, action: str = "account_removed",
           condition: object = None, **detail: str) -> None:
    """The account can no longer sign in, its sessions end at once, and its address is free again.

    ``condition`` narrows when this may happen (staff release only a never-activated account); the
    address's claim is deleted only if this account holds it, never another account's.
    """
    audit = trail.entry(action, actor=actor, subject=account.id, source_ip=source_ip, **detail)
    allowed = Account.status.is_in(INVITED, ACTIVE)
    with transaction() as write:
        write.update(
            account,
            actions=[
                Account.status.set(REMOVED), Account.session_generation.add(1), Account.link_generation.add(1),
                Account.gsi2pk.remove(),
            ],
            condition=allowed & condition if condition is not None else allowed,
        )
        if holds_address(account):
            write.delete(
                EmailClaim(pk=email_claim_key(account.email), sk="CLAIM"), condition=EmailClaim.account_id == account.id,
            )
        write.save(audit, condition=type(audit).pk.does_not_exist())


def summary(account: Account) -> dict[str, object]:
    return {
        "id": account.id, "name": account.name, "email": account.email, "status": account.status,
        "created_at": account.created_at,
    }


__all__ = [
    "create", "create_unclaimed", "remove", "summary", "valid_email", "clean_name", "claim_holder", "holds_address",
    "ACTIVE", "REMOVED",
]
