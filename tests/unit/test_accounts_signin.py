"""Logging in: sessions, throttling, 2-step verification and recovery codes."""

from __future__ import annotations

import pytest
from portal.accounts import sessions, signin, staff, step_up, two_factor
from portal.accounts.lookup import by_email
from portal.platform.errors import Gone, Throttled, Unauthenticated

from tests.unit.conftest import PASSWORD, STAFF, active_client, sms_messages

IP = "192.0.2.10"


def test_login_with_the_right_password_starts_a_session(aws, fake_clock) -> None:
    account = active_client()
    result = signin.login("ANNA@example.nl ", PASSWORD, source_ip=IP)
    assert result.status == "ok"
    assert sessions.authenticate(result.session_cookie).account_id == account.id


def test_every_login_gets_a_new_session_id(aws, fake_clock) -> None:
    active_client()
    first = signin.login("anna@example.nl", PASSWORD, source_ip=IP).session_cookie
    second = signin.login("anna@example.nl", PASSWORD, source_ip=IP).session_cookie
    assert first != second


def test_wrong_password_and_unknown_address_get_the_same_answer(aws, fake_clock) -> None:
    active_client()
    with pytest.raises(Unauthenticated) as wrong:
        signin.login("anna@example.nl", "Verkeerd-Wachtwoord-1", source_ip=IP)
    with pytest.raises(Unauthenticated) as unknown:
        signin.login("nobody@example.nl", "Verkeerd-Wachtwoord-1", source_ip=IP)
    assert wrong.value.code == unknown.value.code == "invalid_credentials"


def test_the_hash_check_runs_for_unknown_accounts_too(aws, fake_clock, monkeypatch) -> None:
    from portal.accounts import passwords

    checked: list[str | None] = []
    real = passwords.verify
    monkeypatch.setattr(passwords, "verify", lambda h, p: checked.append(h) or real(h, p))
    with pytest.raises(Unauthenticated):
        signin.login("nobody@example.nl", "Whatever-123", source_ip=IP)
    assert checked == [None]  # verify() ran, against the dummy hash


def test_five_failures_lock_the_account_for_the_window_and_then_it_works_again(aws, fake_clock) -> None:
    active_client()
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            signin.login("anna@example.nl", "Verkeerd-1", source_ip=IP)
    with pytest.raises(Throttled):
        signin.login("anna@example.nl", PASSWORD, source_ip=IP)  # even the right password waits
    fake_clock.advance(minutes=15)
    assert signin.login("anna@example.nl", PASSWORD, source_ip=IP).status == "ok"


def test_unknown_addresses_are_locked_the_same_way(aws, fake_clock) -> None:
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            signin.login("nobody@example.nl", "Verkeerd-1", source_ip=IP)
    with pytest.raises(Throttled):
        signin.login("nobody@example.nl", "Verkeerd-1", source_ip=IP)


def test_a_successful_login_resets_the_failure_count(aws, fake_clock) -> None:
    active_client()
    for _ in range(4):
        with pytest.raises(Unauthenticated):
            signin.login("anna@example.nl", "Verkeerd-1", source_ip=IP)
    signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    for _ in range(4):
        with pytest.raises(Unauthenticated):
            signin.login("anna@example.nl", "Verkeerd-1", source_ip=IP)
    assert signin.login("anna@example.nl", PASSWORD, source_ip=IP).status == "ok"


def test_one_source_address_trying_many_accounts_is_throttled(aws, fake_clock) -> None:
    for number in range(50):
        with pytest.raises(Unauthenticated):
            signin.login(f"guess{number}@example.nl", "Verkeerd-1", source_ip="198.51.100.7")
    with pytest.raises(Throttled):
        signin.login("guess-next@example.nl", "Verkeerd-1", source_ip="198.51.100.7")


