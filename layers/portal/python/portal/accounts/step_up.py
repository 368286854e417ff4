"""Step-up by SMS: a code sent to the account's current phone to confirm a change of 2-step verification.

A stolen session plus the password (phished together, or typed on a shared computer) must not be
enough to move 2-step verification to the attacker's phone, turn it off or read a fresh recovery
code: the current second factor is asked for as well. For an authenticator app that is its code;
for SMS it is this code. Attempts are counted with one conditional update before the comparison,
so concurrent guesses cannot exceed the limit; a right code is spent by a conditional remove.
"""

from __future__ import annotations

from pynamodb.exceptions import UpdateError

from portal.accounts import codes, sms_budget, throttle
from portal.accounts.models import Account
from portal.platform import clock, sms
from portal.platform.errors import Gone, Invalid, Unauthenticated
from portal.platform.texts import message_for


def _salt(account: Account) -> str:
    return f"step-up:{account.id}"


def send_code(account: Account, *, source_ip: str) -> dict[str, str | None]:
    """Text a code to the account's current phone (within the SMS budgets)."""
    if account.two_factor_method != "sms" or not account.phone:
        raise Invalid("step_up_not_sms")
    throttle.take(throttle.CODE_PER_ACCOUNT, account.id, actor=account.id, source_ip=source_ip)
    spent = sms_budget.spend(account.id, source_ip=source_ip)
    if spent is not None:
        others = (["totp"] if account.totp_secret else []) + ["recovery"]
        raise sms_budget.BudgetSpent(spent, others)
    code = codes.new_sms_code()
    account.update(
        actions=[
            Account.step_up_code_hash.set(codes.sms_code_hash(code, _salt(account))),
            Account.step_up_code_expires.set(clock.epoch() + codes.SMS_CODE_SECONDS),
            Account.step_up_code_attempts.set(0),
        ]
    )
    sms.send_sms(account.phone, message_for("sms_step_up_code", account.language).format(code=code))
    return {"status": "code_sent", "phone_hint": codes.phone_hint(account.phone)}


def check_code(account: Account, code: str) -> None:
    """Spend the step-up code if it is right; raise ``code_invalid`` / ``code_expired`` if not."""
    now = clock.epoch()
    try:
        # One attempt taken atomically before comparing: N concurrent guesses get at most the limit.
        account.update(
            actions=[Account.step_up_code_attempts.add(1)],
            condition=(Account.step_up_code_expires > now)
            & (Account.step_up_code_attempts < codes.SMS_CODE_ATTEMPTS),
        )
    except UpdateError:
        raise Gone("code_expired") from None
    stored = account.step_up_code_hash
    if not codes.same(stored, code, _salt(account)):  # the caller took a CODE_PER_ACCOUNT slot before
        raise Unauthenticated("code_invalid")
    try:
        account.update(
            actions=[Account.step_up_code_hash.remove(), Account.step_up_code_expires.remove(),
                     Account.step_up_code_attempts.remove()],
            condition=Account.step_up_code_hash == stored,
        )
    except UpdateError:
        raise Unauthenticated("code_invalid") from None  # a concurrent request spent it first
