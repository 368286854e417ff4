"""Device cookies: a browser that signed in to an account keeps its own allowance of failed logins.

OWASP's answer to lock-out as a denial of service ("Slow Down Online Guessing Attacks with Device
Cookies"): five wrong passwords from anywhere would otherwise lock the account for everyone. After
a successful sign-in the browser gets a random 256-bit token in a ``__Host-`` cookie; the portal
keeps only its sha256, with the account (``ACCOUNT#<id> / DEVICE#<sha256>``). A login from that
browser counts its failures against the device (throttle.LOGIN_PER_DEVICE); the account-wide lock
applies only to clients without one. The cookie proves nothing else: it never replaces the
password or the second step. One cookie per browser: signing in to a second account on the same
browser trusts the same token for that account too.
"""

from __future__ import annotations

import re

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DoesNotExist

from portal.accounts.models import account_key
from portal.platform import clock, ids
from portal.platform.db import PortalModel

LIFETIME_SECONDS = 180 * 24 * 3600  # renewed at every sign-in from the browser
MAX_LENGTH = 100  # a token is 43 characters; anything longer is not one of ours
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # ids.new_token(): only such a value is ever sent back


class TrustedDevice(PortalModel):
    """``ACCOUNT#<id> / DEVICE#<sha256(cookie)>``: a browser that signed in to the account."""

    account_id = UnicodeAttribute()
    valid_until = NumberAttribute()
    expires_at = NumberAttribute()  # TTL


def _sort_key(token: str) -> str:
    return f"DEVICE#{ids.token_hash(token)}"


def recognise(account_id: str | None, token: str | None) -> str | None:
    """The device's id (the token's hash) if this browser signed in to the account before, else None.

    Unknown accounts are looked up too (and found nowhere): the same work either way.
    """
    if not token or len(token) > MAX_LENGTH:
        return None
    try:
        device = TrustedDevice.get(account_key(account_id or "unknown"), _sort_key(token))
    except DoesNotExist:
        return None
    if account_id is None or clock.epoch() >= device.valid_until:
        return None
    return ids.token_hash(token)


def remember(account_id: str, token: str | None) -> str:
    """Trust this browser for the account after a successful sign-in; returns the cookie value.

    The browser's token is kept when it has the shape of ours (another account may trust it too);
    anything else is replaced, never echoed into a Set-Cookie header.
    """
    value = token if token and _TOKEN.fullmatch(token) else ids.new_token()
    valid_until = clock.epoch() + LIFETIME_SECONDS
    TrustedDevice(
        pk=account_key(account_id), sk=_sort_key(value), account_id=account_id,
        valid_until=valid_until, expires_at=valid_until,
    ).save()
    return value
