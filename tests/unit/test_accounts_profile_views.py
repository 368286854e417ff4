"""Mijn gegevens' changes answer Me as it is after the change (issue 15: the view is the domain's,
no handler refreshes the account or rebuilds Me)."""

from __future__ import annotations

import re

from portal.accounts import profile, sessions, signin, step_up, two_factor

from tests.unit.conftest import PASSWORD, active_client, sms_messages

IP = "192.0.2.10"


def _code() -> str:
    return re.search(r"\b(\d{6})\b", sms_messages()[-1]["message"]).group(1)


def _signed_in(email: str) -> sessions.Principal:
    return sessions.authenticate(signin.login(email, PASSWORD, source_ip=IP).session_cookie)


def test_a_new_password_answers_me_and_a_session_cookie_that_works(aws, fake_clock) -> None:
    caller = _signed_in(active_client().email)
    changed = profile.new_password(caller.account, PASSWORD, "Nieuwe-Zomer-2027", source_ip=IP)
    assert changed.me["id"] == caller.account_id
    assert sessions.authenticate(changed.session_cookie).account_id == caller.account_id


def test_two_step_on_and_off_answer_me_with_the_method_as_it_now_is(aws, fake_clock) -> None:
    # The session's account was read before the change: Me must come from the account after it.
    caller = _signed_in(active_client("john@example.com", name="John", language="en").email)
    two_factor.start_sms(caller.account, "06 12345678", PASSWORD, source_ip=IP)
    turned_on = profile.confirm_two_factor(caller.account, "sms", _code(), source_ip=IP)
    assert turned_on["recovery_code"] and turned_on["me"]["two_factor"]["method"] == "sms"

    step_up.send_code(caller.account, source_ip=IP)
    me = profile.turn_off_two_factor(caller.account, PASSWORD, source_ip=IP, code=_code())
    assert me["two_factor"]["method"] is None
