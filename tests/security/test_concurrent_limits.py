"""Limits under concurrency: N real threads against the domain on a moto server, released together.

Each limit must be one atomic conditional update: with N concurrent attempts, exactly the limit
is evaluated (a password hashed, a code compared, a mail sent) and the rest are refused unseen.
The server runs each DynamoDB call alone (tests/support/moto_server.py), as DynamoDB does, and
leaves everything between the calls to race.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from portal.platform.errors import DomainError

from tests.support.moto_server import moto_server
from tests.unit.conftest import PASSWORD, STAFF, active_client, mails, sms_messages

pytestmark = pytest.mark.slow  # a few seconds each: real threads, a real server, argon2


@pytest.fixture
def server(monkeypatch, fake_clock) -> Iterator[str]:
    with moto_server(monkeypatch) as url:
        yield url


def together(count: int, work: Callable[[int], Any]) -> Counter[str]:
    """Run ``work(i)`` on ``count`` threads that start at the same moment; tally the outcomes."""
    barrier = threading.Barrier(count)

    def one(i: int) -> str:
        barrier.wait()
        try:
            work(i)
            return "ok"
        except DomainError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=count) as pool:
        return Counter(pool.map(one, range(count)))


def counting(monkeypatch: Any, module: Any, name: str) -> list[int]:
    """Wrap ``module.name`` so every call is counted (from any thread)."""
    calls: list[int] = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    return calls


def test_forty_concurrent_wrong_passwords_evaluate_exactly_the_limit(server, monkeypatch) -> None:
    from portal.accounts import passwords, signin, throttle

    active_client("anna@example.nl")
    verified = counting(monkeypatch, passwords, "verify")
    outcomes = together(40, lambda i: signin.login("anna@example.nl", f"Verkeerd-{i}", source_ip=f"198.51.100.{i}"))
    limit = throttle.LOGIN_PER_ACCOUNT.limit
    assert len(verified) == limit, outcomes
    assert outcomes == {"invalid_credentials": limit, "too_many_attempts": 40 - limit}


def test_sixty_concurrent_wrong_sms_codes_evaluate_exactly_the_attempt_limit(server, monkeypatch) -> None:
    from portal.accounts import codes, signin, two_factor
    from portal.accounts.lookup import by_email

    account = active_client("anna@example.nl")
    two_factor.start_sms(account, "06 12345678", PASSWORD, source_ip="192.0.2.10")
    sent = next(w.rstrip(".") for w in sms_messages()[-1]["message"].split() if w.rstrip(".").isdigit())
    two_factor.confirm_sms(by_email(account.email), sent, source_ip="192.0.2.10")
    pending = signin.login("anna@example.nl", PASSWORD, source_ip="192.0.2.10")
    code = next(w.rstrip(".") for w in sms_messages()[-1]["message"].split() if w.rstrip(".").isdigit())
    wrong = "000000" if code != "000000" else "111111"
    compared = counting(monkeypatch, codes, "same")
    outcomes = together(60, lambda i: signin.second_factor(pending.login_cookie, "sms", wrong, source_ip="192.0.2.10"))
    assert len(compared) == codes.SMS_CODE_ATTEMPTS, outcomes
    assert outcomes["code_invalid"] == codes.SMS_CODE_ATTEMPTS, outcomes
    assert set(outcomes) <= {"code_invalid", "code_expired", "too_many_attempts"}, outcomes


def test_thirty_concurrent_link_requests_send_exactly_five_mails(server) -> None:
    from portal.accounts import links, staff, throttle

    staff.create_client(name="Bram de Vries", email="bram@example.nl", language="nl", company=None, **STAFF)
    outcomes = together(30, lambda i: links.request_password_link("bram@example.nl", None, source_ip=f"198.51.100.{i}"))
    sent = [m for m in mails("bram@example.nl") if any("wachtwoord-instellen" in link for link in m["links"])]
    limit = throttle.LINKS_PER_EMAIL.limit
    assert len(sent) == limit, outcomes
    assert outcomes == {"ok": limit, "too_many_attempts": 30 - limit}
