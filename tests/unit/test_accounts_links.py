"""Invitation and set-password links: the manual's first-time flow and forgotten password."""

from __future__ import annotations

import json

import pytest
from portal.accounts import activation, admin, links
from portal.accounts.lookup import by_email
from portal.platform.errors import Gone, Invalid, NotFound

from tests.unit.conftest import (
    PASSWORD,
    STAFF,
    LambdaContext,
    active_client,
    api_event,
    last_link,
    load_handler,
    mails,
)

SITE = {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000", "Accept-Language": "nl"}


def test_creating_a_client_sends_the_first_email_with_an_invitation_link(aws, fake_clock) -> None:
    admin.create_client(name="Anna Jansen", email="Anna@Example.nl", **STAFF)
    [invitation] = mails("anna@example.nl")
    assert "klantenportaal" in invitation["subject"]
    assert invitation["links"][0].startswith("http://127.0.0.1:8000/#/activeren/")
    assert "Anna Jansen" in invitation["text"] and "Anna Jansen" in invitation["html"]


def test_the_three_emails_of_the_first_time_flow(aws, fake_clock) -> None:
    active_client("anna@example.nl")
    subjects = [m["subject"] for m in mails("anna@example.nl")]
    assert len(subjects) == 3
    assert "account" in subjects[0].lower()
    assert "wachtwoord in" in subjects[1].lower()
    assert "ingesteld" in subjects[2].lower()


def test_an_english_client_gets_english_emails(aws, fake_clock) -> None:
    admin.create_client(name="John Smith", email="john@example.com", language="en", **STAFF)
    assert mails("john@example.com")[0]["subject"].startswith("Your account")


def test_invitation_is_valid_until_expiry_and_invalid_one_second_later(aws, fake_clock) -> None:
    admin.create_client(name="Anna", email="anna@example.nl", **STAFF)
    token = last_link("anna@example.nl")
    fake_clock.advance(days=14, seconds=-1)
    links.inspect(token, links.INVITATION)
    fake_clock.advance(seconds=1)
    with pytest.raises(Gone) as error:
        links.inspect(token, links.INVITATION)
    assert error.value.code == "link_expired"


def test_password_link_is_valid_for_one_hour(aws, fake_clock) -> None:
    admin.create_client(name="Anna", email="anna@example.nl", **STAFF)
    links.request_password_link("anna@example.nl", None, source_ip="192.0.2.10")
    token = last_link("anna@example.nl")
    fake_clock.advance(minutes=59, seconds=59)
    links.inspect(token, links.PASSWORD)
    fake_clock.advance(seconds=1)
    with pytest.raises(Gone):
        activation.set_password(token, PASSWORD, source_ip="192.0.2.10")


def test_a_used_link_cannot_be_used_again(aws, fake_clock) -> None:
    admin.create_client(name="Anna", email="anna@example.nl", **STAFF)
    links.request_password_link("anna@example.nl", None, source_ip="192.0.2.10")
    token = last_link("anna@example.nl")
    activation.set_password(token, PASSWORD, source_ip="192.0.2.10")
    with pytest.raises(Gone) as error:
        activation.set_password(token, "Ander-Wachtwoord-9", source_ip="192.0.2.10")
    assert error.value.code == "link_used"


def test_a_tampered_token_is_invalid(aws, fake_clock) -> None:
    admin.create_client(name="Anna", email="anna@example.nl", **STAFF)
    links.request_password_link("anna@example.nl", None, source_ip="192.0.2.10")
    token = last_link("anna@example.nl")
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    with pytest.raises(NotFound) as error:
        activation.set_password(tampered, PASSWORD, source_ip="192.0.2.10")
    assert error.value.code == "link_invalid"


def test_a_newer_link_voids_the_older_one(aws, fake_clock) -> None:
    admin.create_client(name="Anna", email="anna@example.nl", **STAFF)
    links.request_password_link("anna@example.nl", None, source_ip="192.0.2.10")
    older = last_link("anna@example.nl")
    links.request_password_link("anna@example.nl", None, source_ip="192.0.2.10")
    with pytest.raises(Gone):
        activation.set_password(older, PASSWORD, source_ip="192.0.2.10")
    activation.set_password(last_link("anna@example.nl"), PASSWORD, source_ip="192.0.2.10")


def test_a_password_change_voids_outstanding_links(aws, fake_clock) -> None:
    from portal.accounts import profile

    account = active_client()
    links.request_password_link(account.email, None, source_ip="192.0.2.10")
    token = last_link(account.email)
    profile.change_password(account, PASSWORD, "Nieuwe-Zomer-2027", source_ip="192.0.2.10")
    with pytest.raises(Gone):
        links.inspect(token, links.PASSWORD)


def test_unknown_address_gets_the_same_answer_and_no_mail(aws, fake_clock) -> None:
    """POST /api/password-links answers a known and an unknown address alike: same status, same
    headers, same body; only the known address gets a mail."""
    api = load_handler("client/password_links")
    admin.create_client(name="Anna", email="anna@example.nl", **STAFF)
    invitations = mails()

    def ask(email: str) -> dict:
        event = api_event("POST", "/api/password-links", headers=SITE, body=json.dumps({"email": email}))
        return api.lambda_handler(event, LambdaContext())

    known, unknown = ask("anna@example.nl"), ask("nobody@example.nl")
    assert known["statusCode"] == 202 and json.loads(known["body"]) == {"status": "sent"}
    assert unknown == known
    sent = mails()[len(invitations):]
    assert [m["to"] for m in sent] == [["anna@example.nl"]]
    assert "wachtwoord" in sent[0]["subject"].lower()


def test_the_password_rules_of_the_manual_and_more(aws, fake_clock) -> None:
    from portal.accounts.passwords import check_policy

    for password, code in (
        ("Kort1", "password_too_short"),
        ("zonderhoofdletter1", "password_needs_capital"),
        ("ZonderCijfer", "password_needs_digit"),
        ("Password1", "password_too_common"),
        ("Welkom01", "password_too_common"),
        ("A1" + "x" * 127, "password_too_long"),
    ):
        with pytest.raises(Invalid) as error:
            check_policy(password)
        assert error.value.code == code, password
    check_policy("Aa1" + "zonnebloem" * 6 + "x")  # 64 characters and more are welcome
    check_policy("Vlinder-Tuin-2026")


def test_first_password_logs_in_and_marks_the_first_login(aws, fake_clock) -> None:
    admin.create_client(name="Anna", email="anna@example.nl", **STAFF)
    links.request_password_link("anna@example.nl", last_link("anna@example.nl"), source_ip="192.0.2.10")
    result = activation.set_password(last_link("anna@example.nl"), PASSWORD, source_ip="192.0.2.10")
    assert result.status == "ok" and result.session_cookie
    assert result.body["first_login"] is True
    assert by_email("anna@example.nl").status == "active"
