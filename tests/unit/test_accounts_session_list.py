"""Ingelogde apparaten (ASVS 3.3.4): the client lists their live sessions and ends them, one or all others."""

from __future__ import annotations

import json

import pytest
from portal.accounts import profile, sessions
from portal.accounts.devices import describe
from portal.accounts.lookup import by_id
from portal.audit import trail

from tests.support.clients import active_account, call
from tests.unit.conftest import LambdaContext, api_event, load_handler
from tests.unit.test_dossiers_call_counts import dynamodb_calls

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                 "Version/18.1 Mobile/15E148 Safari/604.1")
ULID_CHARACTERS = set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")


@pytest.fixture(scope="module")
def api():
    return load_handler("client/sessions")


@pytest.fixture(scope="module")
def me_api():
    return load_handler("client/me")


def site(account) -> dict[str, str]:
    """What the site sends on every call, without a session."""
    return {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000", "Accept-Language": account.language}


def browser(account, user_agent: str | None = None) -> dict[str, str]:
    """The headers of a browser that just signed in to this account (a new session), as that browser."""
    cookie = sessions.start(account, user_agent)
    return {**site(account), "Cookie": f"__Host-portal_session={cookie}", **({"User-Agent": user_agent} if user_agent else {})}


def audited(account, action: str) -> list[dict]:
    return [e["detail"] for e in trail.history(account.id) if e["action"] == action]


def cookie_of(headers: dict[str, str]) -> str:
    return headers["Cookie"].split("=", 1)[1]


def listed(api, headers: dict[str, str]) -> list[dict]:
    status, body = call(api, "GET", "/api/me/sessions", headers)
    assert status == 200, body
    return body["items"]


def signed_in(me_api, headers: dict[str, str]) -> int:
    return call(me_api, "GET", "/api/me", headers)[0]


# ---------------------------------------------------------------- the list
def test_list_shows_each_session_with_its_device_and_marks_the_current_one(aws, fake_clock, api) -> None:
    jan = active_account()
    phone = browser(jan, SAFARI_IPHONE)
    fake_clock.advance(minutes=5)
    laptop = browser(jan, FIREFOX_WINDOWS)
    items = listed(api, phone)
    assert [(i["browser"], i["os"], i["current"]) for i in items] == [
        ("Safari", "iOS", True), ("Firefox", "Windows", False)]
    assert items[0]["created_at"] == "2026-11-26T09:00:00+00:00"
    assert items[1]["created_at"] == items[1]["last_seen"] == "2026-11-26T09:05:00+00:00"
    assert all(len(i["id"]) == 26 and set(i["id"]) <= ULID_CHARACTERS for i in items)
    assert [i["current"] for i in listed(api, laptop)] == [True, False]
    assert listed(api, laptop)[0]["id"] == items[1]["id"]


def test_list_puts_the_current_session_first_then_the_most_recently_used(aws, fake_clock, api, me_api) -> None:
    jan = active_account()
    first, second, third = browser(jan), browser(jan), browser(jan)
    ids = {name: next(i["id"] for i in listed(api, h) if i["current"])
           for name, h in (("first", first), ("second", second), ("third", third))}
    fake_clock.advance(minutes=2)
    assert signed_in(me_api, first) == 200  # last used a minute ago or more: its last_seen moves on
    assert [i["id"] for i in listed(api, third)] == [ids["third"], ids["first"], ids["second"]]


def test_a_session_without_a_user_agent_has_no_device(aws, fake_clock, api) -> None:
    jan = active_account()
    assert [(i["browser"], i["os"]) for i in listed(api, browser(jan))] == [(None, None)]


def test_the_device_comes_from_the_login_requests_user_agent(aws, fake_clock, api) -> None:
    from portal.accounts import passwords
    from portal.accounts.models import Account

    jan = active_account()
    jan.update(actions=[Account.password_hash.set(passwords.hash_password("Vlinder-Tuin-2026"))])
    login = load_handler("client/session")
    event = api_event("POST", "/api/session", body=json.dumps({"email": jan.email, "password": "Vlinder-Tuin-2026"}),
                      headers={**site(jan), "user-agent": FIREFOX_WINDOWS})
    response = login.lambda_handler(event, LambdaContext())
    assert response["statusCode"] == 200, response["body"]
    cookie = next(c for c in response["multiValueHeaders"]["Set-Cookie"] if c.startswith("__Host-portal_session="))
    headers = {**site(jan), "Cookie": cookie.split(";", 1)[0]}
    assert [(i["browser"], i["os"]) for i in listed(api, headers) if i["current"]] == [("Firefox", "Windows")]


def test_expired_and_idle_sessions_are_not_listed(aws, fake_clock, api, me_api) -> None:
    jan = active_account()
    busy = browser(jan)
    for n in range(35):  # used every 20 minutes for 11 h 40 min
        fake_clock.advance(minutes=20)
        assert signed_in(me_api, busy) == 200
        if n == 16:
            idle = browser(jan)  # used once, 6 hours before the list is asked
    fake_clock.advance(minutes=25)  # `busy` was used 25 minutes ago, but began more than 12 hours ago
    mine = browser(jan)
    assert [i["current"] for i in listed(api, mine)] == [True]
    assert signed_in(me_api, busy) == 401 and signed_in(me_api, idle) == 401


def test_sessions_of_an_old_generation_are_not_listed(aws, fake_clock, api) -> None:
    from portal.accounts import passwords
    from portal.accounts.models import Account

    jan = active_account()
    jan.update(actions=[Account.password_hash.set(passwords.hash_password("Vlinder-Tuin-2026"))])
    laptop, phone = browser(jan, FIREFOX_WINDOWS), browser(jan, SAFARI_IPHONE)
    assert len(listed(api, phone)) == 2
    renewed = profile.change_password(by_id(jan.id), "Vlinder-Tuin-2026", "Nieuwe-Zomer-2027", source_ip="192.0.2.10",
                                      user_agent=SAFARI_IPHONE)
    phone = {**phone, "Cookie": f"__Host-portal_session={renewed}"}
    assert [(i["browser"], i["os"], i["current"]) for i in listed(api, phone)] == [("Safari", "iOS", True)]
    assert call(api, "GET", "/api/me/sessions", laptop)[0] == 401


def test_the_list_needs_a_session(aws, fake_clock, api) -> None:
    jan = active_account()
    status, body = call(api, "GET", "/api/me/sessions", site(jan))
    assert (status, body["code"]) == (401, "not_authenticated")


# ---------------------------------------------------------------- ending one
def test_ending_another_session_signs_that_browser_out_at_once(aws, fake_clock, api, me_api) -> None:
    jan = active_account()
    mine, other = browser(jan), browser(jan, FIREFOX_WINDOWS)
    target = next(i["id"] for i in listed(api, mine) if not i["current"])
    assert call(api, "DELETE", f"/api/me/sessions/{target}", mine) == (204, None)
    assert signed_in(me_api, other) == 401
    assert signed_in(me_api, mine) == 200
    assert [i["current"] for i in listed(api, mine)] == [True]
    assert audited(jan, "session_ended") == [{"session_id": target, "current": "False"}]


def test_another_accounts_session_cannot_be_ended(aws, fake_clock, api, me_api) -> None:
    jan, piet = active_account(), active_account(name="Piet")
    mine, theirs = browser(jan), browser(piet)
    their_id = listed(api, theirs)[0]["id"]
    status, body = call(api, "DELETE", f"/api/me/sessions/{their_id}", mine)
    assert (status, body["code"]) == (404, "not_found")
    assert signed_in(me_api, theirs) == 200
    assert [i["id"] for i in listed(api, theirs)] == [their_id]


def test_an_unknown_or_already_ended_session_is_not_found(aws, fake_clock, api) -> None:
    jan = active_account()
    mine, _other = browser(jan), browser(jan)
    target = next(i["id"] for i in listed(api, mine) if not i["current"])
    assert call(api, "DELETE", f"/api/me/sessions/{target}", mine)[0] == 204
    for unknown in (target, "01ARZ3NDEKTSV4RRFFQ69G5FAV", "not-an-id"):
        status, body = call(api, "DELETE", f"/api/me/sessions/{unknown}", mine)
        assert (status, body["code"]) == (404, "not_found")


def test_an_expired_session_is_not_found_either(aws, fake_clock, api) -> None:
    jan = active_account()
    stale = browser(jan)
    stale_id = listed(api, stale)[0]["id"]
    fake_clock.advance(minutes=31)
    mine = browser(jan)
    assert call(api, "DELETE", f"/api/me/sessions/{stale_id}", mine)[0] == 404


def test_ending_the_current_session_logs_out_and_clears_the_cookie(aws, fake_clock, api, me_api) -> None:
    jan = active_account()
    mine = browser(jan)
    own_id = listed(api, mine)[0]["id"]
    event = api_event("DELETE", f"/api/me/sessions/{own_id}", headers=mine)
    response = api.lambda_handler(event, LambdaContext())
    assert response["statusCode"] == 204
    cleared = [c for c in response["multiValueHeaders"]["Set-Cookie"] if c.startswith("__Host-portal_session=")]
    assert len(cleared) == 1 and "Max-Age=0" in cleared[0] and cleared[0].startswith("__Host-portal_session=;")
    assert signed_in(me_api, mine) == 401


def test_ending_another_session_leaves_this_browsers_cookie_alone(aws, fake_clock, api) -> None:
    jan = active_account()
    mine, _other = browser(jan), browser(jan)
    target = next(i["id"] for i in listed(api, mine) if not i["current"])
    response = api.lambda_handler(api_event("DELETE", f"/api/me/sessions/{target}", headers=mine), LambdaContext())
    assert response["statusCode"] == 204
    assert not (response.get("multiValueHeaders") or {}).get("Set-Cookie")


# ---------------------------------------------------------------- ending all others
def test_ending_the_other_sessions_keeps_this_one(aws, fake_clock, api, me_api) -> None:
    jan, piet = active_account(), active_account(name="Piet")
    mine, laptop, phone, theirs = browser(jan), browser(jan), browser(jan), browser(piet)
    assert call(api, "POST", "/api/me/sessions/end-others", mine, body={}) == (200, {"ended": 2})
    assert signed_in(me_api, laptop) == 401 and signed_in(me_api, phone) == 401
    assert signed_in(me_api, mine) == 200 and signed_in(me_api, theirs) == 200
    assert [i["current"] for i in listed(api, mine)] == [True]
    fake_clock.advance(seconds=1)
    assert call(api, "POST", "/api/me/sessions/end-others", mine, body={}) == (200, {"ended": 0})  # a retry: nothing left
    assert audited(jan, "other_sessions_ended") == [{"count": "0"}, {"count": "2"}]


def test_the_state_changes_need_a_session_and_the_sites_csrf_header(aws, fake_clock, api) -> None:
    jan = active_account()
    mine = browser(jan)
    anonymous = {k: v for k, v in mine.items() if k != "Cookie"}
    assert call(api, "POST", "/api/me/sessions/end-others", anonymous, body={})[1]["code"] == "not_authenticated"
    assert call(api, "DELETE", "/api/me/sessions/01ARZ3NDEKTSV4RRFFQ69G5FAV", anonymous)[1]["code"] == "not_authenticated"
    forged = {k: v for k, v in mine.items() if k != "X-Portal-Request"}
    assert call(api, "POST", "/api/me/sessions/end-others", forged, body={})[1]["code"] == "csrf_failed"
    assert call(api, "DELETE", "/api/me/sessions/01ARZ3NDEKTSV4RRFFQ69G5FAV", forged)[1]["code"] == "csrf_failed"


def test_no_answer_or_audit_entry_carries_a_session_key_hash_or_cookie(aws, fake_clock, api) -> None:
    from portal.platform import ids

    jan = active_account()
    mine, other, spare = browser(jan, FIREFOX_WINDOWS), browser(jan), browser(jan)
    secrets = {cookie_of(h) for h in (mine, other, spare)}
    secrets |= {ids.token_hash(s) for s in secrets} | {"SESSION#", "SESSIONS#"}
    target = next(i["id"] for i in listed(api, mine) if not i["current"])
    answers = [call(api, "GET", "/api/me/sessions", mine), call(api, "DELETE", f"/api/me/sessions/{target}", mine),
               call(api, "POST", "/api/me/sessions/end-others", mine, body={}), call(api, "GET", "/api/me/sessions", mine)]
    written = json.dumps(answers) + json.dumps(trail.history(jan.id))
    assert [s for s in secrets if s in written] == []
    assert set(answers[0][1]["items"][0]) == {"id", "browser", "os", "created_at", "last_seen", "current"}


def test_listing_costs_at_most_three_dynamodb_calls_however_many_sessions(aws, fake_clock, api) -> None:
    jan = active_account()
    mine = browser(jan)
    counted = []
    for more in (1, 30):
        for _ in range(more):
            browser(jan)
        with dynamodb_calls() as calls:
            assert call(api, "GET", "/api/me/sessions", mine)[0] == 200
        counted.append(calls[:])
    assert counted[0] == counted[1] == ["BatchGetItem", "Query"]


def test_ending_costs_a_fixed_number_of_dynamodb_calls(aws, fake_clock, api) -> None:
    jan = active_account()
    mine = browser(jan)
    browser(jan)
    target = next(i["id"] for i in listed(api, mine) if not i["current"])
    with dynamodb_calls() as one:
        assert call(api, "DELETE", f"/api/me/sessions/{target}", mine)[0] == 204
    for _ in range(3):
        browser(jan)
    with dynamodb_calls() as others:
        assert call(api, "POST", "/api/me/sessions/end-others", mine, body={}) == (200, {"ended": 3})
    assert one == ["BatchGetItem", "Query", "DeleteItem", "PutItem"]
    assert others == ["BatchGetItem", "Query", "BatchWriteItem", "PutItem"]


# ---------------------------------------------------------------- the device, from the User-Agent
@pytest.mark.parametrize(("user_agent", "browser_name", "os_name"), [
    (FIREFOX_WINDOWS, "Firefox", "Windows"),
    (SAFARI_IPHONE, "Safari", "iOS"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
     "Chrome", "Windows"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 "
     "Edg/131.0.0.0", "Edge", "Windows"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
     "Safari/605.1.15", "Safari", "macOS"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "macOS"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
     "Safari/537.36 OPR/115.0.0.0", "Opera", "macOS"),
    ("Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 "
     "Mobile/15E148 Safari/604.1", "Safari", "iPadOS"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 "
     "Mobile/15E148 Safari/604.1", "Chrome", "iOS"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 "
     "Mobile/15E148 Safari/605.1.15", "Firefox", "iOS"),
    ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
     "Chrome", "Android"),
    ("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 "
     "Chrome/122.0.0.0 Mobile Safari/537.36", "Samsung Internet", "Android"),
    ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 "
     "EdgA/131.0.0.0", "Edge", "Android"),
    ("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", "Firefox", "Android"),
    ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
     "Chrome", "ChromeOS"),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
     "Chrome", "Linux"),
    ("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "Linux"),
])
def test_the_device_is_named_from_a_real_user_agent(user_agent: str, browser_name: str, os_name: str) -> None:
    device = describe(user_agent)
    assert (device.browser, device.os) == (browser_name, os_name)


@pytest.mark.parametrize("user_agent", [None, "", "curl/8.5.0", "python-requests/2.32.3", "Googlebot/2.1"])
def test_an_unknown_user_agent_names_no_device(user_agent: str | None) -> None:
    device = describe(user_agent)
    assert (device.browser, device.os) == (None, None)


def test_only_the_start_of_a_very_long_user_agent_is_read() -> None:
    assert describe("x" * 600 + FIREFOX_WINDOWS).browser is None
    assert describe(FIREFOX_WINDOWS + "x" * 10_000).browser == "Firefox"
