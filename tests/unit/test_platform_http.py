"""The resolver factory: problems with stable codes, security headers, CSRF, body checks."""

from __future__ import annotations

import json

import pytest

from tests.unit.conftest import LambdaContext, api_event, load_handler


@pytest.fixture(scope="module")
def health():
    return load_handler("client/health")


def call(module, event):
    response = module.lambda_handler(event, LambdaContext())
    return response["statusCode"], json.loads(response["body"]), response["headers"]


def test_health_answers_ok_with_security_headers(health) -> None:
    status, body, headers = call(health, api_event("GET", "/api/health"))
    assert status == 200 and body == {"status": "ok"}
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age" in headers["Strict-Transport-Security"]
    assert headers["Referrer-Policy"] == "no-referrer"


def test_unknown_route_is_a_json_404_in_the_callers_language(health) -> None:
    status, body, _ = call(health, api_event("GET", "/api/nope", headers={"Accept-Language": "en-GB,en;q=0.9"}))
    assert status == 404
    assert body == {"status": 404, "code": "not_found", "message": "Not found."}
    status, body, _ = call(health, api_event("GET", "/api/nope"))
    assert body["message"] == "Niet gevonden."


def test_oversized_body_is_refused_with_413(health) -> None:
    event = api_event("POST", "/api/health", body="x" * (300 * 1024))
    status, body, headers = call(health, event)
    assert status == 413 and body["code"] == "payload_too_large"
    assert headers["Cache-Control"] == "no-store"


def test_state_change_without_the_portal_header_is_refused(health) -> None:
    event = api_event("POST", "/api/health", body="{}", headers={"Origin": "http://127.0.0.1:8000"})
    status, body, _ = call(health, event)
    assert status == 403 and body["code"] == "csrf_failed"


def test_state_change_from_another_origin_is_refused(health) -> None:
    headers = {"Origin": "https://evil.example", "X-Portal-Request": "1"}
    status, body, _ = call(health, api_event("POST", "/api/health", body="{}", headers=headers))
    assert status == 403 and body["code"] == "csrf_failed"


def test_nul_bytes_in_a_body_are_refused(health) -> None:
    headers = {"Origin": "http://127.0.0.1:8000", "X-Portal-Request": "1"}
    status, body, _ = call(health, api_event("POST", "/api/health", body='{"a":"\x00"}', headers=headers))
    assert status == 400 and body["code"] == "invalid_encoding"


def test_no_content_answers_carry_no_body_and_no_content_type(aws) -> None:
    logout = load_handler("client/session")
    headers = {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000"}
    response = logout.lambda_handler(api_event("DELETE", "/api/session", headers=headers), LambdaContext())
    assert response["statusCode"] == 204
    assert response["body"] == ""  # not JSON's "null": a 204 has no body
    every = {**response["headers"], **(response.get("multiValueHeaders") or {})}
    assert not any(name.lower() == "content-type" for name in every)
    assert response["headers"]["X-Content-Type-Options"] == "nosniff"  # the security headers stay
