"""Payment instructions (issue 18): escrow accounts changed by two people, no free IBANs, versions,
opened-by-client, an e-mail without account number or amount, and the public check."""

from __future__ import annotations

import json
from datetime import date

import pytest
from portal.notifications import digest
from portal.payments import check, escrow, instructions, reading
from portal.platform.errors import Forbidden, Invalid, NotFound, Throttled

from tests.support.clients import active_account, call, new_dossier, session_headers
from tests.unit.conftest import LambdaContext, api_event, load_handler, mails

ESCROW_IBAN = "NL91ABNA0417164300"
OTHER_IBAN = "NL20INGB0001234567"  # valid, but not the office's
ALICE = {"actor": "arn:aws:iam::123456789012:user/alice", "source_ip": "192.0.2.1"}
BOB = {"actor": "arn:aws:iam::123456789012:user/bob", "source_ip": "192.0.2.2"}
TERMS = {"amount_cents": 35_012_345, "reference": "2026.0123 Koopsom", "due_date": date(2026, 12, 15),
         "purpose": "Koopsom en kosten levering Kerkstraat 7"}


@pytest.fixture(scope="module")
def admin():
    return load_handler("admin/payments")


@pytest.fixture(scope="module")
def client_api():
    return load_handler("client/payments")


def registered() -> None:
    escrow.seed(ESCROW_IBAN, holder="Stichting Derdengelden Notariskantoor Demo", bank="ABN AMRO",
                proposed_by=ALICE["actor"], approved_by=BOB["actor"])


def staff_call(module, method: str, path: str, actor: str, body=None) -> tuple[int, dict]:
    event = api_event(method, path, body=json.dumps(body) if body is not None else None)
    event["requestContext"]["identity"] |= {"userArn": actor, "caller": actor}
    response = module.lambda_handler(event, LambdaContext())
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else None


def published(account) -> tuple[dict, dict]:
    registered()
    dossier = new_dossier(account)
    return dossier, instructions.publish(dossier["id"], account.id, iban=ESCROW_IBAN, **TERMS, **ALICE)


def test_an_escrow_account_needs_a_second_staff_member(aws, fake_clock, admin) -> None:
    status, proposal = staff_call(admin, "POST", "/admin/escrow-accounts/proposals", ALICE["actor"],
                                  {"action": "add", "iban": "nl91 abna 0417 1643 00", "holder": "Stichting Derdengelden"})
    assert status == 201 and proposal["iban"] == ESCROW_IBAN
    approve = f"/admin/escrow-accounts/proposals/{proposal['id']}/approve"
    status, refused = staff_call(admin, "POST", approve, ALICE["actor"])
    assert (status, refused["code"]) == (403, "two_person_rule")
    assert not escrow.is_office_account(ESCROW_IBAN)
    status, done = staff_call(admin, "POST", approve, BOB["actor"])
    assert status == 200 and done["account"]["approved_by"] == BOB["actor"]
    assert done["account"]["proposed_by"] == ALICE["actor"] and escrow.is_office_account(ESCROW_IBAN)
    assert staff_call(admin, "POST", approve, BOB["actor"])[1]["code"] == "escrow_proposal_done"
    from portal.audit import trail

    actions = {(e["action"], e["actor"]) for e in trail.history("ESCROW")}
    assert {("escrow_proposed", ALICE["actor"]), ("escrow_approved", BOB["actor"])} <= actions


def test_retiring_an_escrow_account_also_needs_two_people(aws, fake_clock) -> None:
    registered()
    proposal = escrow.propose("retire", ESCROW_IBAN, holder=None, bank=None, **BOB)
    with pytest.raises(Forbidden):
        escrow.approve(proposal["id"], **BOB)
    escrow.approve(proposal["id"], **ALICE)
    assert not escrow.is_office_account(ESCROW_IBAN)


def test_an_invalid_iban_is_refused_when_proposed(aws, fake_clock, admin) -> None:
    status, problem = staff_call(admin, "POST", "/admin/escrow-accounts/proposals", ALICE["actor"],
                                 {"action": "add", "iban": "NL91ABNA0417164301", "holder": "X"})
    assert (status, problem["code"]) == (422, "iban_invalid")


def test_a_free_iban_is_refused(aws, fake_clock, admin) -> None:
    registered()
    account = active_account()
    dossier = new_dossier(account)
    body = {**TERMS, "due_date": "2026-12-15", "party_id": account.id, "iban": OTHER_IBAN}
    status, problem = staff_call(admin, "POST", f"/admin/dossiers/{dossier['id']}/payments", ALICE["actor"], body)
    assert (status, problem["code"]) == (422, "payment_iban_not_registered")
    status, created = staff_call(admin, "POST", f"/admin/dossiers/{dossier['id']}/payments", ALICE["actor"],
                                 {**body, "iban": ESCROW_IBAN})
    assert status == 201 and created["versions"][0]["holder"].startswith("Stichting")


