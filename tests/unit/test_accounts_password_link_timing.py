"""Forgotten password (issue 14, finding 8): an address without an account costs the same work.

Timing itself is measured by ``make bench`` (section timing), never asserted here: what a test can
prove is that both answers make the same AWS calls in the same order (reads, writes, the audit
entry), render the same e-mail, and that only SES's send becomes a wait of a typical send's length.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import botocore.client
import pytest
from portal.accounts import links, staff
from portal.accounts.lookup import by_email, by_id
from portal.accounts.models import REMOVED, LinkToken
from portal.platform import mail
from portal.platform.errors import NotFound

from tests.unit.conftest import STAFF, active_client, mails

IP = "192.0.2.10"


def decoy_account() -> Any:
    return by_id(links.DECOY_ACCOUNT)


@pytest.fixture
def work(monkeypatch) -> Iterator[dict[str, list[Any]]]:
    """Every AWS call, every e-mail rendered and every wait, in order."""
    seen: dict[str, list[Any]] = {"calls": [], "rendered": [], "waits": []}
    real_call, real_render = botocore.client.BaseClient._make_api_call, mail.render

    def call(self: Any, operation: str, params: dict[str, Any]) -> Any:
        seen["calls"].append(operation)
        return real_call(self, operation, params)

    def render(template: str, language: str, **context: Any) -> tuple[str, str, str]:
        seen["rendered"].append(template)
        return real_render(template, language, **context)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", call)
    monkeypatch.setattr(mail, "render", render)
    monkeypatch.setattr(links.time, "sleep", lambda seconds: seen["waits"].append(seconds))
    yield seen


def reset(seen: dict[str, list[Any]]) -> None:
    for values in seen.values():
        values.clear()


def first_use(fake_clock: Any) -> None:
    """The decoy account is made at the first request for an address without one (one more write, once).

    First the hour of the link limits ends: setting an account up here requested a link for its
    address, and a limit's counter inside its window costs one conditional write where a new window
    costs two. Whether an address had a link request in the last hour is what an attacker who makes
    one learns anyway; whether it has an account is what the two paths must not tell.
    """
    fake_clock.advance(minutes=61)
    links.request_password_link("first@example.nl", None, source_ip=IP)


def test_an_unknown_address_makes_the_same_calls_and_renders_the_same_mail(aws, fake_clock, work) -> None:
    account = active_client()
    first_use(fake_clock)
    reset(work)
    links.request_password_link(account.email, None, source_ip=IP)
    known = {name: list(values) for name, values in work.items()}
    reset(work)
    links.request_password_link("nobody@example.nl", None, source_ip=IP)

    assert "SendRawEmail" in known["calls"] and "SendRawEmail" not in work["calls"]
    assert work["calls"] == [c for c in known["calls"] if c != "SendRawEmail"]
    assert work["calls"].count("GetItem") >= 2 and "UpdateItem" in work["calls"]  # the account's read and write
    assert decoy_account().link_generation >= 1  # written as a real account is: an update that succeeds
    assert work["rendered"] == known["rendered"] == ["password_link"]
    assert known["waits"] == [] and work["waits"] == [mail.typical_send_seconds()]
    assert [m["to"] for m in mails("nobody@example.nl")] == []


def test_an_invited_address_and_a_blocked_one_cost_the_same_as_well(aws, fake_clock, work) -> None:
    staff.create_client(name="Anna", email="anna@example.nl", **STAFF)
    blocked = active_client("piet@example.nl", name="Piet")
    staff.block(blocked.id, **STAFF)
    first_use(fake_clock)
    reset(work)
    links.request_password_link("anna@example.nl", None, source_ip=IP)
    invited = [c for c in work["calls"] if c != "SendRawEmail"]
    for address in ("nobody@example.nl", blocked.email):
        reset(work)
        links.request_password_link(address, None, source_ip=IP)
        assert work["calls"] == invited, address
        assert work["rendered"] == ["password_link"] and len(work["waits"]) == 1


def test_the_link_stored_for_no_account_is_never_valid(aws, fake_clock, work, monkeypatch) -> None:
    issued: list[str] = []
    real_token = links.ids.new_token
    monkeypatch.setattr(links.ids, "new_token", lambda: issued.append(real_token()) or issued[-1])
    links.request_password_link("nobody@example.nl", None, source_ip=IP)
    [decoy] = [t for t in LinkToken.scan() if t.purpose == links.DECOY]
    assert decoy.account_id == links.DECOY_ACCOUNT and decoy_account().status == REMOVED
    assert decoy.expires_at == decoy.valid_until  # the TTL removes it after its hour, not 30 days later
    [token] = issued
    for purpose in (links.PASSWORD, links.INVITATION):
        with pytest.raises(NotFound):
            links.inspect(token, purpose)
    assert by_email("nobody@decoy.invalid") is None  # no e-mail claim leads to the decoy account
