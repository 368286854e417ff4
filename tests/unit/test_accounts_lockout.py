"""Lock-out is not a denial of service (device cookies), and what is refused is audited."""

from __future__ import annotations

import json

import pytest
from portal.accounts import signin, trusted_devices
from portal.accounts.sessions import DEVICE_COOKIE
from portal.audit import trail
from portal.platform.errors import Throttled, Unauthenticated

from tests.unit.conftest import PASSWORD, LambdaContext, active_client, api_event, load_handler

OWNER_IP, ATTACKER_IP = "192.0.2.10", "203.0.113.66"


def _fail(email: str, times: int, *, device: str | None = None, source_ip: str = ATTACKER_IP) -> None:
    for _ in range(times):
        with pytest.raises(Unauthenticated):
            signin.login(email, "Verkeerd-Wachtwoord-1", source_ip=source_ip, device_cookie=device)


def test_an_attackers_failures_do_not_lock_out_the_owners_browser(aws, fake_clock) -> None:
    active_client("anna@example.nl")
    device = signin.login("anna@example.nl", PASSWORD, source_ip=OWNER_IP).device_cookie
    _fail("anna@example.nl", 5)
    with pytest.raises(Throttled):
        signin.login("anna@example.nl", PASSWORD, source_ip=ATTACKER_IP)  # every untrusted client waits
    owner = signin.login("anna@example.nl", PASSWORD, source_ip=OWNER_IP, device_cookie=device)
    assert owner.status == "ok" and owner.session_cookie
    with pytest.raises(Throttled):  # the owner's login does not reopen the door for the attacker
        signin.login("anna@example.nl", "Verkeerd-Wachtwoord-1", source_ip=ATTACKER_IP)


def test_the_owners_own_failures_lock_only_their_browser(aws, fake_clock) -> None:
    active_client("anna@example.nl")
    device = signin.login("anna@example.nl", PASSWORD, source_ip=OWNER_IP).device_cookie
    _fail("anna@example.nl", 5, device=device, source_ip=OWNER_IP)
    with pytest.raises(Throttled):
        signin.login("anna@example.nl", PASSWORD, source_ip=OWNER_IP, device_cookie=device)
    # Another browser (no device cookie) still has the account-wide allowance.
    assert signin.login("anna@example.nl", PASSWORD, source_ip=OWNER_IP).status == "ok"
    fake_clock.advance(minutes=15)
    assert signin.login("anna@example.nl", PASSWORD, source_ip=OWNER_IP, device_cookie=device).status == "ok"


def test_a_device_cookie_of_another_account_earns_no_allowance(aws, fake_clock) -> None:
    active_client("anna@example.nl")
    active_client("mallory@example.nl", name="Mallory Smit")
    own = signin.login("mallory@example.nl", PASSWORD, source_ip=ATTACKER_IP).device_cookie
    _fail("anna@example.nl", 5, device=own)
    with pytest.raises(Throttled):
        signin.login("anna@example.nl", "Verkeerd-Wachtwoord-1", source_ip=ATTACKER_IP, device_cookie=own)
    with pytest.raises(Throttled):
        signin.login("anna@example.nl", "Verkeerd-Wachtwoord-1", source_ip=ATTACKER_IP, device_cookie="x" * 43)


