"""Issue 13, items 6 and 7: the client API answers only requests that came through the office's
CloudFront distribution (its origin secret), and then takes the client's address from CloudFront's
``CloudFront-Viewer-Address``, not from API Gateway's ``sourceIp`` (the CloudFront edge)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from portal.platform.edge import viewer_address
from portal.platform.http import Router, handler_for, source_ip
from portal.platform.settings import get_settings, reset_settings
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from tests.unit.conftest import LambdaContext, api_event, load_handler

SECRET = "s" * 40
PREVIOUS = "p" * 40
EDGE = "130.176.0.1"  # one CloudFront edge, in front of many viewers
SITE = {"Origin": "http://127.0.0.1:8000", "X-Portal-Request": "1"}


@pytest.fixture
def origin_secret(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ORIGIN_SECRET", SECRET)
    reset_settings()
    yield
    monkeypatch.delenv("ORIGIN_SECRET")
    reset_settings()


def whoami_handler(api: str = "client"):
    router = Router()

    @router.get("/api/whoami")
    def whoami() -> dict:
        return {"ip": source_ip(router.current_event)}

    return handler_for(router, api=api)  # type: ignore[arg-type]


def edge_event(method: str = "GET", path: str = "/api/whoami", *, secret: str | None = SECRET,
               viewer: str | None = None, **kwargs) -> dict:
    headers = dict(kwargs.pop("headers", None) or {})
    if secret is not None:
        headers["X-Origin-Verify"] = secret
    if viewer is not None:
        headers["CloudFront-Viewer-Address"] = viewer
    event = api_event(method, path, headers=headers, **kwargs)
    event["requestContext"]["identity"]["sourceIp"] = EDGE
    return event


def call(handler, event: dict) -> tuple[int, dict]:
    response = handler(event, LambdaContext())
    return response["statusCode"], json.loads(response["body"] or "null")


# ---------------------------------------------------------------- item 7: only through CloudFront
def test_a_client_request_around_cloudfront_is_refused_in_the_callers_language(origin_secret) -> None:
    handler = whoami_handler()
    status, body = call(handler, edge_event(secret=None))
    assert status == 403 and body["code"] == "origin_refused"
    assert body["message"].startswith("Dit adres is alleen bereikbaar via het portaal")
    status, body = call(handler, edge_event(secret=None, headers={"Accept-Language": "en"}))
    assert body["message"] == "This address can only be reached through the portal itself. The request was refused."


@pytest.mark.parametrize("sent", ["", "wrong", SECRET[:-1], SECRET + "x", SECRET.upper(), "ſ" * 40])
def test_a_wrong_origin_secret_is_refused(origin_secret, sent: str) -> None:
    status, body = call(whoami_handler(), edge_event(secret=sent))
    assert status == 403 and body["code"] == "origin_refused"


def test_the_origin_secret_is_refused_before_any_body_is_read(origin_secret) -> None:
    event = edge_event("POST", secret=None, body="x" * (300 * 1024), headers=SITE)
    assert call(whoami_handler(), event) == (403, call(whoami_handler(), edge_event(secret=None))[1])


def test_a_request_through_cloudfront_is_answered(origin_secret) -> None:
    status, _ = call(whoami_handler(), edge_event())
    assert status == 200


def test_during_a_rotation_the_previous_secret_is_still_accepted(origin_secret, monkeypatch) -> None:
    handler = whoami_handler()
    assert call(handler, edge_event(secret=PREVIOUS))[0] == 403
    monkeypatch.setenv("ORIGIN_SECRET_PREVIOUS", PREVIOUS)
    reset_settings()
    assert call(handler, edge_event(secret=PREVIOUS))[0] == 200
    assert call(handler, edge_event(secret=SECRET))[0] == 200
    assert call(handler, edge_event(secret="x" * 40))[0] == 403


def test_the_header_name_is_matched_in_any_case(origin_secret) -> None:
    event = edge_event(secret=None, headers={"x-origin-verify": SECRET})
    assert call(whoami_handler(), event)[0] == 200


def test_the_admin_api_is_called_directly_and_needs_no_origin_secret(origin_secret) -> None:
    status, body = call(whoami_handler("admin"), edge_event(secret=None, viewer="198.51.100.7:4431"))
    assert status == 200
    assert body == {"ip": EDGE}  # the signing caller's own address; a viewer header means nothing here


def test_in_lambda_a_missing_secret_refuses_every_client_request(monkeypatch) -> None:
    """A deployment that lost its secret fails closed, not open."""
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "HealthFunction")
    reset_settings()
    try:
        assert call(whoami_handler(), edge_event(secret=None))[1]["code"] == "origin_refused"
        assert call(whoami_handler(), edge_event(secret="anything"))[1]["code"] == "origin_refused"
    finally:
        monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME")
        reset_settings()


def test_the_secret_never_shows_in_the_settings_repr(origin_secret) -> None:
    assert SECRET not in repr(get_settings()) and SECRET not in str(get_settings().model_dump())


# ---------------------------------------------------------------- item 6: the viewer's address
def test_the_viewers_address_is_the_source_ip_behind_cloudfront(origin_secret) -> None:
    status, body = call(whoami_handler(), edge_event(viewer="198.51.100.7:46532"))
    assert (status, body) == (200, {"ip": "198.51.100.7"})


def test_a_spoofed_viewer_address_without_the_secret_is_refused(origin_secret) -> None:
    status, body = call(whoami_handler(), edge_event(secret=None, viewer="198.51.100.7:46532"))
    assert status == 403 and body["code"] == "origin_refused"
    # and source_ip itself never believes the header without the secret
    assert source_ip(edge_event(secret="wrong", viewer="198.51.100.7:46532")) == EDGE
    assert source_ip(edge_event(secret=None, viewer="198.51.100.7:46532")) == EDGE


def test_without_any_secret_configured_the_viewer_header_is_not_believed() -> None:
    """The unit tier and a stack without a secret: nothing proves CloudFront added the header."""
    assert source_ip(edge_event(viewer="198.51.100.7:46532")) == EDGE


def test_an_unreadable_viewer_address_falls_back_to_the_edge(origin_secret) -> None:
    assert call(whoami_handler(), edge_event(viewer="not-an-address"))[1] == {"ip": EDGE}


@pytest.mark.parametrize(("header", "address"), [
    ("198.51.100.10:46532", "198.51.100.10"),
    ("198.51.100.10", "198.51.100.10"),
    ("2001:db8::1:46532", "2001:db8::1"),  # IPv6 as CloudFront writes it: no brackets, port last
    ("[2001:db8::1]:46532", "2001:db8::1"),
    ("[2001:DB8::1]", "2001:db8::1"),
    ("2001:db8:0:0:0:0:0:1", "2001:db8::1"),  # no port: the whole value is the address
    ("::ffff:198.51.100.10:443", "198.51.100.10"),  # one client, one throttle key
    (" 198.51.100.10:1 ", "198.51.100.10"),
    ("fe80::1%eth0:443", None),
    ("198.51.100.10:99999999", None),
    ("[2001:db8::1]x", None),
    ("[2001:db8::1", None),
    ("198.51.100.10:８０", None),  # full-width digits are not a port
    ("evil.example:80", None),
    ("1" * 80, None),
    ("", None),
    (None, None),
])
def test_the_viewer_address_header_is_parsed_carefully(header: str | None, address: str | None) -> None:
    assert viewer_address(header) == address


def test_two_viewers_behind_one_edge_are_throttled_separately(aws, origin_secret, monkeypatch) -> None:
    monkeypatch.setenv("LINK_REQUESTS_PER_ADDRESS", "2")
    reset_settings()
    links = load_handler("client/password_links").lambda_handler

    def ask(viewer: str, n: int) -> int:
        body = json.dumps({"email": f"nobody{n}@example.nl"})
        return call(links, edge_event("POST", "/api/password-links", viewer=viewer, body=body, headers=SITE))[0]

    assert [ask("198.51.100.7:1000", n) for n in range(3)] == [202, 202, 429]
    # the same edge, another viewer: not locked out by the first one's requests
    assert [ask("203.0.113.9:2000", n) for n in range(3, 5)] == [202, 202]


def test_the_audit_trail_records_the_viewers_address(aws, origin_secret) -> None:
    from portal.audit import trail

    session = load_handler("client/session").lambda_handler
    body = json.dumps({"email": "nobody@example.nl", "password": "Wrong-Password-1"})
    status, _ = call(session, edge_event("POST", "/api/session", viewer="[2001:db8::7]:5555", body=body, headers=SITE))
    assert status == 401
    assert [e["source_ip"] for e in trail.history("unknown") if e["action"] == "login_failed"] == ["2001:db8::7"]


# ---------------------------------------------------------------- the local gateway is CloudFront
def test_the_local_gateway_adds_the_secret_and_the_viewer_address_like_cloudfront(origin_secret) -> None:
    from portal_local.gateway import Gateway, as_cloudfront

    spoofed = {"x-origin-verify": "guess", "CloudFront-Viewer-Address": "6.6.6.6:1"}
    environ = EnvironBuilder(path="/api/whoami", headers=spoofed,
                             environ_base={"REMOTE_ADDR": "192.0.2.44", "REMOTE_PORT": "50123"}).get_environ()
    request = Request(environ)
    event = Gateway.event(request, "/api/whoami", {}, b"", "req", None)
    as_cloudfront(event, request)
    headers = {k.lower(): v for k, v in event["headers"].items()}
    assert headers["x-origin-verify"] == SECRET
    assert headers["cloudfront-viewer-address"] == "192.0.2.44:50123"
    assert sorted(k.lower() for k in event["multiValueHeaders"]).count("x-origin-verify") == 1
    assert source_ip(event) == "192.0.2.44"