@pytest.mark.parametrize("amount", [0, -5, 12.5, "100"])
def test_an_amount_is_whole_positive_cents(aws, fake_clock, admin, amount) -> None:
    registered()
    account = active_account()
    dossier = new_dossier(account)
    body = {**TERMS, "due_date": "2026-12-15", "party_id": account.id, "iban": ESCROW_IBAN, "amount_cents": amount}
    status, problem = staff_call(admin, "POST", f"/admin/dossiers/{dossier['id']}/payments", ALICE["actor"], body)
    assert (status, problem["code"]) == (422, "validation_failed")


def test_a_party_outside_the_dossier_gets_no_instruction(aws, fake_clock) -> None:
    registered()
    dossier = new_dossier(active_account())
    with pytest.raises(Invalid):
        instructions.publish(dossier["id"], active_account().id, iban=ESCROW_IBAN, **TERMS, **ALICE)


def test_a_one_person_change_is_refused_and_a_two_person_change_keeps_the_old_version(
        aws, fake_clock, admin, client_api) -> None:
    account = active_account()
    dossier, instruction = published(account)
    base = f"/admin/dossiers/{dossier['id']}/payments/{instruction['id']}/changes"
    change = {**TERMS, "due_date": "2026-12-20", "iban": ESCROW_IBAN, "amount_cents": 35_100_000}
    assert staff_call(admin, "POST", base, ALICE["actor"], change)[0] == 201
    status, problem = staff_call(admin, "POST", base + "/approve", ALICE["actor"])
    assert (status, problem["code"]) == (403, "two_person_rule")
    # The client still sees the published version only.
    status, shown = call(client_api, "GET", f"/api/dossiers/{dossier['id']}/payments", headers=session_headers(account))
    assert shown["items"][0]["current"]["amount"] == "350123.45" and not shown["items"][0]["changed"]
    status, approved = staff_call(admin, "POST", base + "/approve", BOB["actor"])
    assert status == 200 and approved["current"] == 2 and approved["pending"] is None
    status, shown = call(client_api, "GET", f"/api/dossiers/{dossier['id']}/payments", headers=session_headers(account))
    [item] = shown["items"]
    assert item["changed"] and item["current"]["amount"] == "351000.00" and item["current"]["due_date"] == "2026-12-20"
    assert [v["amount"] for v in item["earlier"]] == ["350123.45"]
    assert "proposed_by" not in json.dumps(item)  # staff identities stay with staff


def test_a_change_to_a_free_iban_is_refused(aws, fake_clock) -> None:
    account = active_account()
    dossier, instruction = published(account)
    with pytest.raises(Invalid):
        instructions.propose_change(dossier["id"], instruction["id"], iban=OTHER_IBAN, **TERMS, **BOB)


def test_staff_see_whether_the_client_opened_the_current_version(aws, fake_clock, admin, client_api) -> None:
    account = active_account()
    dossier, instruction = published(account)
    assert not instructions.for_dossier(dossier["id"])["items"][0]["opened_current"]
    path = f"/api/dossiers/{dossier['id']}/payments/{instruction['id']}/opened"
    assert call(client_api, "POST", path, headers=session_headers(account), body={"version": 1})[0] == 204
    [seen] = instructions.for_dossier(dossier["id"])["items"]
    assert seen["opened_current"] and seen["first_opened_at"]
    stranger = active_account(name="Vreemde")
    new_dossier(stranger)
    assert call(client_api, "POST", path, headers=session_headers(stranger), body={"version": 1})[0] == 404


def test_another_party_never_sees_the_instruction(aws, fake_clock) -> None:
    buyer, seller = active_account(name="Koper"), active_account(name="Verkoper")
    registered()
    dossier = new_dossier(buyer, seller)
    instructions.publish(dossier["id"], buyer.id, iban=ESCROW_IBAN, **TERMS, **ALICE)
    from portal.accounts import sessions

    seller_caller = sessions.authenticate(sessions.start(seller))
    assert reading.for_dossier(seller_caller, dossier["id"], source_ip="-")["items"] == []
    assert reading.for_home(seller_caller)["items"] == []
    buyer_caller = sessions.authenticate(sessions.start(buyer))
    assert len(reading.for_home(buyer_caller)["items"]) == 1


def test_a_revoked_dossier_takes_its_instruction_off_home(aws, fake_clock) -> None:
    account = active_account()
    dossier, _ = published(account)
    from portal.accounts import sessions
    from portal.composed import access

    access.revoke(dossier["id"], account.id, actor="staff-test", source_ip="-")
    caller = sessions.authenticate(sessions.start(account))
    assert reading.for_home(caller)["items"] == []
    with pytest.raises(NotFound):
        reading.for_dossier(caller, dossier["id"], source_ip="-")


