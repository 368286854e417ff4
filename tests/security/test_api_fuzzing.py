"""Property-based testing of both APIs with schemathesis, against the local stack.

Every operation of ``/api/openapi.json`` (with a client's session and the site's CSRF headers) and
of ``/admin/openapi.json`` (SigV4-signed as the local staff) is called with generated input in
three plans: valid input with generated path parameters, valid input with the ids of a real
dossier, message, questionnaire... (so bodies reach the domain), and schema-violating input
against those real ids. Checks on every response: no 5xx, the body conforms to the schema where
the document declares one, schema-violating input is refused with a 4xx, and every refusal is the
portal's problem document (``status`` equal to the HTTP status, a ``code``).

Bounded and reproducible: a fixed number of examples per operation and plan, derandomized, no
example database, no shrinking (a failure is recorded, not minimised). The figures of a run are
in docs/security.md.
"""

from __future__ import annotations

import re
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import schemathesis
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from portal_local.sigv4 import LOCAL_STAFF_KEY_ID, LOCAL_STAFF_SECRET
from requests.auth import AuthBase
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import negative_data_rejection, response_schema_conformance

from tests.security.http_world import World, build_world
from tests.support.clients import PASSWORD, PortalClient, logged_in_client

pytestmark = pytest.mark.slow

# (plan, generation mode, real path ids?, examples per operation)
PLANS = (
    ("valid input, generated ids", GenerationMode.POSITIVE, False, 8),
    ("valid input, real ids", GenerationMode.POSITIVE, True, 20),
    ("invalid input, real ids", GenerationMode.NEGATIVE, True, 12),
)
# Refusals of schema-violating input: any 4xx (413 for a body past the limit included). The calls carry
# real credentials (a session cookie and the CSRF header, a SigV4 signature), so schemathesis must not
# generate or negate the documents' security parameters itself: the call's own would replace them.
CONFIG = schemathesis.Config.from_dict({"generation": {"with-security-parameters": False},
                                        "checks": {"negative_data_rejection": {"expected-statuses": ["4XX"]}}})


class SignedAsStaff(AuthBase):
    """SigV4 for execute-api with the local staff credentials, as portal_admin.client signs."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        signed = AWSRequest(method=request.method, url=request.url,
                            data=body.encode("utf-8") if isinstance(body, str) else body)
        SigV4Auth(Credentials(LOCAL_STAFF_KEY_ID, LOCAL_STAFF_SECRET), "execute-api", "eu-west-1").add_auth(signed)
        request.headers.update(dict(signed.headers.items()))
        return request


@dataclass
class Figures:
    operations: int = 0
    cases: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def summary(self, api: str, seconds: float) -> str:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (f"{api}: {self.operations} operations, {self.cases} cases, {len(self.failures)} failures "
                f"in {seconds:.0f} s ({codes})")


def problem_document(response: requests.Response) -> str | None:
    """A refusal must be the portal's problem document, whatever input caused it."""
    if response.status_code < 400:
        return None
    try:
        body = response.json()
    except ValueError:
        return f"{response.status_code} is not JSON: {response.text[:120]!r}"
    if not isinstance(body, dict) or body.get("status") != response.status_code or not isinstance(body.get("code"), str):
        return f"{response.status_code} is not a problem document: {str(body)[:160]}"
    return None


def _describe(case: Any, response: requests.Response | None, error: BaseException) -> str:
    sent = f"{case.method} {case.formatted_path} body={str(case.body)[:120]!r}"
    got = f" -> {response.status_code} {response.text[:160]!r}" if response is not None else ""
    return f"{sent}{got}: {type(error).__name__}: {str(error).strip().splitlines()[0][:200] if str(error).strip() else ''}"


def _run_plan(operation: Any, plan: tuple, fixed: dict[str, str] | None, call: Callable, figures: Figures) -> None:
    label, mode, _, examples = plan
    checks = [not_a_server_error, response_schema_conformance]
    if mode is GenerationMode.NEGATIVE:
        checks.append(negative_data_rejection)

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=fixed))
    def one(case: Any) -> None:
        figures.cases += 1
        response = None
        try:
            response = call(case)
            figures.statuses[response.status_code] += 1
            case.validate_response(response, checks=checks)
            if (problem := problem_document(response)) is not None:
                raise AssertionError(problem)
        except BaseException as error:  # noqa: BLE001 - recorded, not raised: no shrinking
            figures.failures.append(f"[{label}] {_describe(case, response, error)}")

    try:
        one()
    except BaseException as error:  # noqa: BLE001
        if type(error).__name__ != "Unsatisfiable":  # nothing to negate (only string path ids)
            figures.failures.append(f"[{label}] {operation.method.upper()} {operation.path}: {error!r}"[:400])


