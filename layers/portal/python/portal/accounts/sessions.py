"""Sessions: an opaque random token in a ``__Host-`` cookie, stored only as its sha256.

The cookie value is ``<account id>.<256-bit token>``: the account id lets one BatchGetItem fetch
the session and its account together, so every authenticated request costs a single DynamoDB
read. A session is valid while it is younger than the absolute lifetime, used within the idle
timeout, and of the account's current session generation (which blocking, removal and password
changes raise: every older session dies on its next request).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.accounts import devices
from portal.accounts.models import ACTIVE, Account, Session, account_key, sessions_key
from portal.platform import clock, ids
from portal.platform.db import batch_get
from portal.platform.errors import Unauthenticated
from portal.platform.settings import get_settings

COOKIE = "__Host-portal_session"
LOGIN_COOKIE = "__Host-portal_login"
DEVICE_COOKIE = "__Host-portal_device"  # a browser that signed in before (accounts/trusted_devices.py)
TOUCH_EVERY_SECONDS = 60


@dataclass(frozen=True)
class Principal:
    """Who is calling: resolved from the session for every request, passed to every domain function."""

    account_id: str
    party_id: str
    kind: str
    language: str
    session_key: str
    account: Account
    # The session item this request was authenticated with (None where a principal is made without one).
    session: Session | None = field(default=None, compare=False, repr=False)

    @property
    def is_company_main(self) -> bool:
        return self.kind == "company_main"


def _session_key(cookie_value: str) -> str:
    return f"SESSION#{ids.token_hash(cookie_value)}"


def listing_sk(created_at: int, session_id: str) -> str:
    """The sort key of a session in its account's list: creation time (zero-padded), then its id."""
    return f"{created_at:010d}#{session_id}"


def start(account: Account, user_agent: str | None = None) -> str:
    """Create a session; returns the cookie value (shown to the browser once, never stored).

    ``user_agent`` (the login request's header) only yields the coarse device the session list shows.
    """
    settings = get_settings()
    now = clock.epoch()
    value = f"{account.id}.{ids.new_token()}"
    absolute = now + settings.session_absolute_hours * 3600
    session_id, device = ids.new_id(), devices.describe(user_agent)
    Session(
        pk=_session_key(value), sk="META", account_id=account.id, generation=account.session_generation,
        created_at=now, last_seen=now,
        absolute_expiry=absolute, expires_at=absolute,
        id=session_id, browser=device.browser, os=device.os,
        gsi1pk=sessions_key(account.id), gsi1sk=listing_sk(now, session_id),
    ).save()
    return value


def expired(session: Session, now: int) -> bool:
    """Past its absolute lifetime, or unused for longer than the idle timeout."""
    return now >= session.absolute_expiry or now - session.last_seen >= get_settings().session_idle_minutes * 60


def authenticate(cookie_value: str | None) -> Principal:
    if not cookie_value or "." not in cookie_value or len(cookie_value) > 200:
        raise Unauthenticated()
    account_id = cookie_value.split(".", 1)[0]
    key = _session_key(cookie_value)
    found = batch_get([(key, "META"), (account_key(account_id), "META")])
    session_item = next((i for i in found if i["pk"]["S"] == key), None)
    account_item = next((i for i in found if i["pk"]["S"] == account_key(account_id)), None)
    if session_item is None or account_item is None:
        raise Unauthenticated()
    session = Session.from_raw_data(session_item)
    account = Account.from_raw_data(account_item)
    now = clock.epoch()
    if session.account_id != account.id or account.status != ACTIVE or session.generation != account.session_generation:
        raise Unauthenticated()
    if expired(session, now):
        Session(pk=key, sk="META").delete()
        raise Unauthenticated("session_expired")
    if now - session.last_seen >= TOUCH_EVERY_SECONDS:
        session.update(actions=[Session.last_seen.set(now)])
    return Principal(account.id, account.party_id, account.kind, account.language, key, account, session)


def account_of(cookie_value: str | None) -> str | None:
    """The account id a session cookie names (unverified: for the trail of a logout, never for access)."""
    return cookie_value.split(".", 1)[0] if cookie_value and "." in cookie_value else None


def end(cookie_value: str | None) -> None:
    if cookie_value:
        Session(pk=_session_key(cookie_value), sk="META").delete()


def end_all(account: Account) -> None:
    """End every session of the account, at once: a new generation voids every existing session."""
    account.update(actions=[Account.session_generation.add(1)])
