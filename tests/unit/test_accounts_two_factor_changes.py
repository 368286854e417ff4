"""Changing 2-step verification needs the current second factor; recovery codes; notices to the owner."""

from __future__ import annotations

import hashlib
import math
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from portal.accounts import codes, signin, step_up, two_factor
from portal.accounts.lookup import by_email
from portal.accounts.models import Account
from portal.platform.errors import Gone, Invalid, Unauthenticated

from tests.security.faults import Faults
from tests.unit.conftest import PASSWORD, active_client, mails, sms_messages

IP = "192.0.2.10"
EMAIL = "anna@example.nl"


def _last_code() -> str:
    return re.search(r"\b(\d{6})\b", sms_messages()[-1]["message"]).group(1)


def _enable_sms(phone: str = "06 12345678") -> str:
    two_factor.start_sms(by_email(EMAIL), phone, PASSWORD, source_ip=IP)
    return two_factor.confirm_sms(by_email(EMAIL), _last_code(), source_ip=IP)


def _enable_totp(fake_clock):
    import pyotp

    setup = two_factor.start_totp(by_email(EMAIL), PASSWORD)
    totp = pyotp.TOTP(setup["secret"])
    recovery = two_factor.confirm_totp(by_email(EMAIL), totp.at(fake_clock.current), source_ip=IP)
    fake_clock.advance(seconds=30)
    return totp, recovery


def _step_up_code() -> str:
    step_up.send_code(by_email(EMAIL), source_ip=IP)
    return _last_code()


def test_changing_the_number_needs_the_code_sent_to_the_current_one(aws, fake_clock) -> None:
    active_client()
    _enable_sms()
    with pytest.raises(Invalid) as missing:
        two_factor.start_sms(by_email(EMAIL), "06 87654321", PASSWORD, source_ip=IP)
    assert missing.value.code == "second_factor_needed"
    code = _step_up_code()
    assert sms_messages()[-1]["to"] == "+31612345678"  # the current phone, not the new one
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(Unauthenticated):
        two_factor.start_sms(by_email(EMAIL), "06 87654321", PASSWORD, source_ip=IP, code=wrong)
    two_factor.start_sms(by_email(EMAIL), "06 87654321", PASSWORD, source_ip=IP, code=code)
    two_factor.confirm_sms(by_email(EMAIL), _last_code(), source_ip=IP)
    assert by_email(EMAIL).phone == "+31687654321"
    notice = mails(EMAIL)[-1]
    assert "gewijzigd" in notice["subject"]
    assert "•78 is verwijderd" in notice["text"] and "nummer ••• ••• •21" in notice["text"]  # hints only


def test_a_step_up_code_works_once(aws, fake_clock) -> None:
    active_client()
    _enable_sms()
    code = _step_up_code()
    two_factor.start_sms(by_email(EMAIL), "06 87654321", PASSWORD, source_ip=IP, code=code)
    with pytest.raises((Gone, Unauthenticated)):
        two_factor.disable(by_email(EMAIL), PASSWORD, source_ip=IP, code=code)


def test_the_password_alone_no_longer_turns_two_step_off(aws, fake_clock) -> None:
    active_client()
    _enable_sms()
    with pytest.raises(Invalid):
        two_factor.disable(by_email(EMAIL), PASSWORD, source_ip=IP)
    with pytest.raises(Unauthenticated):  # a code for the wrong method
        two_factor.disable(by_email(EMAIL), PASSWORD, source_ip=IP, code="123456", method="totp")
    assert by_email(EMAIL).two_factor_method == "sms"


def test_switching_to_the_app_and_turning_it_off_need_the_app_code(aws, fake_clock) -> None:
    active_client()
    totp, _ = _enable_totp(fake_clock)
    with pytest.raises(Invalid):
        two_factor.start_sms(by_email(EMAIL), "06 12345678", PASSWORD, source_ip=IP)
    with pytest.raises(Invalid):
        two_factor.start_totp(by_email(EMAIL), PASSWORD, source_ip=IP)
    two_factor.disable(by_email(EMAIL), PASSWORD, source_ip=IP, code=totp.at(fake_clock.current))
    assert by_email(EMAIL).two_factor_method is None
    assert "turned off" in mails(EMAIL)[-1]["text"] or "uitgezet" in mails(EMAIL)[-1]["text"]


def test_a_lost_phone_turns_two_step_off_with_the_recovery_code(aws, fake_clock) -> None:
    active_client()
    recovery = _enable_sms()
    two_factor.disable(by_email(EMAIL), PASSWORD, source_ip=IP, code=recovery, method="recovery")
    assert by_email(EMAIL).two_factor_method is None
    subjects = [m["subject"] for m in mails(EMAIL)[-2:]]
    assert "Uw herstelcode is gebruikt voor het klantenportaal" in subjects


