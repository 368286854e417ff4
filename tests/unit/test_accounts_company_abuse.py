"""Extra accounts cannot turn the office's mail into a weapon (issue 14, findings 3 and 4).

Adding one asks for the main account's password again, counts against a daily limit per company,
takes only a name that is a name, and never tells whether the address already had an account.
"""

from __future__ import annotations

import json

import pytest
from portal.accounts import company, sessions, signin
from portal.accounts.lookup import by_email
from portal.accounts.models import Account
from portal.platform.errors import Invalid, Throttled, Unauthenticated
from portal.platform.settings import reset_settings

from tests.unit.conftest import PASSWORD, LambdaContext, active_client, api_event, load_handler, mails

IP = "192.0.2.10"
COMPANY = "Bakkerij Zoet B.V."


def _principal(email: str) -> sessions.Principal:
    return sessions.authenticate(signin.login(email, PASSWORD, source_ip=IP).session_cookie)


@pytest.fixture
def petra(aws, fake_clock) -> sessions.Principal:
    active_client("petra@bakkerij.example", name="Petra Zoet", company=COMPANY)
    return _principal("petra@bakkerij.example")


# ---------------------------------------------------------------- re-authentication
def test_adding_an_extra_account_asks_for_the_main_accounts_password(petra) -> None:
    with pytest.raises(Unauthenticated) as refused:
        company.add_extra(petra, "Ahmed", "ahmed@bakkerij.example", "not-my-password", source_ip=IP)
    assert refused.value.code == "invalid_credentials"
    assert company.list_extra(petra) == [] and mails("ahmed@bakkerij.example") == []
    from portal.audit import trail

    failed = [e for e in trail.history(petra.account_id) if e["action"] == "password_check_failed"]
    assert [e["detail"] for e in failed] == [{"step": "extra_account"}]  # audited, never the password
    assert by_email("ahmed@bakkerij.example") is None
    company.add_extra(petra, "Ahmed", "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    assert len(mails("ahmed@bakkerij.example")) == 1


# ---------------------------------------------------------------- daily limit
def test_a_company_adds_at_most_its_daily_limit_and_again_the_next_day(petra, fake_clock, monkeypatch) -> None:
    monkeypatch.setenv("COMPANY_EXTRA_ACCOUNTS_PER_DAY", "3")
    reset_settings()
    for number in range(3):
        company.add_extra(petra, "Collega", f"collega{number}@bakkerij.example", PASSWORD, source_ip=IP)
    with pytest.raises(Throttled) as refused:
        company.add_extra(petra, "Collega", "collega3@bakkerij.example", PASSWORD, source_ip=IP)
    assert refused.value.code == "extra_accounts_daily_limit" and refused.value.detail["per_day"] == 3
    assert refused.value.status == 429 and 0 < refused.value.detail["retry_after"] <= 24 * 3600
    assert mails("collega3@bakkerij.example") == [] and len(company.list_extra(petra)) == 3
    fake_clock.advance(days=1)
    company.add_extra(petra, "Collega", "collega3@bakkerij.example", PASSWORD, source_ip=IP)
    assert len(company.list_extra(petra)) == 4


def test_the_daily_limit_is_per_company(petra, monkeypatch) -> None:
    monkeypatch.setenv("COMPANY_EXTRA_ACCOUNTS_PER_DAY", "1")
    reset_settings()
    active_client("sam@slager.example", name="Sam Slager", company="Slagerij Sam")
    sam = _principal("sam@slager.example")
    company.add_extra(petra, "Ahmed", "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    company.add_extra(sam, "Lotte", "lotte@slager.example", PASSWORD, source_ip=IP)
    with pytest.raises(Throttled):
        company.add_extra(petra, "Kees", "kees@bakkerij.example", PASSWORD, source_ip=IP)


def test_the_daily_count_is_one_conditional_update_not_a_read_then_write(petra, monkeypatch) -> None:
    """A count already at the limit refuses without any read first: the condition does the check."""
    monkeypatch.setenv("COMPANY_EXTRA_ACCOUNTS_PER_DAY", "2")
    reset_settings()
    day = "2026-11-26"
    company.ExtraAccountQuota(pk=f"QUOTA#{petra.party_id}", sk=f"EXTRA_ACCOUNTS#{day}", added=2, expires_at=1).save()
    reads = []
    monkeypatch.setattr(company.ExtraAccountQuota, "get", classmethod(lambda *a, **k: reads.append(a)))
    with pytest.raises(Throttled):
        company.add_extra(petra, "Ahmed", "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    assert reads == []


# ---------------------------------------------------------------- names are names
@pytest.mark.parametrize("name", [
    "Uw account is geblokkeerd, ga naar https://evil.example",
    "www.evil.example",
    "Bel 0612345678",
    "Anna 2",
    "A",
    "A" * 71,
    "Anna\u202eneppilF",      # right-to-left override
    "Anna\u2066Jansen\u2069",  # isolates
    "Anna\u200bJansen",       # zero-width space (a format character)
    "<b>Anna</b>",
    "Anna: dringend",
    "-Anna",
])
def test_an_extra_accounts_name_must_be_a_name(petra, name: str) -> None:
    with pytest.raises(Invalid) as refused:
        company.add_extra(petra, name, "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    assert refused.value.code in ("name_invalid", "hidden_characters")
    assert refused.value.detail["fields"][0]["field"] == "name"
    assert by_email("ahmed@bakkerij.example") is None and mails("ahmed@bakkerij.example") == []


def test_bidi_characters_in_a_name_have_their_own_code(petra) -> None:
    with pytest.raises(Invalid) as refused:
        company.add_extra(petra, "Anna\u202eneppilF", "anna@bakkerij.example", PASSWORD, source_ip=IP)
    assert refused.value.code == "hidden_characters"


@pytest.mark.parametrize("name", [
    "José María O’Neil-Núñez", "A.B. de Vries", "Zoë d'Hondt", "Σωκράτης Παπαδόπουλος", "Мария Иванова",
    "محمد العلي", "李小龍", "Jan  van   Dam",
])
def test_names_in_any_script_with_initials_hyphens_and_apostrophes_are_welcome(petra, name: str) -> None:
    added = company.add_extra(petra, name, "collega@bakkerij.example", PASSWORD, source_ip=IP)
    assert added["name"] == " ".join(name.split())


# ---------------------------------------------------------------- the invitation
def test_the_invitation_says_which_company_added_the_address_who_did_and_what_to_do_if_unexpected(petra) -> None:
    company.add_extra(petra, "Ahmed", "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    [invitation] = mails("ahmed@bakkerij.example")
    assert COMPANY in invitation["subject"]
    assert "Petra Zoet van Bakkerij Zoet B.V. heeft uw e-mailadres toegevoegd" in invitation["text"]
    assert "verwachtte u deze uitnodiging niet? Klik dan niet op de link" in invitation["text"]
    assert "kantoor@notaris.example" in invitation["text"] and invitation["links"]


def test_the_english_invitation_says_the_same(aws, fake_clock) -> None:
    active_client("petra@bakkerij.example", name="Petra Zoet", company=COMPANY, language="en")
    main = _principal("petra@bakkerij.example")
    company.add_extra(main, "Ahmed", "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    [invitation] = mails("ahmed@bakkerij.example")
    assert "Petra Zoet of Bakkerij Zoet B.V. added your email address" in invitation["text"]
    assert "did you not expect this invitation? Then do not click the link" in invitation["text"]


# ---------------------------------------------------------------- no enumeration
def test_adding_a_known_address_answers_exactly_like_an_unknown_one_and_reassigns_nothing(petra) -> None:
    anna = active_client("anna@example.nl", name="Anna Jansen")
    unknown = company.add_extra(petra, "Ahmed", "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    known = company.add_extra(petra, "Anna", "anna@example.nl", PASSWORD, source_ip=IP)
    assert set(known) == set(unknown) and known["status"] == unknown["status"] == "invited"
    assert {k: type(v) for k, v in known.items()} == {k: type(v) for k, v in unknown.items()}
    # The company sees both entries alike, can view and remove them.
    listed = company.list_extra(petra)
    assert {a["email"] for a in listed} == {"ahmed@bakkerij.example", "anna@example.nl"}
    assert company.show_extra(petra, known["id"]) == known
    # Anna keeps her account: same id, kind and party, still signs in; she got a notice, no link.
    still = by_email("anna@example.nl")
    assert (still.id, still.kind, still.party_id) == (anna.id, "person", anna.id)
    notice = mails("anna@example.nl")[-1]
    assert notice["links"] == [] and "Bakkerij Zoet B.V." in notice["subject"]
    assert "Petra Zoet van Bakkerij Zoet B.V. heeft geprobeerd uw e-mailadres toe te voegen" in notice["text"]
    assert "Daarom is er niets veranderd" in notice["text"]
    company.remove_extra(petra, known["id"], source_ip=IP)
    assert by_email("anna@example.nl").id == anna.id  # removing the entry freed nothing
    assert signin.login("anna@example.nl", PASSWORD, source_ip=IP).session_cookie


def test_nobody_can_activate_the_entry_made_for_a_known_address(petra) -> None:
    active_client("anna@example.nl", name="Anna Jansen")
    known = company.add_extra(petra, "Anna", "anna@example.nl", PASSWORD, source_ip=IP)
    entry = Account.get(f"ACCOUNT#{known['id']}", "META")
    assert entry.party_id == petra.party_id and entry.password_hash is None
    assert [m for m in mails("anna@example.nl") if m["links"] and "activeren" in m["links"][0]][1:] == []


def test_adding_the_same_address_again_returns_the_same_entry_and_sends_nothing(petra) -> None:
    first = company.add_extra(petra, "Ahmed", "ahmed@bakkerij.example", PASSWORD, source_ip=IP)
    again = company.add_extra(petra, "Ahmed", "Ahmed@Bakkerij.example", PASSWORD, source_ip=IP)
    assert again == first and len(mails("ahmed@bakkerij.example")) == 1


def _post(handler, headers: dict[str, str], body: dict[str, str]) -> dict:
    event = api_event("POST", "/api/me/accounts", headers={**headers, "Content-Type": "application/json"},
                      body=json.dumps(body))
    return handler.lambda_handler(event, LambdaContext())


def test_over_http_a_known_and_an_unknown_address_get_identical_answers(aws, fake_clock) -> None:
    from tests.support.clients import session_headers

    active_client("petra@bakkerij.example", name="Petra Zoet", company=COMPANY)
    active_client("anna@example.nl", name="Anna Jansen")
    handler = load_handler("client/company_accounts")
    headers = session_headers(by_email("petra@bakkerij.example"))
    unknown = _post(handler, headers, {"name": "Ahmed", "email": "ahmed@bakkerij.example", "password": PASSWORD})
    known = _post(handler, headers, {"name": "Anna", "email": "anna@example.nl", "password": PASSWORD})
    assert known["statusCode"] == unknown["statusCode"] == 201
    assert known["headers"] == unknown["headers"]
    assert known.get("multiValueHeaders") == unknown.get("multiValueHeaders")
    known_body, unknown_body = json.loads(known["body"]), json.loads(unknown["body"])
    assert list(known_body) == list(unknown_body)
    assert {k: type(v) for k, v in known_body.items()} == {k: type(v) for k, v in unknown_body.items()}
    assert {k for k in known_body if known_body[k] != unknown_body[k]} <= {"id", "name", "email", "created_at"}
    assert len(known_body["id"]) == len(unknown_body["id"]) and known_body["status"] == "invited"


def test_over_http_a_wrong_password_is_a_form_error_not_a_lost_session(aws, fake_clock) -> None:
    from tests.support.clients import session_headers

    active_client("petra@bakkerij.example", name="Petra Zoet", company=COMPANY)
    handler = load_handler("client/company_accounts")
    headers = session_headers(by_email("petra@bakkerij.example"))
    answer = _post(handler, headers, {"name": "Ahmed", "email": "ahmed@bakkerij.example", "password": "fout"})
    problem = json.loads(answer["body"])
    assert (answer["statusCode"], problem["code"]) == (401, "invalid_credentials")
    assert problem["fields"] == [{"field": "password", "type": "password"}]
    missing = _post(handler, headers, {"name": "Ahmed", "email": "ahmed@bakkerij.example"})
    assert missing["statusCode"] == 422
