"""Creating and removing accounts. An e-mail address belongs to at most one account."""

from __future__ import annotations

import re

from pynamodb.exceptions import TransactWriteError

from portal.accounts.models import ACTIVE, INVITED, REMOVED, Account, EmailClaim, account_key, normalise_email
from portal.audit import trail
from portal.platform import clock, ids
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Invalid
from portal.platform.messages import LANGUAGES

# Deliberately simple: one @, a dot in the domain, no spaces or control characters, no header tricks.
_EMAIL = re.compile(r"^[^@\s<>,;:\"\\\x00-\x1f\x7f]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$")


def valid_email(email: str) -> str:
    normalised = normalise_email(email)
    if len(normalised) > 254 or not _EMAIL.fullmatch(normalised):
        raise Invalid("email_invalid", detail={"fields": [{"field": "email", "type": "email"}]})
    return normalised


def clean_name(name: str, field: str = "name") -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned or len(cleaned) > 200 or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise Invalid("name_invalid", detail={"fields": [{"field": field, "type": "name"}]})
    return cleaned


def create(
    *, name: str, email: str, language: str, kind: str, party_id: str | None = None,
    company_name: str | None = None, actor: str, source_ip: str,
) -> Account:
    if language not in LANGUAGES:
        raise Invalid("language_invalid", detail={"fields": [{"field": "language", "type": "language"}]})
    address = valid_email(email)
    account_id = ids.new_id()
    now = clock.now().isoformat()
    account = Account(
        pk=account_key(account_id), sk="META", id=account_id, email=address, name=clean_name(name),
        language=language, kind=kind, party_id=party_id or account_id,
        company_name=clean_name(company_name, "company") if company_name else None,
        status=INVITED, created_at=now, gsi2pk="ACCOUNTS", gsi2sk=f"{now}#{account_id}",
    )
    if kind != "person":
        account.gsi1pk, account.gsi1sk = f"COMPANY#{account.party_id}", f"{now}#{account_id}"
    claim = EmailClaim(pk=f"EMAIL#{address}", sk="CLAIM", account_id=account_id)
    audit = trail.entry("account_created", actor=actor, subject=account_id, source_ip=source_ip, kind=kind)
    try:
        with transaction() as write:
            write.save(claim, condition=EmailClaim.pk.does_not_exist())
            write.save(account, condition=Account.pk.does_not_exist())
            write.save(audit, condition=type(audit).pk.does_not_exist())
    except TransactWriteError:
        raise Conflict("email_taken") from None
    return account


def remove(account: Account, *, actor: str, source_ip: str) -> None:
    """The account can no longer sign in, its sessions end at once, and its address is free again."""
    audit = trail.entry("account_removed", actor=actor, subject=account.id, source_ip=source_ip)
    with transaction() as write:
        write.update(
            account,
            actions=[
                Account.status.set(REMOVED), Account.session_generation.add(1), Account.link_generation.add(1),
                Account.gsi2pk.remove(),
            ],
            condition=Account.status.is_in(INVITED, ACTIVE),
        )
        write.delete(EmailClaim(pk=f"EMAIL#{account.email}", sk="CLAIM"))
        write.save(audit, condition=type(audit).pk.does_not_exist())


def summary(account: Account) -> dict[str, object]:
    return {
        "id": account.id, "name": account.name, "email": account.email, "status": account.status,
        "created_at": account.created_at,
    }


__all__ = ["create", "remove", "summary", "valid_email", "clean_name", "ACTIVE"]
