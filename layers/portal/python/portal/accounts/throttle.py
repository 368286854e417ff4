"""Throttling of failed logins, code entries and link requests, per account and per source address.

A fixed window per key: after ``limit`` failures the key is locked until the window ends. The
lock never outlasts the window, so nobody can lock another person out for longer than that wait;
a successful login clears the account's counter. Keys for e-mail addresses are hashed, and
unknown addresses are counted exactly like known ones, so the answers reveal nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import DoesNotExist

from portal.platform import clock
from portal.platform.db import PortalModel
from portal.platform.errors import Throttled
from portal.platform.settings import get_settings


class Counter(PortalModel):
    """``THROTTLE#<rule>#<key> / META``."""

    count = NumberAttribute(default=0)
    window_end = NumberAttribute()
    expires_at = NumberAttribute()


@dataclass(frozen=True)
class Rule:
    name: str
    fixed_limit: int
    window_seconds: int
    setting: str | None = None  # per-address limits are configurable (see Settings)

    @property
    def limit(self) -> int:
        return int(getattr(get_settings(), self.setting)) if self.setting else self.fixed_limit


LOGIN_PER_ACCOUNT = Rule("login-account", 5, 15 * 60)
LOGIN_PER_ADDRESS = Rule("login-ip", 50, 15 * 60, "login_failures_per_address")
CODE_PER_ACCOUNT = Rule("code-account", 10, 15 * 60)
LINKS_PER_EMAIL = Rule("link-email", 5, 60 * 60)
LINKS_PER_ADDRESS = Rule("link-ip", 30, 60 * 60, "link_requests_per_address")


def _key(rule: Rule, subject: str) -> str:
    digest = hashlib.sha256(subject.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"THROTTLE#{rule.name}#{digest}"


def check(rule: Rule, subject: str) -> None:
    """Raise 429 while the subject is locked under this rule."""
    try:
        counter = Counter.get(_key(rule, subject), "META")
    except DoesNotExist:
        return
    if counter.window_end > clock.epoch() and counter.count >= rule.limit:
        raise Throttled(detail={"retry_after": counter.window_end - clock.epoch()})


def hit(rule: Rule, subject: str) -> None:
    """Count one failure (or one request, for rate-limited actions)."""
    now = clock.epoch()
    key = _key(rule, subject)
    try:
        counter = Counter.get(key, "META")
        if counter.window_end <= now:
            counter.count, counter.window_end = 0, now + rule.window_seconds
    except DoesNotExist:
        counter = Counter(pk=key, sk="META", count=0, window_end=now + rule.window_seconds)
    counter.count += 1
    counter.expires_at = counter.window_end + 60
    counter.save()


def reset(rule: Rule, subject: str) -> None:
    Counter(pk=_key(rule, subject), sk="META").delete()