def test_the_email_never_contains_the_iban_or_the_amount(aws, fake_clock) -> None:
    account = active_account()
    dossier, instruction = published(account)
    instructions.propose_change(dossier["id"], instruction["id"], iban=ESCROW_IBAN,
                                **{**TERMS, "amount_cents": 99_999_999}, **BOB)
    instructions.approve_change(dossier["id"], instruction["id"], **ALICE)
    digest.run()
    [sent] = [m for m in mails(account.email)]
    assert "betaalinstructie" in sent["text"]
    for part in (sent["subject"], sent["text"], sent["html"]):
        for secret in (ESCROW_IBAN, "NL91 ABNA", "0417", "350123", "350.123", "999999", "999.999", "Kerkstraat"):
            assert secret not in part


def test_the_public_check_says_yes_only_for_an_office_account(aws, fake_clock) -> None:
    registered()
    yes = check.check(" nl91abna 0417-1643.00 ", source_ip="198.51.100.7")
    assert yes["registered"] and yes["well_formed"]
    answers = [check.check(typed, source_ip="198.51.100.7")
               for typed in (OTHER_IBAN, "DE89370400440532013000", "NL91ABNA0417164301", "hallo", "")]
    assert all(set(a) == set(yes) and not a["registered"] for a in answers)
    assert [a["well_formed"] for a in answers] == [True, True, False, False, False]


def test_a_retired_account_is_no_longer_the_office_s(aws, fake_clock) -> None:
    registered()
    escrow.approve(escrow.propose("retire", ESCROW_IBAN, holder=None, bank=None, **ALICE)["id"], **BOB)
    assert not check.check(ESCROW_IBAN, source_ip="198.51.100.8")["registered"]


def test_the_public_check_holds_under_its_rate_limit(aws, fake_clock, client_api) -> None:
    registered()
    limit = check.CHECKS_PER_ADDRESS.limit
    headers = {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000"}
    answers = [call(client_api, "POST", "/api/iban-checks", headers=headers, body={"iban": ESCROW_IBAN})
               for _ in range(limit + 3)]
    assert [s for s, _ in answers[:limit]] == [200] * limit
    assert {(s, b["code"]) for s, b in answers[limit:]} == {(429, "too_many_attempts")}
    with pytest.raises(Throttled):
        check.check(OTHER_IBAN, source_ip="192.0.2.10")  # the unit events' address: the same bucket
    fake_clock.advance(minutes=16)
    assert check.check(ESCROW_IBAN, source_ip="192.0.2.10")["registered"]


def test_home_counts_say_there_is_an_instruction(aws, fake_clock) -> None:
    from portal.dossiers import counters

    account = active_account()
    assert "payments" not in counters.for_party(account.id)
    published(account)
    assert counters.for_party(account.id)["payments"] == 1


@pytest.mark.parametrize("extra_dossiers", [0, 12])
def test_reads_and_the_check_cost_at_most_three_dynamodb_calls_however_many_dossiers(
        aws, fake_clock, client_api, extra_dossiers) -> None:
    from tests.unit.test_dossiers_call_counts import dynamodb_calls

    account = active_account()
    dossier, instruction = published(account)
    for _ in range(extra_dossiers):  # more dossiers with instructions for the same party
        other = new_dossier(account)
        instructions.publish(other["id"], account.id, iban=ESCROW_IBAN, **TERMS, **ALICE)
    headers = session_headers(account)
    requests_ = [("GET", "/api/payments", None), ("GET", f"/api/dossiers/{dossier['id']}/payments", None),
                 ("POST", f"/api/dossiers/{dossier['id']}/payments/{instruction['id']}/opened", {"version": 1}),
                 ("POST", "/api/iban-checks", {"iban": ESCROW_IBAN})]
    for method, path, body in requests_:
        call(client_api, method, path, headers=headers, body=body)  # sessions warm, windows started
        with dynamodb_calls() as calls:
            status, _ = call(client_api, method, path, headers=headers, body=body)
        assert status in (200, 204) and len(calls) <= 3, (path, calls)


@pytest.mark.parametrize(("typed", "expected"), [
    ("412375.50", 41_237_550), ("412.375,50", 41_237_550), ("350000", 35_000_000), ("0,1", 10), ("1 250,00", 125_000)])
def test_portal_admin_turns_an_amount_into_exact_cents(typed: str, expected: int) -> None:
    from portal_admin.payments import cents

    assert cents(typed) == expected


@pytest.mark.parametrize("typed", ["1.005", "twaalf", "1,2,3"])
def test_portal_admin_refuses_an_amount_it_cannot_read_exactly(typed: str) -> None:
    from portal_admin.payments import cents

    with pytest.raises(ValueError):
        cents(typed)