def test_a_new_recovery_code_needs_the_password_and_the_second_factor(aws, fake_clock) -> None:
    active_client()
    old = _enable_sms()
    with pytest.raises(Invalid):
        two_factor.renew_recovery_code(by_email(EMAIL), PASSWORD, None, source_ip=IP)
    with pytest.raises(Unauthenticated):
        two_factor.renew_recovery_code(by_email(EMAIL), "Verkeerd-1", _step_up_code(), source_ip=IP)
    with pytest.raises(Unauthenticated):  # the recovery code itself is not enough to mint a new one
        two_factor.renew_recovery_code(by_email(EMAIL), PASSWORD, old, source_ip=IP, method="recovery")
    new = two_factor.renew_recovery_code(by_email(EMAIL), PASSWORD, _step_up_code(), source_ip=IP)
    pending = signin.login(EMAIL, PASSWORD, source_ip=IP)
    with pytest.raises(Unauthenticated):
        signin.second_factor(pending.login_cookie, "recovery", old, source_ip=IP)
    assert signin.second_factor(pending.login_cookie, "recovery", new, source_ip=IP).status == "ok"


def test_recovery_codes_have_at_least_112_bits_and_are_stored_with_a_salted_keyed_hash(aws, fake_clock) -> None:
    code = codes.new_recovery_code()
    letters = code.replace("-", "")
    assert re.fullmatch(r"([A-Z2-9]{4}-){5}[A-Z2-9]{4}", code)
    assert len(letters) * math.log2(32) >= 112
    active_client()
    recovery = _enable_sms()
    stored = by_email(EMAIL)
    assert stored.recovery_code_salt and len(stored.recovery_code_salt) == 32
    plain = recovery.replace("-", "")
    assert stored.recovery_code_hash not in {hashlib.sha256(plain.encode()).hexdigest(),
                                             hashlib.sha256(f"recovery:{plain}".encode()).hexdigest()}
    assert codes.recovery_hash(recovery, stored.recovery_code_salt) == stored.recovery_code_hash
    assert codes.recovery_hash(recovery, codes.new_recovery_salt()) != stored.recovery_code_hash


def test_an_old_unsalted_recovery_code_still_works_once_and_is_replaced_by_a_salted_one(aws, fake_clock) -> None:
    active_client()
    _enable_sms()
    legacy = "ABCD-EFGH-JKLM-NPQR"
    by_email(EMAIL).update(actions=[Account.recovery_code_hash.set(codes.recovery_hash(legacy, None)),
                                    Account.recovery_code_salt.remove()])
    pending = signin.login(EMAIL, PASSWORD, source_ip=IP)
    done = signin.second_factor(pending.login_cookie, "recovery", legacy.lower(), source_ip=IP)
    assert len(done.body["recovery_code"].replace("-", "")) == 24
    assert by_email(EMAIL).recovery_code_salt


def test_the_owner_is_mailed_when_the_recovery_code_is_used(aws, fake_clock) -> None:
    active_client("john@example.com", name="John", language="en")
    two_factor.start_sms(by_email("john@example.com"), "06 12345678", PASSWORD, source_ip=IP)
    recovery = two_factor.confirm_sms(by_email("john@example.com"), _last_code(), source_ip=IP)
    pending = signin.login("john@example.com", PASSWORD, source_ip=IP)
    signin.second_factor(pending.login_cookie, "recovery", recovery, source_ip=IP)
    notice = mails("john@example.com")[-1]
    assert notice["subject"] == "Your recovery code was used for the client portal"
    assert "2026-11-26 09:00 UTC" in notice["text"] and recovery not in notice["text"]


def test_turning_sms_on_tells_the_owner_which_phone_was_added(aws, fake_clock) -> None:
    active_client()
    _enable_sms()
    text = mails(EMAIL)[-1]["text"]
    assert "aangezet" in text and "••• ••• •78" in text and "+31612345678" not in text


def test_forty_concurrent_guesses_of_a_step_up_code_get_five_evaluations(aws, fake_clock, monkeypatch) -> None:
    active_client()
    _enable_sms()
    code = _step_up_code()
    wrong = "000000" if code != "000000" else "111111"
    Faults(atomic=threading.RLock()).install(monkeypatch)
    accounts = [by_email(EMAIL) for _ in range(40)]  # each request read the account before any wrote
    barrier = threading.Barrier(40)

    def guess(number: int) -> str:
        barrier.wait()
        try:
            step_up.check_code(accounts[number], wrong)
        except (Gone, Unauthenticated) as error:
            return error.code
        return "accepted"

    with ThreadPoolExecutor(max_workers=40) as pool:
        answers = list(pool.map(guess, range(40)))
    assert answers.count("code_invalid") == codes.SMS_CODE_ATTEMPTS
    assert answers.count("code_expired") == 40 - codes.SMS_CODE_ATTEMPTS
