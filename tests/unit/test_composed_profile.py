"""Me is composed above the domain packages (portal.composed.profile), and a login still answers with
the whole of it: the account's details, Home's counts and the Acties panel (issue 15)."""

from __future__ import annotations

from portal.accounts import signin
from portal.composed import profile

from tests.support.clients import new_dossier
from tests.unit.conftest import PASSWORD, active_client

IP = "192.0.2.10"


def test_a_login_answers_with_the_same_me_as_get_api_me(aws, fake_clock) -> None:
    account = active_client("anna@example.nl")
    new_dossier(account)
    result = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    assert result.account is not None and "me" not in result.body  # accounts alone cannot compose it
    answer = profile.login_response(result)
    assert answer.body["me"] == profile.me(account)
    assert answer.body["me"]["counts"]["dossiers_total"] == 1 and answer.body["me"]["actions"] == []
    assert answer.body["me"]["email"] == "anna@example.nl"


def test_changing_the_language_answers_with_the_whole_me(aws, fake_clock) -> None:
    account = active_client("anna@example.nl")
    shown = profile.set_language(account, "en", source_ip=IP)
    assert shown["language"] == "en" and {"counts", "actions"} <= set(shown)
