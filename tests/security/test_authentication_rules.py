"""ASVS checks not covered elsewhere, in process: passwords of any characters are never cut short,
tokens carry 256 bits, one-time codes are stored only hashed, and the logs hold no secret and
cannot be forged with line breaks (docs/security.md maps these to V2, V3 and V7)."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterator

import pytest
from portal.accounts import links, profile, sessions, signin, two_factor
from portal.accounts.lookup import by_email
from portal.platform.errors import Unauthenticated

from tests.security.faults import snapshot
from tests.support.clients import call
from tests.unit.conftest import PASSWORD, active_client, load_handler, mails, sms_messages

IP = "192.0.2.10"
SITE = {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000", "Accept-Language": "nl"}


@pytest.mark.parametrize("new", [
    "Zonnebloem 🌻 in de tuin 2026",            # spaces and an emoji
    "Ωmega-Łódź-東京-2026",                     # any script
    "Lange zin " + "met veel woorden " * 6 + "1",  # 100+ characters, never truncated
])
def test_a_password_of_any_printable_characters_works_whole_and_only_whole(aws, fake_clock, new: str) -> None:
    account = active_client("anna@example.nl")
    profile.change_password(account, PASSWORD, new, source_ip=IP)
    assert signin.login("anna@example.nl", new, source_ip=IP).status == "ok"
    for near in (new[:-1], new + " ", new[:-1] + ("0" if new[-1] != "0" else "1")):
        fake_clock.advance(minutes=16)  # stay clear of the lock-out window
        with pytest.raises(Unauthenticated):
            signin.login("anna@example.nl", near, source_ip=IP)


def test_session_and_link_tokens_carry_256_random_bits(aws, fake_clock) -> None:
    account = active_client("anna@example.nl")
    session_tokens = {sessions.start(account).split(".", 1)[1] for _ in range(200)}
    # Link tokens as the mails carry them (the first-time flow's invitation and set-password
    # links) and as links.issue makes them for either purpose.
    mailed = {link.rsplit("/", 1)[1] for mail in mails("anna@example.nl") for link in mail["links"] if "/#/" in link}
    issued = {links.issue(account, purpose) for purpose in (links.INVITATION, links.PASSWORD) for _ in range(50)}
    assert len(mailed) == 2 and len(issued) == 100
    tokens = session_tokens | mailed | issued
    assert len(tokens) == 302  # no repeat, within or across kinds
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", t) for t in tokens)  # 32 bytes, base64url
    # 302 random tokens show nearly all 64 characters at each position but the last (which holds
    # 4 bits of padding); more than half is asked, so a position stuck on a few values (a counter,
    # a fixed prefix, padding) fails while chance alone practically never does.
    for position in range(42):
        assert len({t[position] for t in tokens}) > 32, position


def test_sms_codes_and_recovery_codes_are_stored_only_as_hashes(aws, fake_clock) -> None:
    account = active_client("anna@example.nl")
    two_factor.start_sms(account, "06 12345678", PASSWORD, source_ip=IP)
    setup_code = re.search(r"\b\d{6}\b", sms_messages()[-1]["message"]).group()
    recovery = two_factor.confirm_sms(by_email(account.email), setup_code, source_ip=IP)
    pending = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    login_code = re.search(r"\b\d{6}\b", sms_messages()[-1]["message"]).group()
    stored = "\n".join(snapshot()["items"])
    for secret in (login_code, recovery, recovery.replace("-", ""), pending.login_cookie):
        assert secret not in stored, secret


@pytest.fixture
def logs() -> Iterator[Callable[[], tuple[str, list[dict]]]]:
    """What the functions log, formatted exactly as Lambda ships it (the powertools JSON
    formatter), at DEBUG: the logger's handlers write to a buffer for the test's duration."""
    from portal.platform.log import get_logger

    logger, buffer = get_logger(), io.StringIO()
    handlers = [h for h in logger.handlers if isinstance(h, logging.StreamHandler)]
    saved = [(h, h.stream) for h in handlers]
    level = logging.getLogger("portal").level
    for handler in handlers:
        handler.stream = buffer  # not setStream(): it would flush a stream pytest may have closed
    logger.setLevel("DEBUG")

    def read() -> tuple[str, list[dict]]:
        text = buffer.getvalue()
        return text, [json.loads(line) for line in text.splitlines() if line.strip()]  # one JSON record a line

    yield read
    logging.getLogger("portal").setLevel(level)
    for handler, stream in saved:
        handler.stream = stream


def test_logs_hold_no_password_token_or_personal_number_even_when_a_request_crashes(
    aws, fake_clock, logs, monkeypatch
) -> None:
    from portal.questionnaires import filling

    from tests.unit.questionnaires_steps import TESTAMENT_PAGES, send_testament

    account = active_client("anna@example.nl")
    session_api, pages_api = load_handler("client/session"), load_handler("client/questionnaires")
    call(session_api, "POST", "/api/session", SITE, body={"email": "anna@example.nl", "password": "Fout-Geheim-771"})
    call(session_api, "POST", "/api/session", SITE, body={"email": "anna@example.nl", "password": PASSWORD})
    cookie = sessions.start(account)
    headers = {**SITE, "Cookie": f"__Host-portal_session={cookie}"}
    _, sent = send_testament(account)
    page = f"/api/questionnaires/{sent['id']}/pages/1"
    bad = {**TESTAMENT_PAGES[1], "bsn": "987654321"}  # fails the 11-test
    assert call(pages_api, "PUT", page, headers, body={"answers": bad, "version": 1})[0] == 422
    assert call(pages_api, "PUT", page, headers, body={"answers": TESTAMENT_PAGES[1], "version": 1})[0] == 200

    def crash(*_: object, **__: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(filling, "save_page", crash)
    assert call(pages_api, "PUT", page, headers, body={"answers": TESTAMENT_PAGES[1], "version": 2})[0] == 500
    text, records = logs()
    assert [r["message"] for r in records] == ["unhandled error"]  # the crash, with its traceback
    for secret in ("Fout-Geheim-771", PASSWORD, cookie.split(".", 1)[1], "987654321", "111222333", "Gdańsk"):
        assert secret not in text, secret


def test_a_crash_answers_only_a_correlation_id_and_logs_one_json_record_per_line(aws, fake_clock, logs,
                                                                               monkeypatch) -> None:
    session_api = load_handler("client/session")

    def crash(*_: object, **__: object) -> None:
        raise RuntimeError('kapot\r\n{"level": "INFO", "message": "forged"}\nnog een regel')

    monkeypatch.setattr(signin, "login", crash)
    status, answer = call(session_api, "POST", "/api/session", SITE, body={"email": "a@example.nl", "password": "x"})
    assert (status, answer["code"]) == (500, "internal_error") and answer["correlation_id"]
    assert "kapot" not in json.dumps(answer)  # no error text, no traceback reaches the client
    _, records = logs()
    assert any(r.get("message") == "unhandled error" and r.get("correlation_id") for r in records)
    assert not any(r.get("message") == "forged" for r in records)  # a line break cannot forge a record