def fuzz(schema: Any, world: World, call: Callable[[Any], requests.Response]) -> Figures:
    figures = Figures()
    for result in schema.get_all_operations():
        operation = result.ok()
        figures.operations += 1
        names = re.findall(r"\{(\w+)\}", operation.path)
        for plan in PLANS:
            fixed = {name: world.path_values()[name] for name in names} if plan[2] else None
            _run_plan(operation, plan, fixed, call, figures)
    return figures


def test_the_client_api_survives_generated_input_with_a_session(stack) -> None:
    world = build_world(stack, name="Fuzz Klant")
    schema = schemathesis.openapi.from_url(stack.url + "/api/openapi.json", config=CONFIG)

    # Logging out ends the session: it gets a fresh one of another account each time, since the
    # generated wrong passwords (password change, 2-step set-up) soon lock the world's own sign-in.
    _, spare = logged_in_client(stack, name="Fuzz Uitlogger")

    def call(case: Any) -> requests.Response:
        client = world.client
        if case.method.upper() == "DELETE" and case.path == "/api/session":
            client = PortalClient(stack.url)
            signed_in = client.post("/api/session", {"email": spare["email"], "password": PASSWORD})
            assert signed_in.ok, signed_in.text
        return case.call(base_url=stack.url, headers=client.headers(), timeout=30)

    started = time.monotonic()
    figures = fuzz(schema, world, call)
    print(figures.summary("client API", time.monotonic() - started))
    assert figures.operations >= 40 and figures.cases > 900
    assert figures.failures == [], "\n".join(figures.failures[:40])


def test_the_staff_api_survives_generated_input_with_a_signature(stack) -> None:
    world = build_world(stack, name="Fuzz Kantoor")
    schema = schemathesis.openapi.from_url(stack.url + "/admin/openapi.json", config=CONFIG, auth=SignedAsStaff())

    def call(case: Any) -> requests.Response:
        return case.call(base_url=stack.url, auth=SignedAsStaff(), timeout=30)

    started = time.monotonic()
    figures = fuzz(schema, world, call)
    print(figures.summary("staff API", time.monotonic() - started))
    assert figures.operations >= 34 and figures.cases > 800
    assert figures.failures == [], "\n".join(figures.failures[:40])


@settings(max_examples=40, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(subject=st.one_of(st.none(), st.text(max_size=210), st.text(st.characters(exclude_categories=()), max_size=8)),
       body=st.one_of(st.text(max_size=300), st.text(min_size=3990, max_size=4010),
                      st.text(st.characters(exclude_categories=()), max_size=8)))
def _send_any_text(world: World, subject: str | None, body: str) -> None:
    from portal.messages.text import clean_body, clean_subject
    from portal.platform.errors import DomainError

    try:
        expected: Any = (201, clean_subject(subject), clean_body(body))
    except DomainError as refused:
        expected = (422, refused.code)
    sent = world.client.post(f"/api/dossiers/{world.dossier}/messages",
                             {"subject": subject, "body": body, "idempotency_key": uuid.uuid4().hex})
    answer = sent.json()
    if sent.status_code != 201:
        assert (sent.status_code, answer["code"]) == expected, (subject, body)
        return
    opened = world.client.get(f"/api/dossiers/{world.dossier}/messages/{answer['id']}").json()
    assert (201, opened["subject"], opened["body"]) == expected


def test_any_message_text_is_stored_as_typed_or_refused_with_its_field_code(stack) -> None:
    """The oracle is the domain's own text rules: whatever they accept comes back unchanged over
    HTTP (emoji, accents, RTL marks, tabs), whatever they refuse is a 422 with the same code."""
    _send_any_text(build_world(stack, name="Tekst Klant"))


def test_a_signed_staff_request_for_a_percent_encoded_path_gets_through(stack) -> None:
    """Found by the staff API run: the local gateway checked signatures against werkzeug's decoded
    URL, so a validly signed request for /admin/clients/%7C... was refused 403 (API Gateway checks
    the path as sent). Now it reaches the function, which answers 404 for an unknown client."""
    answer = stack.admin().get("/clients/%7C%C3%A9%F0%9F%98%80")
    assert (answer.status, answer.body["code"]) == (404, "not_found"), answer.body
