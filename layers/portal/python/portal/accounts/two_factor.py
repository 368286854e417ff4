"""2-step verification: SMS code (SNS), authenticator app (TOTP, pyotp) and the recovery code.

Switching it on proves possession first (the code sent or shown), then hands out a recovery code
once. Once it is on, changing it (another number or method), turning it off and renewing the
recovery code need the password AND the current second factor (:func:`require_second_factor`). A
recovery code is single use and replaced when used; a conditional write makes concurrent uses of
one code succeed once. The owner is mailed about every change and every use of the recovery code.
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import UpdateError

from portal.accounts import codes, passwords, sms_budget, step_up, throttle
from portal.accounts.models import Account
from portal.accounts.phones import normalise_phone
from portal.audit import trail
from portal.platform import clock, mail, sms
from portal.platform.errors import Gone, Invalid, Unauthenticated
from portal.platform.settings import get_settings
from portal.platform.texts import message_for

__all__ = ["normalise_phone"]  # kept here too: callers validated numbers through this module before
TOTP_WINDOW = 1  # accept the previous and next 30-second step: clocks on phones drift


def _require_password(account: Account, password: str) -> None:
    throttle.take(throttle.LOGIN_PER_ACCOUNT, account.email, actor=account.id)  # before the check: atomic
    if not passwords.verify(account.password_hash, password):
        trail.record("password_check_failed", actor=account.id, subject=account.id, source_ip="-", step="two_factor")
        raise Unauthenticated("invalid_credentials")
    throttle.give_back(throttle.LOGIN_PER_ACCOUNT, account.email)


def require_second_factor(account: Account, code: str | None, method: str | None = None, *, source_ip: str,
                          allow_recovery: bool = False) -> None:
    """When 2-step verification is on: the current second factor, checked (and spent) now.

    ``method`` defaults to the account's own (SMS: a step-up code from :func:`step_up.send_code`;
    app: its current code). The recovery code is accepted only where ``allow_recovery`` (turning
    2-step off after losing the phone); it is then spent like at login.
    """
    current = account.two_factor_method
    if not current:
        return
    if not code:
        raise Invalid("second_factor_needed", detail={"fields": [{"field": "code", "type": "code"}],
                                                      "methods": [current, *(["recovery"] if allow_recovery else [])]})
    method = method or current
    # As at login (signin.second_factor): a slot taken before the code is looked at, given back if right.
    throttle.take(throttle.CODE_PER_ACCOUNT, account.id, actor=account.id, source_ip=source_ip)
    try:
        if method == "recovery" and allow_recovery:
            use_recovery_code(account, code, source_ip=source_ip)
        elif method == "sms" and current == "sms":
            step_up.check_code(account, code)
        elif method == "totp" and current == "totp":
            check_totp(account, code)
        else:
            raise Unauthenticated("code_invalid")
    except (Unauthenticated, Gone):
        trail.record("code_failed", actor=account.id, subject=account.id, source_ip=source_ip, method=method,
                     step="two_factor_change")
        raise
    throttle.give_back(throttle.CODE_PER_ACCOUNT, account.id)


def start_sms(account: Account, phone: str, password: str, *, source_ip: str, code: str | None = None,
              method: str | None = None) -> dict[str, Any]:
    number = normalise_phone(phone)
    _require_password(account, password)
    require_second_factor(account, code, method, source_ip=source_ip)
    throttle.take(throttle.CODE_PER_ACCOUNT, account.id, actor=account.id, source_ip=source_ip)
    spent = sms_budget.spend(account.id, source_ip=source_ip)
    if spent is not None:
        raise sms_budget.BudgetSpent(spent, [])
    code = codes.new_sms_code()
    account.update(
        actions=[
            Account.pending_phone.set(number),
            Account.pending_code_hash.set(codes.sms_code_hash(code, f"setup:{account.id}:{number}")),
            Account.pending_code_expires.set(clock.epoch() + codes.SMS_CODE_SECONDS),
            Account.pending_code_attempts.set(0),
        ]
    )
    sms.send_sms(number, message_for("sms_setup_code", account.language).format(code=code))
    return {"status": "code_sent", "phone_hint": codes.phone_hint(number)}


def confirm_sms(account: Account, code: str, *, source_ip: str) -> str:
    number = account.pending_phone
    if not number or account.pending_code_expires is None or clock.epoch() >= account.pending_code_expires:
        raise Gone("code_expired")
    try:  # counted before the comparison, in one conditional write (as signin._check_sms)
        account.update(actions=[Account.pending_code_attempts.add(1)],
                       condition=Account.pending_code_attempts < codes.SMS_CODE_ATTEMPTS)
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise Gone("code_expired") from None
    if not codes.same(account.pending_code_hash, code, f"setup:{account.id}:{number}"):
        raise Unauthenticated("code_invalid")
    before = _state(account)
    recovery = codes.new_recovery_code()
    account.update(
        actions=[
            Account.two_factor_method.set("sms"),
            Account.phone.set(number),
            Account.pending_phone.remove(),
            Account.pending_code_hash.remove(),
            Account.pending_code_expires.remove(),
            Account.totp_secret.remove(),
            *_recovery_actions(recovery),
        ]
    )
    trail.record("two_factor_on", actor=account.id, subject=account.id, source_ip=source_ip, method="sms")
    _tell_owner(account, before)
    return recovery


def start_totp(account: Account, password: str, *, source_ip: str = "unknown", code: str | None = None,
               method: str | None = None) -> dict[str, Any]:
    import pyotp  # lazy: cold start, only the authenticator paths load pyotp and segno
    import segno

    _require_password(account, password)
    require_second_factor(account, code, method, source_ip=source_ip)
    secret = pyotp.random_base32()
    account.update(actions=[Account.totp_pending_secret.set(secret)])
    uri = pyotp.TOTP(secret).provisioning_uri(name=account.email, issuer_name=get_settings().office_name)
    qr_svg = segno.make(uri, error="m").svg_inline(scale=4, dark="#111", light="#fff", omitsize=False)
    return {"secret": secret, "otpauth_uri": uri, "qr_svg": qr_svg}


def _verify_totp(secret: str, code: str, last_step: int | None) -> int | None:
    """The matched time step, if the code is right and newer than the last one accepted."""
    import pyotp

    totp = pyotp.TOTP(secret)
    now = clock.now()
    digits = "".join(c for c in code if c.isdigit())
    for offset in range(-TOTP_WINDOW, TOTP_WINDOW + 1):
        step = totp.timecode(now) + offset
        if totp.generate_otp(step) == digits and (last_step is None or step > last_step):
            return step
    return None


def confirm_totp(account: Account, code: str, *, source_ip: str) -> str:
    if not account.totp_pending_secret:
        raise Gone("code_expired")
    step = _verify_totp(account.totp_pending_secret, code, None)
    if step is None:
        raise Unauthenticated("code_invalid")
    before = _state(account)
    recovery = codes.new_recovery_code()
    account.update(
        actions=[
            Account.two_factor_method.set("totp"),
            Account.totp_secret.set(account.totp_pending_secret),
            Account.totp_pending_secret.remove(),
            Account.totp_last_step.set(step),
            Account.phone.remove(),
            *_recovery_actions(recovery),
        ]
    )
    trail.record("two_factor_on", actor=account.id, subject=account.id, source_ip=source_ip, method="totp")
    _tell_owner(account, before)
    return recovery


def check_totp(account: Account, code: str) -> None:
    step = _verify_totp(account.totp_secret or "", code, account.totp_last_step)
    if step is None:  # the caller (signin.second_factor) took a CODE_PER_ACCOUNT slot before
        raise Unauthenticated("code_invalid")
    try:
        # No code is accepted twice, even by two logins racing with the same code.
        condition = Account.totp_last_step.does_not_exist() | (Account.totp_last_step < step)
        account.update(actions=[Account.totp_last_step.set(step)], condition=condition)
    except UpdateError:
        raise Unauthenticated("code_invalid") from None


def _recovery_actions(code: str) -> list[Any]:
    salt = codes.new_recovery_salt()
    return [Account.recovery_code_hash.set(codes.recovery_hash(code, salt)), Account.recovery_code_salt.set(salt)]


def use_recovery_code(account: Account, code: str, *, source_ip: str) -> str:
    """Spend the recovery code; returns its replacement, to be shown once. The owner is mailed."""
    replacement = codes.new_recovery_code()
    try:
        account.update(
            actions=_recovery_actions(replacement),
            condition=Account.recovery_code_hash == codes.recovery_hash(code, account.recovery_code_salt),
        )
    except UpdateError:  # the caller (signin.second_factor) took a CODE_PER_ACCOUNT slot before
        raise Unauthenticated("code_invalid") from None
    trail.record("recovery_code_used", actor=account.id, subject=account.id, source_ip=source_ip)
    mail.send(account.email, "recovery_code_used", account.language, name=account.name,
              at=clock.now().strftime("%Y-%m-%d %H:%M UTC"))
    return replacement


def renew_recovery_code(account: Account, password: str, code: str | None, *, source_ip: str,
                        method: str | None = None) -> str:
    """A new recovery code (the old one stops working): needs the password and the second factor."""
    if not account.two_factor_method:
        raise Invalid("two_factor_off")
    _require_password(account, password)
    require_second_factor(account, code, method, source_ip=source_ip)
    recovery = codes.new_recovery_code()
    account.update(actions=_recovery_actions(recovery))
    trail.record("recovery_code_renewed", actor=account.id, subject=account.id, source_ip=source_ip)
    return recovery


def disable(account: Account, password: str, *, source_ip: str, code: str | None = None,
            method: str | None = None) -> None:
    _require_password(account, password)
    require_second_factor(account, code, method, source_ip=source_ip, allow_recovery=True)
    before = _state(account)
    account.update(
        actions=[
            Account.two_factor_method.remove(),
            Account.phone.remove(),
            Account.totp_secret.remove(),
            Account.totp_last_step.remove(),
            # With passkeys left, 2-step stays on through them: their recovery code stays too.
            *([] if account.passkey_count else [Account.recovery_code_hash.remove(), Account.recovery_code_salt.remove()]),
        ]
    )
    trail.record("two_factor_off", actor=account.id, subject=account.id, source_ip=source_ip)
    _tell_owner(account, before)


def _state(account: Account) -> tuple[str | None, str | None]:
    return account.two_factor_method, account.phone if account.two_factor_method == "sms" else None


def _tell_owner(account: Account, before: tuple[str | None, str | None]) -> None:
    """One mail to the account's own address per change: a change by someone else does not go unnoticed.

    Says whether 2-step verification went on or off, and which phone was added or removed.
    """
    was_on, old_phone = before
    now_on, new_phone = _state(account)
    added = codes.phone_hint(new_phone) if new_phone and new_phone != old_phone else None
    removed = codes.phone_hint(old_phone) if old_phone and old_phone != new_phone else None
    if bool(was_on) != bool(now_on):
        mail.send(account.email, "two_factor_changed", account.language, name=account.name, enabled=bool(now_on),
                  phone_added=added, phone_removed=removed)
    else:
        mail.send(account.email, "phone_changed", account.language, name=account.name, method=now_on,
                  phone_added=added, phone_removed=removed)