def test_idle_session_expires_after_30_minutes(aws, fake_clock) -> None:
    active_client()
    cookie = signin.login("anna@example.nl", PASSWORD, source_ip=IP).session_cookie
    fake_clock.advance(minutes=29)
    sessions.authenticate(cookie)
    fake_clock.advance(minutes=29)
    sessions.authenticate(cookie)  # still used within the idle window
    fake_clock.advance(minutes=30)
    with pytest.raises(Unauthenticated) as error:
        sessions.authenticate(cookie)
    assert error.value.code == "session_expired"


def test_session_ends_after_12_hours_however_busy(aws, fake_clock) -> None:
    active_client()
    cookie = signin.login("anna@example.nl", PASSWORD, source_ip=IP).session_cookie
    for _ in range(12 * 4 - 1):
        fake_clock.advance(minutes=15)
        sessions.authenticate(cookie)
    fake_clock.advance(minutes=15)
    with pytest.raises(Unauthenticated):
        sessions.authenticate(cookie)


def test_logout_ends_the_session_at_once(aws, fake_clock) -> None:
    account = active_client()
    cookie = signin.login("anna@example.nl", PASSWORD, source_ip=IP).session_cookie
    signin.logout(cookie, account_id=account.id, source_ip=IP)
    with pytest.raises(Unauthenticated):
        sessions.authenticate(cookie)


def test_a_blocked_accounts_open_session_fails_on_its_next_request(aws, fake_clock) -> None:
    account = active_client()
    cookie = signin.login("anna@example.nl", PASSWORD, source_ip=IP).session_cookie
    staff.block(account.id, **STAFF)
    with pytest.raises(Unauthenticated):
        sessions.authenticate(cookie)
    with pytest.raises(Unauthenticated):
        signin.login("anna@example.nl", PASSWORD, source_ip=IP)


def test_a_forged_cookie_for_another_account_fails(aws, fake_clock) -> None:
    anna = active_client()
    bob = active_client("bob@example.nl", name="Bob")
    cookie = signin.login("anna@example.nl", PASSWORD, source_ip=IP).session_cookie
    forged = bob.id + "." + cookie.split(".", 1)[1]
    with pytest.raises(Unauthenticated):
        sessions.authenticate(forged)
    assert sessions.authenticate(cookie).account_id == anna.id


def _enable_sms(account) -> str:
    two_factor.start_sms(account, "06 12345678", PASSWORD, source_ip=IP)
    return two_factor.confirm_sms(by_email(account.email), _sms_code(), source_ip=IP)


def _sms_code() -> str:
    return next(word.rstrip(".") for word in sms_messages()[-1]["message"].split() if word.rstrip(".").isdigit())


def test_sms_login_asks_for_the_code_and_accepts_it_once(aws, fake_clock) -> None:
    account = active_client()
    _enable_sms(account)
    first = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    assert first.status == "second_factor_required" and first.session_cookie is None
    assert first.body["methods"] == ["sms", "recovery"]
    assert sms_messages()[-1]["to"] == "+31612345678"
    code = _sms_code()
    done = signin.second_factor(first.login_cookie, "sms", code, source_ip=IP)
    assert done.status == "ok" and done.session_cookie
    with pytest.raises(Unauthenticated):
        signin.second_factor(first.login_cookie, "sms", code, source_ip=IP)


def test_an_sms_code_only_works_for_the_login_it_was_sent_for(aws, fake_clock) -> None:
    account = active_client()
    _enable_sms(account)
    first = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    code = _sms_code()
    second = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    with pytest.raises(Unauthenticated):
        signin.second_factor(second.login_cookie, "sms", code, source_ip=IP)
    assert first.login_cookie != second.login_cookie


def test_sms_code_expires_after_ten_minutes(aws, fake_clock) -> None:
    account = active_client()
    _enable_sms(account)
    pending = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    code = _sms_code()
    fake_clock.advance(minutes=10)
    with pytest.raises((Gone, Unauthenticated)):
        signin.second_factor(pending.login_cookie, "sms", code, source_ip=IP)