def test_the_device_cookie_is_host_only_http_only_strict_long_lived_and_stored_hashed(aws, fake_clock) -> None:
    from portal.platform import ids

    account = active_client("anna@example.nl")
    session_api = load_handler("client/session")
    site = {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000"}
    body = json.dumps({"email": account.email, "password": PASSWORD})
    response = session_api.lambda_handler(api_event("POST", "/api/session", headers=site, body=body), LambdaContext())
    assert response["statusCode"] == 200, response["body"]
    [header] = [c for c in response["multiValueHeaders"]["Set-Cookie"] if c.startswith(f"{DEVICE_COOKIE}=")]
    attributes = {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}
    assert {"secure", "httponly", "path", "max-age", "samesite"} <= attributes and "domain" not in attributes
    assert "SameSite=Strict" in header and f"Max-Age={trusted_devices.LIFETIME_SECONDS}" in header
    value = header.split(";", 1)[0].split("=", 1)[1]
    stored = trusted_devices.TrustedDevice.get(f"ACCOUNT#{account.id}", f"DEVICE#{ids.token_hash(value)}")
    assert value not in json.dumps(stored.to_simple_dict())
    # The same browser signing in again keeps its cookie (another account may trust it too).
    again = session_api.lambda_handler(
        api_event("POST", "/api/session", headers={**site, "Cookie": f"{DEVICE_COOKIE}={value}"}, body=body),
        LambdaContext(),
    )
    assert any(c.startswith(f"{DEVICE_COOKIE}={value};") for c in again["multiValueHeaders"]["Set-Cookie"])


def test_throttled_attempts_are_audited_once_per_window_without_the_address(aws, fake_clock) -> None:
    account = active_client("anna@example.nl")
    _fail("anna@example.nl", 5)
    for _ in range(3):
        with pytest.raises(Throttled):
            signin.login("anna@example.nl", PASSWORD, source_ip=ATTACKER_IP)
    entries = [e for e in trail.history(account.id) if e["action"] == "throttled"]
    assert len(entries) == 1 and entries[0]["detail"]["rule"] == "login-account"
    assert entries[0]["source_ip"] == ATTACKER_IP and "anna@" not in json.dumps(entries)
    assert PASSWORD not in json.dumps(trail.history(account.id))


def test_unknown_addresses_are_audited_by_hash_only(aws, fake_clock) -> None:
    _fail("nobody@example.nl", 1)
    [entry] = [e for e in trail.history("unknown") if e["action"] == "login_failed"]
    assert len(entry["detail"]["email_hash"]) == 32 and "nobody" not in json.dumps(entry)


def test_wrong_codes_are_audited_without_the_code(aws, fake_clock) -> None:
    from portal.accounts import two_factor
    from portal.accounts.lookup import by_email

    from tests.unit.conftest import sms_messages

    def last_code() -> str:
        return next(w.rstrip(".") for w in sms_messages()[-1]["message"].split() if w.rstrip(".").isdigit())

    account = active_client("anna@example.nl")
    two_factor.start_sms(account, "06 12345678", PASSWORD, source_ip=OWNER_IP)
    two_factor.confirm_sms(by_email(account.email), last_code(), source_ip=OWNER_IP)
    pending = signin.login("anna@example.nl", PASSWORD, source_ip=OWNER_IP)
    wrong = "000000" if last_code() != "000000" else "111111"
    with pytest.raises(Unauthenticated):
        signin.second_factor(pending.login_cookie, "sms", wrong, source_ip=OWNER_IP)
    [entry] = [e for e in trail.history(account.id) if e["action"] == "code_failed"]
    assert entry["detail"] == {"method": "sms"} and wrong not in json.dumps(entry)


def test_a_csrf_refusal_is_audited_on_the_account_it_rode_on_without_the_cookie(aws, fake_clock) -> None:
    cookie = "01JACCOUNT.secret-session-token"
    trail.csrf_refused(source_ip=ATTACKER_IP, origin="https://evil.example", session_cookie=cookie)
    [entry] = trail.history("01JACCOUNT")
    assert entry["action"] == "csrf_refused" and entry["detail"] == {"origin": "https://evil.example"}
    assert "secret-session-token" not in json.dumps(entry)


def test_a_wrong_current_password_when_changing_it_or_two_step_is_audited(aws, fake_clock) -> None:
    from portal.accounts import profile, two_factor

    account = active_client("anna@example.nl")
    with pytest.raises(Unauthenticated):
        profile.change_password(account, "Verkeerd-Geheim-1", "Nieuw-Wachtwoord-2027", source_ip=OWNER_IP)
    with pytest.raises(Unauthenticated):
        two_factor.disable(account, "Verkeerd-Geheim-2", source_ip=OWNER_IP)
    entries = [e for e in trail.history(account.id) if e["action"] == "password_check_failed"]
    assert sorted(e["detail"]["step"] for e in entries) == ["change", "two_factor"]
    assert "Verkeerd-Geheim" not in json.dumps(entries)


def test_a_forged_state_change_is_refused_and_audited_on_the_account_it_rode_on(aws, fake_clock) -> None:
    me = load_handler("client/me")
    account = active_client("karel@example.nl")
    headers = {"Origin": "https://evil.example", "X-Portal-Request": "1",
               "Cookie": f"__Host-portal_session={account.id}.stolen-or-replayed-token"}
    event = api_event("PUT", "/api/me/language", body=json.dumps({"language": "en"}), headers=headers)
    answer = me.lambda_handler(event, LambdaContext())
    assert answer["statusCode"] == 403 and json.loads(answer["body"])["code"] == "csrf_failed"
    [entry] = [e for e in trail.history(account.id) if e["action"] == "csrf_refused"]
    assert entry["detail"] == {"origin": "https://evil.example"}
    assert "stolen-or-replayed-token" not in json.dumps(entry)
