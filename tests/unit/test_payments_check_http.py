"""The public check POST /api/iban-checks at the HTTP edge (issue 18): the payments function called
with API Gateway events from given addresses. Past its limit an address gets the 429 problem
(stable code, Retry-After header and retry_after in the body) whatever it asks about, so a throttled
answer tells nothing of the IBAN either; under it every unknown IBAN gets the same answer; another
address is still served, and the first one again after the window."""

from __future__ import annotations

import json

import pytest
from portal.payments import check, escrow
from portal_local.events import api_event

from tests.unit.conftest import LambdaContext, load_handler

ESCROW_IBAN = "NL91ABNA0417164300"
UNKNOWN = ["NL20INGB0001234567", "DE89 3704 0044 0532 0130 00", "nl20 ingb 0001 2345 67", "GB82WEST12345698765432"]
SITE = {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def client_api():
    return load_handler("client/payments")


def ask(api, typed: str, address: str, language: str = "nl") -> tuple[int, dict, dict]:
    event = api_event("POST", "/api/iban-checks", headers={**SITE, "Accept-Language": language},
                      body=json.dumps({"iban": typed}), source_ip=address)
    response = api.lambda_handler(event, LambdaContext())
    headers = {k: v[-1] for k, v in (response.get("multiValueHeaders") or {}).items()} | (response.get("headers") or {})
    return response["statusCode"], headers, json.loads(response["body"])


def test_one_address_is_held_at_its_limit_and_another_is_still_served(aws, fake_clock, client_api) -> None:
    escrow.seed(ESCROW_IBAN, holder="Stichting Derdengelden", bank="ABN AMRO",
                proposed_by="arn:aws:iam::123456789012:user/alice", approved_by="arn:aws:iam::123456789012:user/bob")
    limit = check.CHECKS_PER_ADDRESS.limit
    guesser, neighbour = "203.0.113.50", "203.0.113.51"

    served = [ask(client_api, UNKNOWN[i % len(UNKNOWN)], guesser) for i in range(limit - 1)]
    assert {status for status, _, _ in served} == {200}
    assert len({json.dumps(body, sort_keys=True) for _, _, body in served}) == 1  # every unknown IBAN: one answer
    assert served[0][2] == {"registered": False, "well_formed": True, "office_name": served[0][2]["office_name"]}
    status, _, yes = ask(client_api, ESCROW_IBAN, guesser)  # the limit-th check: a yes counts too
    assert status == 200 and yes["registered"] is True and yes.keys() == served[0][2].keys()

    held = [ask(client_api, typed, guesser) for typed in (ESCROW_IBAN, UNKNOWN[0], "hallo")]
    assert {status for status, _, _ in held} == {429}
    assert len({json.dumps(body, sort_keys=True) for _, _, body in held}) == 1  # nothing about the IBAN asked
    _, headers, body = held[0]
    assert body["code"] == "too_many_attempts" and body["status"] == 429 and body["message"]
    assert "registered" not in body and "office_name" not in body
    assert 0 < int(headers["Retry-After"]) <= check.CHECKS_PER_ADDRESS.window_seconds
    assert int(headers["Retry-After"]) == body["retry_after"]
    assert ask(client_api, UNKNOWN[0], guesser, language="en")[2]["message"] != body["message"]  # nl and en

    assert ask(client_api, UNKNOWN[1], neighbour)[:1] == (200,)
    assert ask(client_api, ESCROW_IBAN, neighbour)[2]["registered"] is True

    fake_clock.advance(seconds=int(headers["Retry-After"]) + 1)
    assert ask(client_api, ESCROW_IBAN, guesser)[0] == 200  # the window passed: served again