def test_five_wrong_sms_codes_void_the_code(aws, fake_clock) -> None:
    account = active_client()
    _enable_sms(account)
    pending = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    code = _sms_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            signin.second_factor(pending.login_cookie, "sms", wrong, source_ip=IP)
    with pytest.raises(Gone) as error:
        signin.second_factor(pending.login_cookie, "sms", code, source_ip=IP)
    assert error.value.code == "code_expired"


def test_a_password_reset_never_bypasses_the_second_step(aws, fake_clock) -> None:
    from portal.accounts import activation, links

    from tests.unit.conftest import last_link

    account = active_client()
    _enable_sms(account)
    links.request_password_link(account.email, None, source_ip=IP)
    result = activation.set_password(last_link(account.email), "Nieuwe-Zomer-2027", source_ip=IP)
    assert result.status == "second_factor_required" and result.session_cookie is None


def test_the_recovery_code_logs_in_once_and_is_replaced(aws, fake_clock) -> None:
    account = active_client()
    recovery = _enable_sms(account)
    pending = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    done = signin.second_factor(pending.login_cookie, "recovery", recovery.lower(), source_ip=IP)
    assert done.status == "ok"
    replacement = done.body["recovery_code"]
    assert replacement != recovery
    again = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    with pytest.raises(Unauthenticated):
        signin.second_factor(again.login_cookie, "recovery", recovery, source_ip=IP)
    assert signin.second_factor(again.login_cookie, "recovery", replacement, source_ip=IP).status == "ok"


def test_two_uses_of_one_recovery_code_racing_succeed_once(aws, fake_clock) -> None:
    account = active_client()
    recovery = _enable_sms(account)
    # Both requests read the account before either wrote: only the stored value decides.
    first_view, second_view = by_email(account.email), by_email(account.email)
    two_factor.use_recovery_code(first_view, recovery, source_ip=IP)
    with pytest.raises(Unauthenticated):
        two_factor.use_recovery_code(second_view, recovery, source_ip=IP)


def test_authenticator_app_codes_work_once(aws, fake_clock) -> None:
    import pyotp

    account = active_client()
    setup = two_factor.start_totp(account, PASSWORD)
    assert setup["otpauth_uri"].startswith("otpauth://totp/") and "<svg" in setup["qr_svg"]
    totp = pyotp.TOTP(setup["secret"])
    two_factor.confirm_totp(by_email(account.email), totp.at(fake_clock.current), source_ip=IP)
    fake_clock.advance(seconds=30)
    pending = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    assert pending.body["methods"] == ["totp", "recovery"]
    code = totp.at(fake_clock.current)
    assert signin.second_factor(pending.login_cookie, "totp", code, source_ip=IP).status == "ok"
    again = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    with pytest.raises(Unauthenticated):
        signin.second_factor(again.login_cookie, "totp", code, source_ip=IP)


def test_turning_two_step_off_needs_the_password(aws, fake_clock) -> None:
    account = active_client()
    _enable_sms(account)
    step_up.send_code(by_email(account.email), source_ip=IP)  # and the second factor (test_accounts_two_factor_changes)
    with pytest.raises(Unauthenticated):
        two_factor.disable(by_email(account.email), "Verkeerd-1", source_ip=IP, code=_sms_code())
    two_factor.disable(by_email(account.email), PASSWORD, source_ip=IP, code=_sms_code())
    assert signin.login("anna@example.nl", PASSWORD, source_ip=IP).status == "ok"


def test_sign_ins_and_changes_are_audited_without_secrets(aws, fake_clock) -> None:
    from portal.audit import trail

    account = active_client()
    with pytest.raises(Unauthenticated):
        signin.login("anna@example.nl", "Verkeerd-Geheim-1", source_ip=IP)
    signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    history = trail.history(account.id)
    actions = [entry["action"] for entry in history]
    assert {"account_created", "invitation_sent", "password_set", "login_failed", "login"} <= set(actions)
    assert all(entry["source_ip"] for entry in history)
    assert PASSWORD not in str(history) and "Verkeerd-Geheim-1" not in str(history)
