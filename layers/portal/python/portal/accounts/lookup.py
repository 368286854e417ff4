"""Finding accounts: by id, and by e-mail through the unique e-mail claim."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from portal.accounts.addresses import lookup_key
from portal.accounts.models import Account, EmailClaim, account_key, email_claim_key
from portal.platform.errors import NotFound


def by_id(account_id: str) -> Account:
    try:
        return Account.get(account_key(account_id), "META", consistent_read=True)
    except DoesNotExist:
        raise NotFound() from None


def by_email(email: str) -> Account | None:
    try:
        claim = EmailClaim.get(email_claim_key(lookup_key(email)), "CLAIM", consistent_read=True)
    except DoesNotExist:
        return None
    try:
        return by_id(claim.account_id)
    except NotFound:
        return None
