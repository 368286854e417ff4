"""GET /api/home: Home's appointments and payment instructions in one request (Home stays at two:
Me and this), at a constant number of DynamoDB calls, and nothing of a dossier whose grant was revoked."""

from __future__ import annotations

import pytest
from portal.appointments import scheduling
from portal.composed import access
from portal.payments import instructions

from tests.support.clients import active_account, call, new_dossier, session_headers
from tests.unit.conftest import load_handler
from tests.unit.test_dossiers_call_counts import dynamodb_calls
from tests.unit.test_payments import ALICE, ESCROW_IBAN, TERMS, registered

WHO = {"actor": "staff-test", "source_ip": "192.0.2.1"}


@pytest.fixture(scope="module")
def home_api():
    return load_handler("client/home")


def _dossier_with_both(account) -> str:
    dossier = new_dossier(account)["id"]
    scheduling.schedule(dossier, starts_at="2027-03-12T10:30", address="Stationsplein 1, Utrecht", **WHO)
    instructions.publish(dossier, account.id, iban=ESCROW_IBAN, **TERMS, **ALICE)
    return dossier


def test_home_answers_the_appointments_and_the_instructions_and_forgets_a_revoked_dossier(
        aws, fake_clock, home_api) -> None:
    registered()
    jan = active_account()
    kept, revoked = _dossier_with_both(jan), _dossier_with_both(jan)
    status, body = call(home_api, "GET", "/api/home", session_headers(jan))
    assert status == 200
    assert {i["dossier_id"] for i in body["appointments"]} == {kept, revoked}
    assert {i["dossier_id"] for i in body["payments"]} == {kept, revoked}
    access.revoke(revoked, jan.id, **WHO)
    status, body = call(home_api, "GET", "/api/home", session_headers(jan))
    assert [i["dossier_id"] for i in body["appointments"]] == [kept]
    assert [i["dossier_id"] for i in body["payments"]] == [kept]


def test_home_without_either_is_two_empty_lists(aws, fake_clock, home_api) -> None:
    status, body = call(home_api, "GET", "/api/home", session_headers(active_account()))
    assert (status, body) == (200, {"appointments": [], "payments": []})


@pytest.mark.parametrize("dossiers", [1, 12])
def test_home_costs_the_same_dynamodb_calls_however_many_dossiers(aws, fake_clock, home_api, dossiers) -> None:
    registered()
    jan = active_account()
    for _ in range(dossiers):
        _dossier_with_both(jan)
    headers = session_headers(jan)
    call(home_api, "GET", "/api/home", headers)  # the session warm
    with dynamodb_calls() as calls:
        status, body = call(home_api, "GET", "/api/home", headers)
    assert status == 200 and len(body["payments"]) == dossiers
    # The session check, one query each for the appointments and the instructions, one batch of grants.
    assert len(calls) == 4, calls
