"""Throttling of failed logins, code entries and link requests, per account and per source address.

A fixed window per key: at most ``limit`` attempts are evaluated per window, then the key is
locked until the window ends. The lock never outlasts the window, so nobody can lock another
person out for longer than that wait. Keys for e-mail addresses are hashed, and unknown addresses
are counted exactly like known ones, so the answers reveal nothing.

Every decision is one conditional write (:func:`take`): an attempt reserves its slot before it is
evaluated (ADD count, on condition that the window is current and the count below the limit), so
N concurrent attempts evaluate exactly ``limit`` of them, never more. A read followed by a write
would let all N through between the two. An attempt that succeeds gives its slot back
(:func:`give_back`): only failures use up the allowance.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import DoesNotExist, PynamoDBException, UpdateError

from portal.audit import trail
from portal.platform import clock
from portal.platform.db import PortalModel
from portal.platform.errors import Throttled
from portal.platform.settings import get_settings


class Counter(PortalModel):
    """``THROTTLE#<rule>#<key> / META``."""

    count = NumberAttribute(default=0)
    window_end = NumberAttribute(null=True)
    expires_at = NumberAttribute(null=True)
    refused = NumberAttribute(null=True)  # attempts refused in this window: the first one is audited


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
# A browser that signed in to the account before has its own allowance (OWASP device cookies):
# its failures count here, not against the account-wide LOGIN_PER_ACCOUNT (see trusted_devices).
LOGIN_PER_DEVICE = Rule("login-device", 5, 15 * 60)


def _key(rule: Rule, subject: str) -> str:
    digest = hashlib.sha256(subject.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"THROTTLE#{rule.name}#{digest}"


def _condition_failed(error: PynamoDBException) -> bool:
    return error.cause_response_code == "ConditionalCheckFailedException"


def _count_in_window(key: str, now: int, limit: int | None) -> bool:
    """One slot in the current window (below ``limit``, if given). False when that condition fails."""
    condition = Counter.window_end > now
    if limit is not None:
        condition &= Counter.count < limit
    try:
        Counter(pk=key, sk="META").update(actions=[Counter.count.add(1)], condition=condition)
    except UpdateError as error:
        if not _condition_failed(error):
            raise
        return False
    return True


def _start_window(key: str, now: int, rule: Rule) -> bool:
    """The first slot of a new window, if there is no current one. False when another request has one."""
    end = now + rule.window_seconds
    try:
        Counter(pk=key, sk="META").update(
            actions=[Counter.count.set(1), Counter.window_end.set(end), Counter.expires_at.set(end + 60),
                     Counter.refused.remove()],
            condition=Counter.window_end.does_not_exist() | (Counter.window_end <= now),
        )
    except UpdateError as error:
        if not _condition_failed(error):
            raise
        return False
    return True


def take(rule: Rule, subject: str, *, actor: str = "unknown", source_ip: str = "") -> None:
    """Reserve one attempt before evaluating it, or raise 429 (audited once per locked window).

    ``actor`` is the account the attempt is about, when known: the refusal lands in its history.
    """
    now, key, limit = clock.epoch(), _key(rule, subject), rule.limit
    for _ in range(2):
        if _count_in_window(key, now, limit) or _start_window(key, now, rule):
            return
        counter = Counter(pk=key, sk="META")
        try:
            # Both conditions failed: locked, or a window started between the two writes.
            counter.update(actions=[Counter.refused.add(1)], condition=Counter.pk.exists())
        except UpdateError as error:
            if not _condition_failed(error):
                raise
            continue  # reset meanwhile: try again
        if counter.window_end is not None and counter.window_end > now and counter.count >= limit:
            break
    else:
        raise Throttled(detail={"retry_after": rule.window_seconds})
    if counter.refused == 1:
        _audit_refusal(rule, key, actor, source_ip)
    raise Throttled(detail={"retry_after": max(1, (counter.window_end or now) - now)})


def _audit_refusal(rule: Rule, key: str, actor: str, source_ip: str) -> None:
    # The key, not the subject: an address or e-mail in it is hashed.
    trail.record("throttled", actor=actor, subject=actor, source_ip=source_ip or "-", rule=rule.name,
                 key=key.rsplit("#", 1)[1])


def give_back(rule: Rule, subject: str) -> None:
    """Return the slot an attempt reserved: it succeeded, so it is not a failure."""
    try:
        Counter(pk=_key(rule, subject), sk="META").update(
            actions=[Counter.count.add(-1)], condition=Counter.count > 0
        )
    except UpdateError as error:
        if not _condition_failed(error):
            raise


def check(rule: Rule, subject: str) -> None:
    """Raise 429 while the subject is locked under this rule (a read: prefer :func:`take`)."""
    try:
        counter = Counter.get(_key(rule, subject), "META")
    except DoesNotExist:
        return
    if counter.window_end is not None and counter.window_end > clock.epoch() and counter.count >= rule.limit:
        raise Throttled(detail={"retry_after": counter.window_end - clock.epoch()})


def hit(rule: Rule, subject: str) -> None:
    """Count one failure after the fact, atomically (a counted write, no read before it)."""
    now, key = clock.epoch(), _key(rule, subject)
    while not (_count_in_window(key, now, None) or _start_window(key, now, rule)):
        pass  # a window started or ended between the two writes: one of them succeeds next time


def reset(rule: Rule, subject: str) -> None:
    Counter(pk=_key(rule, subject), sk="META").delete()
