"""2-step verification: SMS code (SNS), authenticator app (TOTP, pyotp) and the recovery code.

Switching it on proves possession first (the code sent or shown), then hands out a recovery code
once. Turning it off or changing the number needs the password again. A recovery code is single
use and replaced when used; a conditional write makes concurrent uses of one code succeed once.
"""

from __future__ import annotations

import re
from typing import Any

from pynamodb.exceptions import UpdateError

from portal.accounts import codes, passwords, throttle
from portal.accounts.models import Account
from portal.audit import trail
from portal.platform import clock, mail, sms
from portal.platform.errors import Gone, Invalid, Unauthenticated
from portal.platform.messages import message_for
from portal.platform.settings import get_settings

_PHONE = re.compile(r"^\+[1-9]\d{7,14}$")
TOTP_WINDOW = 1  # accept the previous and next 30-second step: clocks on phones drift


def normalise_phone(raw: str) -> str:
    phone = re.sub(r"[\s\-().]", "", raw or "")
    if phone.startswith("00"):
        phone = "+" + phone[2:]
    elif phone.startswith("06") and len(phone) == 10:
        phone = "+31" + phone[1:]  # a Dutch mobile number as people write it
    if not _PHONE.fullmatch(phone):
        raise Invalid("phone_invalid", detail={"fields": [{"field": "phone", "type": "phone"}]})
    return phone


def _require_password(account: Account, password: str) -> None:
    throttle.take(throttle.LOGIN_PER_ACCOUNT, account.email, actor=account.id)  # before the check: atomic
    if not passwords.verify(account.password_hash, password):
        trail.record("password_check_failed", actor=account.id, subject=account.id, source_ip="-", step="two_factor")
        raise Unauthenticated("invalid_credentials")
    throttle.give_back(throttle.LOGIN_PER_ACCOUNT, account.email)


def start_sms(account: Account, phone: str, password: str, *, source_ip: str) -> dict[str, Any]:
    number = normalise_phone(phone)
    _require_password(account, password)
    throttle.take(throttle.CODE_PER_ACCOUNT, account.id, actor=account.id, source_ip=source_ip)
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
    recovery = codes.new_recovery_code()
    account.update(
        actions=[
            Account.two_factor_method.set("sms"),
            Account.phone.set(number),
            Account.pending_phone.remove(),
            Account.pending_code_hash.remove(),
            Account.pending_code_expires.remove(),
            Account.totp_secret.remove(),
            Account.recovery_code_hash.set(codes.recovery_hash(recovery)),
        ]
    )
    trail.record("two_factor_on", actor=account.id, subject=account.id, source_ip=source_ip, method="sms")
    _tell_owner(account, enabled=True)
    return recovery


def start_totp(account: Account, password: str) -> dict[str, Any]:
    import pyotp
    import segno

    _require_password(account, password)
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
    recovery = codes.new_recovery_code()
    account.update(
        actions=[
            Account.two_factor_method.set("totp"),
            Account.totp_secret.set(account.totp_pending_secret),
            Account.totp_pending_secret.remove(),
            Account.totp_last_step.set(step),
            Account.phone.remove(),
            Account.recovery_code_hash.set(codes.recovery_hash(recovery)),
        ]
    )
    trail.record("two_factor_on", actor=account.id, subject=account.id, source_ip=source_ip, method="totp")
    _tell_owner(account, enabled=True)
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


def use_recovery_code(account: Account, code: str, *, source_ip: str) -> str:
    """Spend the recovery code; returns its replacement, to be shown once."""
    replacement = codes.new_recovery_code()
    try:
        account.update(
            actions=[Account.recovery_code_hash.set(codes.recovery_hash(replacement))],
            condition=Account.recovery_code_hash == codes.recovery_hash(code),
        )
    except UpdateError:  # the caller (signin.second_factor) took a CODE_PER_ACCOUNT slot before
        raise Unauthenticated("code_invalid") from None
    trail.record("recovery_code_used", actor=account.id, subject=account.id, source_ip=source_ip)
    return replacement


def disable(account: Account, password: str, *, source_ip: str) -> None:
    _require_password(account, password)
    account.update(
        actions=[
            Account.two_factor_method.remove(),
            Account.phone.remove(),
            Account.totp_secret.remove(),
            Account.totp_last_step.remove(),
            Account.recovery_code_hash.remove(),
        ]
    )
    trail.record("two_factor_off", actor=account.id, subject=account.id, source_ip=source_ip)
    _tell_owner(account, enabled=False)


def _tell_owner(account: Account, *, enabled: bool) -> None:
    """A mail to the account's own address: a change made by someone else does not go unnoticed."""
    mail.send(account.email, "two_factor_changed", account.language, name=account.name, enabled=enabled)
