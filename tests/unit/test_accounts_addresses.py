"""E-mail addresses are checked with email-validator before anything is written (issue 14, finding 7).

A Cyrillic "а" or fullwidth letters before the @ passed the old pattern; the account and its
claim were written, sending failed with a 500, and a retry answered 409. Now every entrance
(staff, company accounts, set-password links) refuses such an address with a stable code, leaves
nothing behind, and a corrected retry works.
"""

from __future__ import annotations

import json

import pytest
from portal.accounts import addresses, company, sessions, signin, staff
from portal.accounts.lookup import by_email
from portal.accounts.models import Account, EmailClaim
from portal.platform.errors import Invalid
from portal.platform.texts import message_for

from tests.unit.conftest import PASSWORD, STAFF, LambdaContext, active_client, api_event, load_handler, mails

IP = "192.0.2.10"
CYRILLIC = "\u0430nna@example.nl"  # the first letter is Cyrillic
FULLWIDTH = "\uff41\uff4e\uff4e\uff41@example.nl"  # ａｎｎａ


def _items() -> list[dict]:
    from portal.platform.aws import client
    from portal.platform.settings import get_settings

    return client("dynamodb").scan(TableName=get_settings().table_name)["Items"]


@pytest.mark.parametrize("address", [CYRILLIC, FULLWIDTH, "ann\u00e4@example.nl"])
def test_a_non_ascii_part_before_the_at_is_refused_with_its_own_code(address: str) -> None:
    with pytest.raises(Invalid) as refused:
        addresses.normalise(address)
    assert refused.value.code == "email_not_ascii" and refused.value.status == 422
    assert message_for("email_not_ascii", "nl") != message_for("email_not_ascii", "en")


@pytest.mark.parametrize("address", [
    "anna", "anna@", "@example.nl", "anna@example", "anna@@example.nl", "anna@localhost", "an na@example.nl",
    '"anna"@example.nl', "anna@example.nl.", "anna@-example.nl", "anna@[192.0.2.1]", "a" * 65 + "@example.nl",
    "Anna <anna@example.nl>",
])
def test_an_address_mail_systems_would_not_take_is_refused(address: str) -> None:
    with pytest.raises(Invalid) as refused:
        addresses.normalise(address)
    assert refused.value.code == "email_invalid"


@pytest.mark.parametrize(("typed", "kept"), [
    ("  Anna.Jansen@Example.NL ", "anna.jansen@example.nl"),
    ("anna+portaal@sub.example.nl", "anna+portaal@sub.example.nl"),
    ("jan@b\u00fccher.example", "jan@xn--bcher-kva.example"),  # the form SES can deliver to
    ("jan@\uff45xample.nl", "jan@example.nl"),  # a fullwidth letter in the domain is plain IDNA mapping
])
def test_addresses_are_kept_in_the_librarys_ascii_form_lower_cased(typed: str, kept: str) -> None:
    assert addresses.normalise(typed) == kept


def test_staff_creating_a_client_with_a_cyrillic_address_writes_nothing_and_a_retry_works(aws, fake_clock) -> None:
    before = _items()
    with pytest.raises(Invalid) as refused:
        staff.create_client(name="Anna Jansen", email=CYRILLIC, **STAFF)
    assert refused.value.code == "email_not_ascii"
    assert _items() == before and mails() == []
    created = staff.create_client(name="Anna Jansen", email="anna@example.nl", **STAFF)
    assert created["email"] == "anna@example.nl" and len(mails("anna@example.nl")) == 1


def test_over_http_staff_get_422_not_500_and_nothing_is_half_written(aws, fake_clock) -> None:
    handler = load_handler("admin/clients")
    for address in (CYRILLIC, FULLWIDTH):
        event = api_event("POST", "/admin/clients", body=json.dumps({"name": "Anna", "email": address}))
        answer = handler.lambda_handler(event, LambdaContext())
        assert (answer["statusCode"], json.loads(answer["body"])["code"]) == (422, "email_not_ascii")
    assert EmailClaim.count() == 0 and Account.count() == 0
    retry = api_event("POST", "/admin/clients", body=json.dumps({"name": "Anna", "email": "anna@example.nl"}))
    assert handler.lambda_handler(retry, LambdaContext())["statusCode"] == 201


def test_a_company_adding_a_fullwidth_address_writes_nothing(aws, fake_clock) -> None:
    active_client("petra@bakkerij.example", name="Petra Zoet", company="Bakkerij Zoet B.V.")
    main = sessions.authenticate(signin.login("petra@bakkerij.example", PASSWORD, source_ip=IP).session_cookie)
    before = _items()
    with pytest.raises(Invalid) as refused:
        company.add_extra(main, "Anna", FULLWIDTH, PASSWORD, source_ip=IP)
    assert refused.value.code == "email_not_ascii"
    assert _items() == before  # not even the daily count
    company.add_extra(main, "Anna", "anna@bakkerij.example", PASSWORD, source_ip=IP)


def test_a_set_password_link_request_with_a_cyrillic_address_is_refused_before_it_is_counted(aws, fake_clock) -> None:
    handler = load_handler("client/password_links")
    headers = {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000", "Accept-Language": "en"}
    before = _items()
    event = api_event("POST", "/api/password-links", headers=headers, body=json.dumps({"email": CYRILLIC}))
    answer = handler.lambda_handler(event, LambdaContext())
    problem = json.loads(answer["body"])
    assert (answer["statusCode"], problem["code"]) == (422, "email_not_ascii")
    assert problem["message"] == message_for("email_not_ascii", "en")
    assert _items() == before


def test_a_client_signs_in_with_the_address_typed_in_any_case_or_with_its_unicode_domain(aws, fake_clock) -> None:
    from portal.accounts import activation, links

    from tests.unit.conftest import last_link

    staff.create_client(name="Jan Bakker", email="jan@b\u00fccher.example", **STAFF)
    mailed = "jan@xn--bcher-kva.example"  # the invitation went to the form SES delivers to
    links.request_password_link("Jan@B\u00fccher.example", last_link(mailed), source_ip=IP)
    activation.set_password(last_link(mailed), PASSWORD, source_ip=IP)
    assert by_email("JAN@B\u00dcCHER.example").email == "jan@xn--bcher-kva.example"
    assert signin.login("Jan@xn--bcher-kva.EXAMPLE", PASSWORD, source_ip=IP).session_cookie
    assert by_email(CYRILLIC) is None  # an address that cannot exist simply finds nothing
