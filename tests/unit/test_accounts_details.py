"""Mijn gegevens: language, notifications, password change, company extra accounts."""

from __future__ import annotations

import pytest
from portal.accounts import company, profile, sessions, signin
from portal.accounts.lookup import by_email
from portal.platform.errors import Forbidden, Invalid, NotFound, Unauthenticated

from tests.unit.conftest import PASSWORD, active_client, mails

IP = "192.0.2.10"


def _principal(email: str) -> sessions.Principal:
    return sessions.authenticate(signin.login(email, PASSWORD, source_ip=IP).session_cookie)


def test_language_is_stored_and_used_for_later_emails(aws, fake_clock) -> None:
    from portal.accounts import links

    account = active_client()
    assert profile.set_language(account, "en", source_ip=IP)["language"] == "en"
    links.request_password_link(account.email, None, source_ip=IP)
    assert mails(account.email)[-1]["subject"].startswith("Set your password")
    with pytest.raises(Invalid):
        profile.set_language(account, "de", source_ip=IP)


def test_notification_switches_are_stored(aws, fake_clock) -> None:
    account = active_client()
    shown = profile.set_notifications(account, documents=True, questionnaires=False, messages=False, source_ip=IP)
    assert shown["notifications"] == {"documents": True, "questionnaires": False, "messages": False, "appointments": True}
    assert by_email(account.email).notify_messages is False


def test_the_appointments_switch_is_stored_and_left_alone_when_not_sent(aws, fake_clock) -> None:
    account = active_client()
    shown = profile.set_notifications(account, documents=True, questionnaires=True, messages=True, appointments=False,
                                      source_ip=IP)
    assert shown["notifications"]["appointments"] is False and by_email(account.email).notify_appointments is False
    account = by_email(account.email)
    shown = profile.set_notifications(account, documents=False, questionnaires=True, messages=True, source_ip=IP)
    assert (shown["notifications"]["documents"], shown["notifications"]["appointments"]) == (False, False)


def test_changing_the_password_ends_other_sessions_but_not_this_one(aws, fake_clock) -> None:
    account = active_client()
    other = signin.login(account.email, PASSWORD, source_ip=IP).session_cookie
    mine = profile.change_password(by_email(account.email), PASSWORD, "Nieuwe-Zomer-2027", source_ip=IP)
    with pytest.raises(Unauthenticated):
        sessions.authenticate(other)
    assert sessions.authenticate(mine).account_id == account.id
    assert signin.login(account.email, "Nieuwe-Zomer-2027", source_ip=IP).status == "ok"


def test_changing_the_password_needs_the_current_one(aws, fake_clock) -> None:
    account = active_client()
    with pytest.raises(Unauthenticated):
        profile.change_password(account, "Verkeerd-1", "Nieuwe-Zomer-2027", source_ip=IP)


def test_company_main_account_adds_views_and_removes_an_extra_account(aws, fake_clock) -> None:
    active_client("petra@bakkerij.example", name="Petra", company="Bakkerij Zoet B.V.")
    main = _principal("petra@bakkerij.example")
    added = company.add_extra(main, "Ahmed", "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    assert mails("ahmed@bakkerij.example")[0]["links"][0].split("#/")[1].startswith("activeren/")
    assert [a["email"] for a in company.list_extra(main)] == ["ahmed@bakkerij.example"]
    assert company.show_extra(main, added["id"])["name"] == "Ahmed"
    extra_account = by_email("ahmed@bakkerij.example")
    assert extra_account.party_id == main.party_id  # sees the company's dossiers
    company.remove_extra(main, added["id"], source_ip=IP)
    assert company.list_extra(main) == []
    assert by_email("ahmed@bakkerij.example") is None


def test_removing_an_extra_account_ends_its_sessions_at_once(aws, fake_clock) -> None:
    from portal.accounts import activation, links

    from tests.unit.conftest import last_link

    active_client("petra@bakkerij.example", name="Petra", company="Bakkerij Zoet B.V.")
    main = _principal("petra@bakkerij.example")
    added = company.add_extra(main, "Ahmed", "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    links.request_password_link("ahmed@bakkerij.example", None, source_ip=IP)
    cookie = activation.set_password(last_link("ahmed@bakkerij.example"), PASSWORD, source_ip=IP).session_cookie
    sessions.authenticate(cookie)
    company.remove_extra(main, added["id"], source_ip=IP)
    with pytest.raises(Unauthenticated):
        sessions.authenticate(cookie)


def test_extra_accounts_and_persons_cannot_manage_accounts(aws, fake_clock) -> None:
    active_client("petra@bakkerij.example", name="Petra", company="Bakkerij Zoet B.V.")
    main = _principal("petra@bakkerij.example")
    company.add_extra(main, "Ahmed", "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    active_client("jan@example.nl", name="Jan")
    person = _principal("jan@example.nl")
    with pytest.raises(Forbidden):
        company.list_extra(person)
    with pytest.raises(Forbidden):
        company.add_extra(person, "X", "x@example.nl", PASSWORD, source_ip=IP)


def test_another_companys_extra_account_is_not_found(aws, fake_clock) -> None:
    active_client("petra@bakkerij.example", name="Petra", company="Bakkerij Zoet B.V.")
    active_client("info@slager.example", name="Sam", company="Slagerij Sam")
    petra, sam = _principal("petra@bakkerij.example"), _principal("info@slager.example")
    theirs = company.add_extra(sam, "Lotte", "lotte@slager.example", PASSWORD, source_ip=IP)
    with pytest.raises(NotFound):
        company.show_extra(petra, theirs["id"])
    with pytest.raises(NotFound):
        company.remove_extra(petra, theirs["id"], source_ip=IP)
    with pytest.raises(NotFound):
        company.show_extra(petra, sam.account_id)  # the main account is not an extra account


def test_a_password_change_is_confirmed_by_email_to_the_owner(aws, fake_clock) -> None:
    account = active_client()
    before = len(mails(account.email))
    profile.change_password(account, PASSWORD, "Nieuwe-Zomer-2027", source_ip=IP)
    assert len(mails(account.email)) == before + 1
    assert "ingesteld" in mails(account.email)[-1]["subject"]


def test_turning_two_step_on_and_off_is_told_to_the_owner_by_email(aws, fake_clock) -> None:
    import re

    from portal.accounts import step_up, two_factor

    from tests.unit.conftest import sms_messages

    account = active_client("john@example.com", name="John", language="en")
    two_factor.start_sms(account, "06 12345678", PASSWORD, source_ip=IP)
    code = re.search(r"\b(\d{6})\b", sms_messages()[-1]["message"]).group(1)
    two_factor.confirm_sms(by_email(account.email), code, source_ip=IP)
    assert "has been turned on" in mails(account.email)[-1]["text"]
    assert "+31612345678" not in mails(account.email)[-1]["text"]  # only the number's last digits
    step_up.send_code(by_email(account.email), source_ip=IP)
    code = re.search(r"\b(\d{6})\b", sms_messages()[-1]["message"]).group(1)
    two_factor.disable(by_email(account.email), PASSWORD, source_ip=IP, code=code)
    assert "has been turned off" in mails(account.email)[-1]["text"]
    assert "has been removed" in mails(account.email)[-1]["text"]
