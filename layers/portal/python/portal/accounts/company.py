"""Extra accounts of a company: only its main account may add, view and remove them.

Extra accounts share the company's party, so they see the company's dossiers; they cannot manage
accounts themselves. Any other id, guessed or copied, is simply not found.

Adding one makes the office send an e-mail from its own address, so it is guarded as a costly,
trusted channel (issue 14): the main account's password again (a stolen session alone cannot do
it), a daily limit per company (one conditional counter update), a name that is a name, and an
address that can be mailed. Whether the address already has an account is never told: the answer
is the same 201 with the same shape; the holder gets a notice instead of an invitation, and the
company sees an entry that nobody can ever sign in to (:func:`registry.create_unclaimed`).
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import UpdateError

from portal.accounts import addresses, company_mail, names, passwords, registry, throttle
from portal.accounts.lookup import by_id
from portal.accounts.models import (
    ACTIVE,
    COMPANY_EXTRA,
    COMPANY_MAIN,
    INVITED,
    Account,
    company_key,
    quota_key,
)
from portal.accounts.sessions import Principal
from portal.audit import trail
from portal.platform import clock
from portal.platform.db import PortalModel
from portal.platform.errors import Conflict, Forbidden, NotFound, Throttled, Unauthenticated
from portal.platform.settings import get_settings

DAY_SECONDS = 24 * 3600


class ExtraAccountQuota(PortalModel):
    """``QUOTA#<party> / EXTRA_ACCOUNTS#<day>``: extra accounts a company added on one day (UTC)."""

    added = NumberAttribute(default=0)
    expires_at = NumberAttribute()  # TTL: a day's count is of no use two days later


def _require_main(principal: Principal) -> None:
    if principal.kind != COMPANY_MAIN:
        raise Forbidden("company_main_only")


def _extra(principal: Principal, account_id: str) -> Account:
    _require_main(principal)
    try:
        account = by_id(account_id)
    except NotFound:
        raise NotFound() from None
    if account.kind != COMPANY_EXTRA or account.party_id != principal.party_id or account.status not in (INVITED, ACTIVE):
        raise NotFound()
    return account


def _members(principal: Principal) -> list[Account]:
    # Few per company: one query on the company's own partition of the listing index.
    found = Account.company_members.query(company_key(principal.party_id))
    return [a for a in found if a.kind == COMPANY_EXTRA and a.status in (INVITED, ACTIVE)]


def list_extra(principal: Principal) -> list[dict[str, Any]]:
    _require_main(principal)
    return [registry.summary(a) for a in _members(principal)]


def _reauthenticate(account: Account, password: str, *, source_ip: str) -> None:
    """The main account's password again, under the login's own limit (as a password change is).

    The attempt is reserved before the check (one atomic write) and given back when it succeeds;
    a wrong password is audited, never the password itself.
    """
    throttle.take(throttle.LOGIN_PER_ACCOUNT, account.email, actor=account.id, source_ip=source_ip)
    if not passwords.verify(account.password_hash, password or ""):
        trail.record("password_check_failed", actor=account.id, subject=account.id, source_ip=source_ip,
                     step="extra_account")
        raise Unauthenticated("invalid_credentials", detail={"fields": [{"field": "password", "type": "password"}]})
    throttle.give_back(throttle.LOGIN_PER_ACCOUNT, account.email)


def _count_against_today(party_id: str) -> None:
    """One conditional UpdateItem: counted and allowed, or 429 ``extra_accounts_daily_limit``.

    Never read-then-write: with any number of concurrent requests exactly ``limit`` succeed.
    """
    limit = get_settings().company_extra_accounts_per_day
    now = clock.epoch()
    quota = ExtraAccountQuota(pk=quota_key(party_id), sk=f"EXTRA_ACCOUNTS#{clock.now().date().isoformat()}")
    try:
        quota.update(
            actions=[ExtraAccountQuota.added.add(1), ExtraAccountQuota.expires_at.set(now + 2 * DAY_SECONDS)],
            condition=ExtraAccountQuota.added.does_not_exist() | (ExtraAccountQuota.added < limit),
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            raise Throttled(
                "extra_accounts_daily_limit", detail={"per_day": limit, "retry_after": DAY_SECONDS - now % DAY_SECONDS},
            ) from None
        raise


def add_extra(principal: Principal, name: str, email: str, password: str, *, source_ip: str) -> dict[str, Any]:
    """Add an extra account; the answer never tells whether the address already had an account."""
    _require_main(principal)
    main = principal.account
    # Everything the caller typed is checked before anything is counted or written.
    clean = names.clean_person_name(name)
    address = addresses.normalise(email)
    _reauthenticate(main, password, source_ip=source_ip)
    _count_against_today(principal.party_id)
    for member in _members(principal):
        if member.email == address:
            return registry.summary(member)  # added before (held or not): nothing new is sent
    fields = {
        "name": clean, "language": main.language, "kind": COMPANY_EXTRA, "party_id": principal.party_id,
        "company_name": main.company_name, "actor": principal.account_id, "source_ip": source_ip,
    }
    try:
        account = registry.create(email=address, **fields)
    except Conflict:
        account = registry.create_unclaimed(address=address, **fields)
        _tell_holder(address, main, source_ip=source_ip)
    else:
        company_mail.send_invitation(account, main, actor=principal.account_id, source_ip=source_ip)
    return registry.summary(account)


def _tell_holder(address: str, main: Account, *, source_ip: str) -> None:
    holder_id = registry.claim_holder(address)
    try:
        holder = by_id(holder_id) if holder_id else None
    except NotFound:  # a claim whose account is gone: nobody to tell, and the answer stays 201
        holder = None
    if holder is None:
        return
    trail.record(
        "address_offered_by_company", actor=main.id, subject=holder.id, source_ip=source_ip, company=main.party_id,
    )
    if holder.status in (INVITED, ACTIVE):
        company_mail.send_address_in_use(holder, main)


def show_extra(principal: Principal, account_id: str) -> dict[str, Any]:
    return registry.summary(_extra(principal, account_id))


def remove_extra(principal: Principal, account_id: str, *, source_ip: str) -> None:
    registry.remove(_extra(principal, account_id), actor=principal.account_id, source_ip=source_ip)
