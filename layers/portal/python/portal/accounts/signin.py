"""Signing in: password, then (when switched on) the second step: SMS code, authenticator or recovery code.

A password reset never bypasses the second step: setting a password goes through :func:`complete`
too. The pending login is bound to the browser by its own ``__Host-`` cookie; an SMS code is only
valid for the login it was sent for.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from pynamodb.exceptions import DeleteError, DoesNotExist, UpdateError

from portal.accounts import codes, passwords, sessions, sms_budget, throttle, trusted_devices
from portal.accounts.lookup import by_email, by_id
from portal.accounts.models import ACTIVE, Account, PendingLogin
from portal.audit import trail
from portal.platform import clock, ids, sms
from portal.platform.errors import Gone, Throttled, Unauthenticated
from portal.platform.texts import message_for

PENDING_LOGIN_SECONDS = 10 * 60
OFFER_EVERY_SECONDS = 30 * 24 * 3600  # "Sneller en veiliger inloggen?" at most once a month


@dataclass
class LoginResult:
    status: str  # ok | second_factor_required
    session_cookie: str | None = None
    login_cookie: str | None = None
    device_cookie: str | None = None  # set with the session: this browser signed in (trusted_devices)
    body: dict[str, Any] = field(default_factory=dict)
    # The signed-in account, once the login is complete: the client API's answer adds its Me
    # (portal.composed.profile.login_response), which needs the packages above accounts.
    account: Account | None = None


def login(email: str, password: str, *, source_ip: str, user_agent: str | None = None,
          device_cookie: str | None = None) -> LoginResult:
    """Check the password: each attempt reserves its throttle slots first (one conditional write
    each), so concurrent attempts past the limit are refused without their password being checked.

    A browser that signed in to the account before (``device_cookie``) spends its own allowance;
    the account-wide lock is for everyone else, so an attacker cannot lock the owner out.
    """
    account = by_email(email)
    actor = account.id if account else "unknown"
    device = trusted_devices.recognise(account.id if account else None, device_cookie)
    rule, subject = (throttle.LOGIN_PER_DEVICE, f"{account.id}#{device}") if account and device else (
        throttle.LOGIN_PER_ACCOUNT, email)
    throttle.take(rule, subject, actor=actor, source_ip=source_ip)
    try:
        throttle.take(throttle.LOGIN_PER_ADDRESS, source_ip, actor=actor, source_ip=source_ip)
    except Throttled:
        throttle.give_back(rule, subject)  # not evaluated: not a failure against the account
        raise
    # The hash is checked for unknown accounts too: same work, same time, same answer.
    valid = passwords.verify(account.password_hash if account else None, password)
    if not valid or account is None or account.status != ACTIVE:
        # Unknown addresses are kept out of the trail: only a hash, to tie repeated guesses together.
        detail = {} if account else {"email_hash": hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]}
        trail.record("login_failed", actor=actor, subject=actor, source_ip=source_ip, **detail)
        raise Unauthenticated("invalid_credentials")
    passwords.upgrade(account, password)  # older parameters: rehashed now, while the password is at hand
    throttle.give_back(throttle.LOGIN_PER_ADDRESS, source_ip)
    throttle.reset(rule, subject)
    return complete(account, source_ip=source_ip, user_agent=user_agent, device_cookie=device_cookie)


def complete(account: Account, *, source_ip: str, user_agent: str | None = None,
             device_cookie: str | None = None) -> LoginResult:
    """After a correct password: a session, or the second step when it is switched on.

    ``user_agent`` is the request's header: the session keeps only the coarse device it names.
    """
    if account.two_factor_method or account.passkey_count:  # a passkey is a second step too
        return _begin_second_factor(account, source_ip=source_ip)
    return _finish(account, source_ip=source_ip, user_agent=user_agent, device_cookie=device_cookie)


def _finish(account: Account, *, source_ip: str, user_agent: str | None, device_cookie: str | None = None,
            **extra: Any) -> LoginResult:
    first_login = not account.first_login_done
    account.update(actions=[Account.last_login_at.set(clock.now().isoformat()), Account.first_login_done.set(True)])
    cookie = sessions.start(account, user_agent)
    trail.record("login", actor=account.id, subject=account.id, source_ip=source_ip)
    body = {"status": "ok", "first_login": first_login, **extra}
    device = trusted_devices.remember(account.id, device_cookie)
    return LoginResult("ok", session_cookie=cookie, device_cookie=device, body=body, account=account)


def _begin_second_factor(account: Account, *, source_ip: str) -> LoginResult:
    value = ids.new_token()
    now = clock.epoch()
    pending = PendingLogin(
        pk=_key(value), sk="META", account_id=account.id, method=account.two_factor_method or "passkey", attempts=0,
        valid_until=now + PENDING_LOGIN_SECONDS, expires_at=now + PENDING_LOGIN_SECONDS + 3600,
    )
    spent = _attach_sms_code(pending, account, source_ip=source_ip) if pending.method == "sms" else None
    pending.save()
    body: dict[str, Any] = {
        "status": "second_factor_required",
        "methods": [pending.method, "recovery"],
        "phone_hint": codes.phone_hint(account.phone) if pending.method == "sms" else None,
    }
    if account.passkey_count and pending.method != "passkey":
        body["methods"].insert(0, "passkey")
    if spent is not None:
        # No SMS: the password was right, so the login goes on with the other ways in, and says why.
        body["methods"] = sms_budget_alternatives(account)
        body["notice"] = {"code": "sms_budget_spent", "message": message_for("sms_budget_spent", account.language),
                          "retry_after": spent.retry_after}
    return LoginResult("second_factor_required", login_cookie=value, body=body)


def sms_budget_alternatives(account: Account) -> list[str]:
    """The ways in that need no SMS: a passkey or the authenticator app when set up, and the recovery code."""
    return (["passkey"] if account.passkey_count else []) + (["totp"] if account.totp_secret else []) + (["recovery"] if account.recovery_code_hash else [])


def _attach_sms_code(pending: PendingLogin, account: Account, *, source_ip: str) -> sms_budget.Spent | None:
    """Send a fresh code, if the account's and the office's SMS budgets allow; else say which is spent."""
    spent = sms_budget.spend(account.id, source_ip=source_ip)
    if spent is not None:
        return spent
    code = codes.new_sms_code()
    pending.code_hash = codes.sms_code_hash(code, pending.pk)
    pending.code_valid_until = clock.epoch() + codes.SMS_CODE_SECONDS
    pending.attempts = 0
    sms.send_sms(account.phone or "", message_for("sms_login_code", account.language).format(code=code))
    return None


def _key(value: str) -> str:
    return f"LOGIN#{ids.token_hash(value)}"


def _pending(login_cookie: str | None) -> PendingLogin:
    if not login_cookie:
        raise Unauthenticated("login_expired")
    try:
        pending = PendingLogin.get(_key(login_cookie), "META", consistent_read=True)
    except DoesNotExist:
        raise Unauthenticated("login_expired") from None
    if clock.epoch() >= pending.valid_until:
        raise Unauthenticated("login_expired")
    return pending


def resend_sms(login_cookie: str | None, *, source_ip: str = "unknown") -> None:
    pending = _pending(login_cookie)
    account = by_id(pending.account_id)
    throttle.take(throttle.CODE_PER_ACCOUNT, account.id, actor=account.id)
    if pending.method == "sms":
        spent = _attach_sms_code(pending, account, source_ip=source_ip)
        if spent is not None:
            raise sms_budget.BudgetSpent(spent, sms_budget_alternatives(account))
        pending.save()


def second_factor(login_cookie: str | None, method: str, code: str, *, source_ip: str,
                  user_agent: str | None = None, device_cookie: str | None = None) -> LoginResult:
    pending = _pending(login_cookie)
    account = by_id(pending.account_id)
    # The slot is taken before the code is looked at, and given back if the code was right.
    throttle.take(throttle.CODE_PER_ACCOUNT, account.id, actor=account.id, source_ip=source_ip)
    extra: dict[str, Any] = {}
    from portal.accounts import two_factor  # lazy: cold start, only the second step checks these codes

    try:
        if method == "recovery":
            extra["recovery_code"] = two_factor.use_recovery_code(account, code, source_ip=source_ip)
        elif method == "sms" and pending.method == "sms":
            _check_sms(pending, code)
        elif method == "totp" and pending.method == "totp":
            two_factor.check_totp(account, code)
        else:
            raise Unauthenticated("code_invalid")
    except Unauthenticated:
        trail.record("code_failed", actor=account.id, subject=account.id, source_ip=source_ip, method=method)
        raise
    throttle.give_back(throttle.CODE_PER_ACCOUNT, account.id)
    if method in ("sms", "totp"):
        extra.update(offer_passkey(account))
    try:
        # Exactly one completion per pending login, whatever races with it.
        pending.delete(condition=PendingLogin.pk.exists())
    except DeleteError:
        raise Unauthenticated("login_expired") from None
    return _finish(account, source_ip=source_ip, user_agent=user_agent, device_cookie=device_cookie, **extra)


def _check_sms(pending: PendingLogin, code: str) -> None:
    if pending.code_valid_until is None or clock.epoch() >= pending.code_valid_until:
        raise Gone("code_expired")
    try:
        # The attempt is counted before the code is compared, in one conditional write: however
        # many tries race, at most SMS_CODE_ATTEMPTS codes are ever compared.
        pending.update(
            actions=[PendingLogin.attempts.add(1)],
            condition=PendingLogin.pk.exists() & (PendingLogin.attempts < codes.SMS_CODE_ATTEMPTS),
        )
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise Gone("code_expired") from None
    if not codes.same(pending.code_hash, code, pending.pk):
        raise Unauthenticated("code_invalid")


def logout(session_cookie: str | None, *, source_ip: str, account_id: str | None = None) -> None:
    """End the session; the trail names the account the cookie names (the cookie's format is sessions')."""
    account_id = account_id or sessions.account_of(session_cookie)
    sessions.end(session_cookie)
    if account_id:
        trail.record("logout", actor=account_id, subject=account_id, source_ip=source_ip)


def offer_passkey(account: Account) -> dict[str, Any]:
    """After a login by SMS or app: offer a passkey, if the account has none and was not asked this month."""
    if account.passkey_count:
        return {}
    now = clock.epoch()
    if account.passkey_offered_at and now - account.passkey_offered_at < OFFER_EVERY_SECONDS:
        return {}
    account.update(actions=[Account.passkey_offered_at.set(now)])
    return {"offer_passkey": True}
