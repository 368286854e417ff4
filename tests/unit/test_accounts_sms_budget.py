"""SMS pumping: budgets per account and per office, the login's answer when one is spent, the alert."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from portal.accounts import signin, sms_budget, step_up, two_factor
from portal.accounts.lookup import by_email
from portal.audit import trail
from portal.platform.errors import Throttled
from portal.platform.settings import reset_settings

from tests.security.faults import Faults
from tests.unit.conftest import PASSWORD, active_client, sms_messages

IP = "192.0.2.10"


def _enable_sms(account) -> str:
    two_factor.start_sms(account, "06 12345678", PASSWORD, source_ip=IP)
    code = next(w.rstrip(".") for w in sms_messages()[-1]["message"].split() if w.rstrip(".").isdigit())
    return two_factor.confirm_sms(by_email(account.email), code, source_ip=IP)


@pytest.fixture
def office_budget(monkeypatch):
    def set_budget(per_hour: int, per_day: int) -> None:
        monkeypatch.setenv("SMS_PER_OFFICE_HOUR", str(per_hour))
        monkeypatch.setenv("SMS_PER_OFFICE_DAY", str(per_day))
        reset_settings()

    yield set_budget
    reset_settings()


def test_thirty_correct_password_logins_send_only_the_accounts_budget_of_sms(aws, fake_clock) -> None:
    account = active_client()
    _enable_sms(account)  # the setup code is one SMS of the hour's five
    answers = [signin.login("anna@example.nl", PASSWORD, source_ip=IP) for _ in range(30)]
    assert len(sms_messages()) == 5
    sent, refused = answers[:4], answers[4:]
    assert all(a.body["methods"] == ["sms", "recovery"] and "notice" not in a.body for a in sent)
    for answer in refused:
        assert answer.status == "second_factor_required" and answer.login_cookie
        assert answer.body["methods"] == ["recovery"]  # the way in that needs no SMS
        assert answer.body["notice"]["code"] == "sms_budget_spent"
        assert "herstelcode" in answer.body["notice"]["message"]
        assert 0 < answer.body["notice"]["retry_after"] <= 3600


def test_a_spent_budget_still_lets_the_owner_in_with_the_recovery_code(aws, fake_clock) -> None:
    account = active_client()
    recovery = _enable_sms(account)
    for _ in range(4):
        signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    spent = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    assert spent.body["notice"]["code"] == "sms_budget_spent"
    assert signin.second_factor(spent.login_cookie, "recovery", recovery, source_ip=IP).status == "ok"


def test_asking_for_a_new_code_when_the_budget_is_spent_is_a_clear_problem(aws, fake_clock) -> None:
    account = active_client()
    _enable_sms(account)
    pending = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    for _ in range(3):
        signin.resend_sms(pending.login_cookie, source_ip=IP)
    with pytest.raises(Throttled) as error:
        signin.resend_sms(pending.login_cookie, source_ip=IP)
    assert error.value.code == "sms_budget_spent"
    assert error.value.detail["methods"] == ["recovery"] and error.value.detail["retry_after"] > 0
    assert len(sms_messages()) == 5


def test_the_hour_budget_returns_after_the_hour_and_the_day_budget_holds(aws, fake_clock) -> None:
    account = active_client()
    _enable_sms(account)
    for _ in range(4):
        signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    fake_clock.advance(hours=1)
    answers = [signin.login("anna@example.nl", PASSWORD, source_ip=IP) for _ in range(8)]
    assert len(sms_messages()) == 10  # the day's ten
    assert ["notice" in a.body for a in answers] == [False] * 5 + [True] * 3
    fake_clock.advance(hours=1)
    assert "notice" in signin.login("anna@example.nl", PASSWORD, source_ip=IP).body  # still the same day
    fake_clock.advance(days=1)
    assert "notice" not in signin.login("anna@example.nl", PASSWORD, source_ip=IP).body


def test_the_office_budget_holds_across_accounts_and_gives_the_accounts_charge_back(
    aws, fake_clock, office_budget
) -> None:
    office_budget(per_hour=3, per_day=50)
    assert [sms_budget.spend(f"account-{number}", source_ip=IP) for number in range(3)] == [None] * 3
    refused = sms_budget.spend("account-9", source_ip=IP)
    assert refused is not None and (refused.scope, refused.window) == ("office", "hour")
    # The office's refusal did not use up account-9's own budget.
    stored = sms_budget.SmsBudget.get("SMSBUDGET#account-9", "DAY#20261126").attribute_values
    assert stored["day"] == 0


def test_the_office_is_alerted_once_per_window(aws, fake_clock, capsys) -> None:
    account = active_client()
    _enable_sms(account)
    capsys.readouterr()
    for _ in range(10):
        signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    metrics = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"_aws"' in line]
    assert len(metrics) == 1
    assert metrics[0]["SmsBudgetSpent"] == 1 and metrics[0]["scope"] == "account"
    assert metrics[0]["_aws"]["CloudWatchMetrics"][0]["Namespace"] == sms_budget.METRIC_NAMESPACE
    entries = [e for e in trail.history(account.id) if e["action"] == "sms_budget_spent"]
    assert len(entries) == 1 and entries[0]["detail"] == {"scope": "account", "window": "hour"}
    fake_clock.advance(hours=1)
    for _ in range(6):
        signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    assert len([e for e in trail.history(account.id) if e["action"] == "sms_budget_spent"]) == 2


def test_setting_up_and_confirming_changes_spend_the_same_budget(aws, fake_clock) -> None:
    account = active_client()
    _enable_sms(account)
    for _ in range(4):
        step_up.send_code(by_email(account.email), source_ip=IP)
    with pytest.raises(Throttled) as error:
        step_up.send_code(by_email(account.email), source_ip=IP)
    assert error.value.code == "sms_budget_spent"
    assert len(sms_messages()) == 5


def test_forty_concurrent_requests_spend_exactly_the_budget(aws, fake_clock, monkeypatch, office_budget) -> None:
    """Real threads; each DynamoDB call atomic, as in the service (tests/security/faults.py)."""
    Faults(atomic=threading.RLock()).install(monkeypatch)
    office_budget(per_hour=7, per_day=50)
    barrier = threading.Barrier(40)

    def one_account(_: int) -> bool:
        barrier.wait()
        return sms_budget.spend("the-same-account", source_ip=IP) is None

    with ThreadPoolExecutor(max_workers=40) as pool:
        assert sum(pool.map(one_account, range(40))) == 5  # the account's hour

    barrier = threading.Barrier(40)

    def many_accounts(number: int) -> bool:
        barrier.wait()
        return sms_budget.spend(f"account-{number}", source_ip=IP) is None

    with ThreadPoolExecutor(max_workers=40) as pool:
        assert sum(pool.map(many_accounts, range(40))) == 2  # what is left of the office's seven
