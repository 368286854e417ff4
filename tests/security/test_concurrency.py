"""Races, in process: 20 threads, each its own copy of the Lambda handler (as 20 warm instances
would be), released together by a barrier.

moto's in-process DynamoDB is not thread-safe: a transaction deep-copies the whole table to roll
back on failure and checks its conditions without a lock, so a cancelled transaction in one thread
can erase another thread's committed write, and a copy taken while another thread writes fails
("dictionary changed size during iteration": 1-2 of 20 sends answered 500 when tried without the
lock). DynamoDB itself applies each call atomically. The
tests therefore make each DynamoDB call atomic (tests/security/faults.py, ``Faults.atomic``) and
leave everything between the calls (read, decide, write) to race freely, which is where the
portal's conditions have to hold. The stale-read forms of both races are in the unit tier
(test_a_send_that_loses_the_race_answers_with_the_winners_message,
test_two_uses_of_one_recovery_code_racing_succeed_once).
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from portal.messages.models import Message

from tests.security.faults import Faults
from tests.support.clients import call, session_headers
from tests.unit.conftest import PASSWORD, LambdaContext, api_event, load_handler
from tests.unit.messages_steps import client_in_dossier, tabs, upload

PARALLEL = 20


@pytest.fixture
def atomic(monkeypatch, aws, fake_clock) -> Faults:
    faults = Faults(atomic=threading.RLock())
    return faults.install(monkeypatch)


def together(work: Any) -> list[Any]:
    """Run ``work(i)`` for i in 0..19 on 20 threads that all start at the same moment."""
    barrier = threading.Barrier(PARALLEL)

    def one(i: int) -> Any:
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return list(pool.map(one, range(PARALLEL)))


def test_twenty_parallel_identical_sends_create_one_message(atomic: Faults) -> None:
    jan, dossier = client_in_dossier()
    attachments_api, dossiers_api = load_handler("client/attachments"), load_handler("client/dossiers")
    _, checked = upload(attachments_api, jan, dossier["id"])
    handlers = [load_handler("client/messages") for _ in range(PARALLEL)]
    headers = [session_headers(jan) for _ in range(PARALLEL)]  # a double-click, retries, two tabs...
    body = {"subject": "Dubbelklik", "body": "Eén bericht, hoe vaak ik ook klik.",
            "attachments": [checked["upload_id"]], "idempotency_key": uuid.uuid4().hex}

    answers = together(lambda i: call(handlers[i], "POST", f"/api/dossiers/{dossier['id']}/messages",
                                      headers[i], body=body))
    assert Counter(status for status, _ in answers) == {201: PARALLEL}, [a for s, a in answers if s != 201][:3]
    assert len({answer["id"] for _, answer in answers}) == 1
    assert len(list(Message.query(f"DOSSIER#{dossier['id']}", Message.sk.startswith("MSG#")))) == 1
    page = tabs(dossiers_api, jan, dossier["id"])
    assert page["tabs"]["messages"]["count"] == page["tabs"]["supplied"]["count"] == 1


def test_twenty_parallel_uses_of_one_recovery_code_succeed_once(atomic: Faults) -> None:
    from portal.accounts import two_factor
    from portal.accounts.lookup import by_email
    from portal.accounts.sessions import LOGIN_COOKIE

    from tests.unit.conftest import active_client, sms_messages

    account = active_client("anna@example.nl")
    two_factor.start_sms(account, "06 12345678", PASSWORD, source_ip="192.0.2.10")
    code = next(w.rstrip(".") for w in sms_messages()[-1]["message"].split() if w.rstrip(".").isdigit())
    recovery = two_factor.confirm_sms(by_email(account.email), code, source_ip="192.0.2.10")
    session_api = load_handler("client/session")
    site = {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000", "Accept-Language": "nl"}

    def password_step() -> str:
        event = api_event("POST", "/api/session", headers=site,
                          body=f'{{"email": "{account.email}", "password": "{PASSWORD}"}}')
        response = session_api.lambda_handler(event, LambdaContext())
        assert response["statusCode"] == 200, response["body"]
        cookies = response.get("multiValueHeaders", {}).get("Set-Cookie") or response.get("cookies") or []
        return next(c.split(";")[0] for c in cookies if c.startswith(LOGIN_COOKIE))

    logins = [password_step() for _ in range(PARALLEL)]  # 20 browsers past the password, one code
    handlers = [load_handler("client/second_factor") for _ in range(PARALLEL)]
    answers = together(lambda i: call(handlers[i], "POST", "/api/session/second-factor",
                                      {**site, "Cookie": logins[i]}, body={"method": "recovery", "code": recovery}))
    statuses = Counter((status, (answer or {}).get("code") or (answer or {}).get("status")) for status, answer in answers)
    assert statuses[(200, "ok")] == 1, statuses
    assert set(statuses) - {(200, "ok")} <= {(401, "code_invalid"), (429, "too_many_attempts")}, statuses
    [winner] = [answer for status, answer in answers if status == 200]
    assert winner["recovery_code"] != recovery  # the replacement, shown once
