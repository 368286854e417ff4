"""The OpenAPI documents tell the truth: each operation's success status, the problem document every
refusal is, and who may call what (the session cookie, the site's CSRF header, a SigV4 signature).

Every declaration is held against what the endpoints really answer, called through their handlers
as Lambda would: the authorization matrix's cells (proved by its own test) where its owner succeeds,
and the manual's flows here where the matrix only shows a refusal (a wrong password, a dead link).
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pyotp
import pytest
import requests
from jsonschema_rs import Draft202012Validator
from portal.accounts import signin, staff
from portal.accounts.lookup import by_email
from portal.accounts.sessions import COOKIE, LOGIN_COOKIE
from portal.platform.http import STATE_CHANGING
from portal.platform.openapi import PORTAL_REQUEST, PROBLEM_REF, build_document
from portal.questionnaires import templates
from portal_local import template

from tests.security.test_authorization_matrix import COLUMNS, ROWS
from tests.support.clients import PDF_BYTES, active_account, call, session_headers
from tests.unit.conftest import PASSWORD, STAFF, last_link, load_handler, sms_messages
from tests.unit.questionnaires_steps import TESTAMENT_PAGES, fill_all, send_testament

ROOT = Path(__file__).resolve().parents[2]
SITE = {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000", "Accept-Language": "nl"}
OFFICE = {"Accept-Language": "nl"}
NEW_PASSWORD = "Nieuw-Akte-2027"
Key = tuple[str, str]


@cache
def document(api: str) -> dict[str, Any]:
    return build_document(api, ROOT / "functions" / api, api)


def operations(api: str) -> dict[Key, dict[str, Any]]:
    return {(method.upper(), path): operation for path, item in document(api)["paths"].items()
            for method, operation in item.items()}


def declared_successes(operation: dict[str, Any]) -> set[int]:
    return {int(status) for status in operation["responses"] if status.isdigit() and 200 <= int(status) < 300}


class Calls:
    """Calls one API's endpoints through their handlers, each call expected to succeed, and keeps
    per operation of the document the statuses they answered."""

    def __init__(self, api: str) -> None:
        self.api = api
        literal_first = sorted(operations(api), key=lambda key: key[1].count("{"))
        self.routes = [(key, re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", key[1]) + "$")) for key in literal_first]
        self.handlers: dict[str, Any] = {}
        self.seen: dict[Key, set[int]] = {}

    def __call__(self, folder: str, method: str, path: str, headers: dict[str, str], *, body: Any = None,
                 query: dict[str, str] | None = None) -> Any:
        if folder not in self.handlers:
            self.handlers[folder] = load_handler(f"{self.api}/{folder}")
        status, answer = call(self.handlers[folder], method, path, headers, query=query, body=body)
        assert 200 <= status < 300, f"{method} {path}: {status} {answer}"
        key = next(key for key, route in self.routes if key[0] == method and route.match(path))
        self.seen.setdefault(key, set()).add(status)
        return answer


def _sms_code() -> str:
    return re.search(r"\b\d{6}\b", sms_messages()[-1]["message"]).group()


def _first_time_and_two_step(api: Calls, fake_clock: Any) -> None:
    """Invitation, set-password link, password change, SMS and app 2-step, a login in two steps."""
    email = "petra@example.nl"
    staff.create_client(name="Petra Zoet", email=email, language="nl", company=None, **STAFF)
    invitation = last_link(email)
    api("invitations", "GET", f"/api/invitations/{invitation}", SITE)
    api("password_links", "POST", "/api/password-links", SITE, body={"email": email, "invitation": invitation})
    link = last_link(email)
    api("password_links", "GET", f"/api/password-links/{link}", SITE)
    api("password", "POST", "/api/password", SITE, body={"token": link, "password": PASSWORD})

    def signed_in() -> dict[str, str]:
        return session_headers(by_email(email))

    api("me", "POST", "/api/me/password", signed_in(), body={"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    api("two_factor", "POST", "/api/me/two-factor/sms", signed_in(), body={"phone": "06 12345678", "password": NEW_PASSWORD})
    api("two_factor", "POST", "/api/me/two-factor/sms/confirm", signed_in(), body={"code": _sms_code()})
    api("session", "POST", "/api/session", SITE, body={"email": email, "password": NEW_PASSWORD})
    pending = signin.login(email, NEW_PASSWORD, source_ip="192.0.2.10")  # the same, for its login cookie
    login = {**SITE, "Cookie": f"{LOGIN_COOKIE}={pending.login_cookie}"}
    api("second_factor", "POST", "/api/session/second-factor/resend", login, body={})
    api("second_factor", "POST", "/api/session/second-factor", login, body={"method": "sms", "code": _sms_code()})
    fake_clock.advance(hours=1)  # a fresh hour of the account's SMS budget (5 an hour) for the changes
    api("two_factor", "POST", "/api/me/two-factor/step-up", signed_in(), body={})
    api("two_factor", "POST", "/api/me/two-factor/recovery-code", signed_in(),
        body={"password": NEW_PASSWORD, "code": _sms_code()})
    api("two_factor", "POST", "/api/me/two-factor/step-up", signed_in(), body={})
    api("two_factor", "DELETE", "/api/me/two-factor", signed_in(), body={"password": NEW_PASSWORD, "code": _sms_code()})
    secret = api("two_factor", "POST", "/api/me/two-factor/totp", signed_in(), body={"password": NEW_PASSWORD})["secret"]
    code = pyotp.TOTP(secret).at(fake_clock.current)
    api("two_factor", "POST", "/api/me/two-factor/totp/confirm", signed_in(), body={"code": code})


def _passkeys(api: Calls) -> None:
    """A passkey added, used alone and after the password, removed (the last: with the recovery code)."""
    from portal.accounts import passkey_login
    from portal.accounts.models import Account

    from tests.support.authenticator import SoftAuthenticator
    from tests.unit.conftest import active_client

    account = active_client("pim@example.nl", name="Pim Kok")
    device, headers = SoftAuthenticator(), session_headers(account)
    options = api("passkeys", "POST", "/api/me/passkeys/options", headers, body={"name": "iPhone", "password": PASSWORD})
    added = api("passkeys", "POST", "/api/me/passkeys", headers, body={"credential": device.create(options)})
    cookie, options = passkey_login.login_options()
    api("passkeys", "POST", "/api/session/passkey", {**SITE, "Cookie": f"{LOGIN_COOKIE}={cookie}"},
        body={"credential": device.get(options)})
    pending = signin.login("pim@example.nl", PASSWORD, source_ip="192.0.2.10")
    login = {**SITE, "Cookie": f"{LOGIN_COOKIE}={pending.login_cookie}"}
    options = api("passkeys", "POST", "/api/session/second-factor/passkey/options", login, body={})
    api("passkeys", "POST", "/api/session/second-factor/passkey", login, body={"credential": device.get(options)})
    assert Account.get("ACCOUNT#" + account.id, "META").passkey_count == 1
    api("passkeys", "DELETE", f"/api/me/passkeys/{added['passkey']['id']}", session_headers(account),
        body={"password": PASSWORD, "code": added["recovery_code"], "method": "recovery"})


def _questionnaire_filled_in(api: Calls) -> None:
    """Every page saved, completed, the PDF link."""
    account = active_account(name="Jan de Vries")
    _, sent = send_testament(account)
    headers, questionnaire = session_headers(account), f"/api/questionnaires/{sent['id']}"
    version = api("questionnaires", "GET", questionnaire, headers)["version"]
    for number, answers in TESTAMENT_PAGES.items():
        page = {"answers": answers, "version": version}
        version = api("questionnaires", "PUT", f"{questionnaire}/pages/{number}", headers, body=page)["version"]
    api("questionnaires_complete", "POST", f"{questionnaire}/complete", headers, body={"version": version})
    api("questionnaires", "POST", f"{questionnaire}/pdf", headers, body={})


def _draft_approved(api: Calls) -> None:
    """Akkoord on a draft up for approval (the matrix's cell answers a superseded version)."""
    from portal.approvals import requesting

    from tests.support.clients import new_dossier, publish_file

    account = active_account(name="Jan de Vries")
    dossier = new_dossier(account)["id"]
    asked = requesting.request(dossier, document_id=publish_file(dossier)["id"], parties=[account.id], **STAFF)
    api("approvals", "POST", f"/api/dossiers/{dossier}/approval/approve", session_headers(account),
        body={"version_id": asked["version_id"], "sha256": asked["sha256"], "confirmed": True})


def test_every_client_operation_declares_the_success_status_its_owner_gets(aws, fake_clock) -> None:
    api = Calls("client")
    owner = COLUMNS.index("with_access")
    for key, (_, expected, _, _) in ROWS.items():  # cells test_the_authorization_matrix_holds_for_every_cell proves
        if isinstance(expected[owner], int) and 200 <= expected[owner] < 300:
            api.seen.setdefault(key, set()).add(expected[owner])
    _first_time_and_two_step(api, fake_clock)
    _passkeys(api)
    _questionnaire_filled_in(api)
    _draft_approved(api)

    declared = {key: declared_successes(operation) for key, operation in operations("client").items()}
    assert set(declared) - set(api.seen) == set(), "operations never seen succeeding"
    assert {key: (declared[key], seen) for key, seen in api.seen.items() if key in declared and declared[key] != seen} == {}


def _staff_upload(api: Calls, dossier: str) -> str:
    offer = api("documents", "POST", f"{dossier}/uploads", OFFICE,
                body={"file_name": "akte.pdf", "content_type": "application/pdf", "size": len(PDF_BYTES)})
    sent = requests.post(offer["url"], data=offer["fields"], files={"file": ("akte.pdf", PDF_BYTES, "application/pdf")},
                         timeout=30)
    assert sent.status_code in (200, 201, 204), sent.text
    return offer["upload_key"]


def _a_day_at_the_office(api: Calls) -> None:
    """Every staff operation once, in an order in which each can succeed."""
    anna = api("clients", "POST", "/admin/clients", OFFICE, body={"name": "Anna Jansen", "email": "anna@example.nl"})["id"]
    for method, path in (("GET", "/admin/clients"), ("GET", f"/admin/clients/{anna}"), ("POST", f"/admin/clients/{anna}/invitation"),
                         ("POST", f"/admin/clients/{anna}/block"), ("POST", f"/admin/clients/{anna}/unblock")):
        api("clients", method, path, OFFICE, body={} if method == "POST" else None)
    # Addresses a company claimed: who holds one, release one, move another (issue 14).
    from portal.accounts import registry

    petra = api("clients", "POST", "/admin/clients", OFFICE,
                body={"name": "Petra Zoet", "email": "petra@bakkerij.example", "company": "Bakkerij Zoet B.V."})["id"]
    extras = [registry.create(name=name, email=address, language="nl", kind="company_extra", party_id=petra,
                              company_name="Bakkerij Zoet B.V.", actor=petra, source_ip="192.0.2.10").id
              for name, address in (("Kees", "kees@example.nl"), ("Lotte", "lotte@example.nl"))]
    api("clients", "GET", "/admin/email-addresses", OFFICE, query={"email": "kees@example.nl"})
    api("clients", "POST", f"/admin/clients/{extras[0]}/release", OFFICE, body={})
    api("clients", "POST", f"/admin/clients/{extras[1]}/move", OFFICE, body={"company_account_id": None})
    api("dossier_statuses", "GET", "/admin/statuses", OFFICE)
    api("dossier_statuses", "POST", "/admin/statuses", OFFICE,
        body={"key": "bij_kadaster", "label_nl": "Bij het Kadaster", "label_en": "At the land registry"})

    jan = active_account(name="Jan de Vries")
    dossier_id = api("dossiers", "POST", "/admin/dossiers", OFFICE,
                     body={"number": "2026.0001", "description": "Levering Dorpsstraat 1", "grant": [jan.id]})["id"]
    dossier = f"/admin/dossiers/{dossier_id}"
    api("dossiers", "GET", "/admin/dossiers", OFFICE)
    api("dossiers", "GET", dossier, OFFICE)
    api("dossiers", "PATCH", dossier, OFFICE, body={"description": "Levering Dorpsstraat 3"})
    api("dossiers", "POST", f"{dossier}/grants", OFFICE, body={"account_id": anna})
    api("dossiers", "DELETE", f"{dossier}/grants/{anna}", OFFICE)
    api("dossiers", "PUT", f"{dossier}/progress", OFFICE, body={"steps": [{"title_nl": "Akte", "title_en": "Deed"}]})
    api("dossiers", "POST", f"{dossier}/progress/1/done", OFFICE, body={})

    publication = {"upload_key": _staff_upload(api, dossier), "title": "Concept akte", "tab": "documents",
                   "file_name": "akte.pdf"}
    item = api("documents", "POST", f"{dossier}/documents", OFFICE, body=publication)["id"]
    api("documents", "GET", f"{dossier}/documents", OFFICE)
    api("documents", "GET", f"{dossier}/documents/{item}/reads", OFFICE)
    api("documents", "DELETE", f"{dossier}/documents/{item}", OFFICE)

    attachment = {"upload_key": _staff_upload(api, dossier), "file_name": "akte.pdf"}
    sent = api("messages", "POST", f"{dossier}/messages", OFFICE,
               body={"to": jan.id, "subject": "Concept", "body": "Zie bijlage.", "attachments": [attachment]})
    api("messages", "GET", f"{dossier}/messages", OFFICE)
    api("messages", "GET", f"{dossier}/messages/{sent['id']}", OFFICE)
    api("messages", "GET", f"{dossier}/messages/{sent['id']}/attachments/{sent['attachments'][0]['id']}", OFFICE)
    _, question = call(load_handler("client/messages"), "POST", f"/api/dossiers/{dossier_id}/messages", session_headers(jan),
                       body={"subject": "Vraag", "body": "Wanneer passeren we?", "idempotency_key": uuid.uuid4().hex})
    api("messages", "POST", f"{dossier}/messages/{question['id']}/handled", OFFICE, body={})
    inbox_item = api("inbox", "GET", "/admin/inbox", OFFICE, query={"dossier": dossier_id})["items"][0]["id"]
    api("inbox", "PUT", f"/admin/inbox/{inbox_item}/assignee", OFFICE, body={"staff": "notaris-b"})
    api("inbox", "POST", f"/admin/inbox/{inbox_item}/handled", OFFICE, body={})

    appointment = {"starts_at": "2027-03-11T10:30", "address": "Stationsplein 1, Utrecht"}
    api("appointments", "PUT", f"{dossier}/appointment", OFFICE, body=appointment)
    api("appointments", "GET", f"{dossier}/appointment", OFFICE)
    api("appointments", "DELETE", f"{dossier}/appointment", OFFICE)
    draft = {"upload_key": _staff_upload(api, dossier), "title": "Concept akte", "tab": "documents", "file_name": "akte.pdf"}
    draft_id = api("documents", "POST", f"{dossier}/documents", OFFICE, body=draft)["id"]
    api("approvals", "POST", f"{dossier}/approval", OFFICE, body={"document_id": draft_id, "parties": [jan.id]})
    api("approvals", "GET", f"{dossier}/approval", OFFICE)
    api("approvals", "GET", f"{dossier}/approval/receipt", OFFICE)

    for _ in range(2):  # a new version, then unchanged
        api("questionnaires_templates", "POST", "/admin/questionnaire-templates", OFFICE, body=templates.shipped("testament"))
    api("questionnaires_templates", "GET", "/admin/questionnaire-templates", OFFICE)
    api("questionnaires_templates", "GET", "/admin/questionnaire-templates/testament", OFFICE)
    questionnaire = api("questionnaires", "POST", "/admin/questionnaires", OFFICE,
                        body={"dossier_id": dossier_id, "account_id": jan.id, "template_id": "testament"})["id"]
    api("questionnaires", "GET", "/admin/questionnaires", OFFICE, query={"dossier_id": dossier_id})
    api("questionnaires", "GET", f"/admin/questionnaires/{questionnaire}/answers", OFFICE)
    version = fill_all(load_handler("client/questionnaires"), session_headers(jan), questionnaire)
    completed = call(load_handler("client/questionnaires_complete"), "POST", f"/api/questionnaires/{questionnaire}/complete",
                     session_headers(jan), body={"version": version})
    assert completed[0] == 200, completed
    api("questionnaires", "POST", f"/admin/questionnaires/{questionnaire}/pdf", OFFICE, body={})
    _payments(api, dossier_id, jan.id)
    api("digest", "POST", "/admin/digest/run", OFFICE, body={})


def _payments(api: Calls, dossier_id: str, party_id: str) -> None:
    """Escrow accounts and instructions: each proposal by another staff member (the domain, as
    "colleague"), each approval through the API, so the two-person rule lets it pass."""
    from portal.payments import escrow, instructions

    proposal = escrow.propose("add", "NL91ABNA0417164300", holder="Stichting Derdengelden", bank=None,
                              actor="colleague", source_ip="192.0.2.1")
    api("payments", "POST", f"/admin/escrow-accounts/proposals/{proposal['id']}/approve", OFFICE, body={})
    api("payments", "POST", "/admin/escrow-accounts/proposals", OFFICE,
        body={"action": "change", "iban": "NL91ABNA0417164300", "holder": "Stichting Derdengelden Demo"})
    api("payments", "GET", "/admin/escrow-accounts", OFFICE)
    terms = {"amount_cents": 100, "iban": "NL91ABNA0417164300", "reference": "2026.0001", "due_date": "2026-12-01",
             "purpose": "Koopsom"}
    payments = f"/admin/dossiers/{dossier_id}/payments"
    created = api("payments", "POST", payments, OFFICE, body={**terms, "party_id": party_id})
    api("payments", "GET", payments, OFFICE)
    api("payments", "POST", f"{payments}/{created['id']}/changes", OFFICE, body={**terms, "amount_cents": 200})
    instructions.propose_change(dossier_id, created["id"], **{**terms, "due_date": date(2026, 12, 2)},
                                actor="colleague", source_ip="192.0.2.1")
    api("payments", "POST", f"{payments}/{created['id']}/changes/approve", OFFICE, body={})


def test_every_staff_operation_declares_the_success_statuses_it_answers(aws, fake_clock) -> None:
    api = Calls("admin")
    _a_day_at_the_office(api)
    declared = {key: declared_successes(operation) for key, operation in operations("admin").items()}
    assert set(declared) - set(api.seen) == set(), "operations never seen succeeding"
    assert {key: (declared[key], seen) for key, seen in api.seen.items() if declared[key] != seen} == {}


@pytest.mark.parametrize("api", ["client", "admin"])
def test_every_operation_declares_its_refusals_and_failures_as_the_problem_document(api: str) -> None:
    wrong = [f"{method} {path} {status}" for (method, path), operation in operations(api).items()
             for status in ("422", "4XX", "5XX")
             if operation["responses"].get(status, {}).get("content", {}).get("application/json", {}).get("schema")
             != {"$ref": PROBLEM_REF}]
    assert wrong == []
    assert "HTTPValidationError" not in json.dumps(document(api)), "powertools' own 422 shape is never answered"


def test_the_problem_schema_is_what_the_handlers_really_answer(aws, fake_clock, monkeypatch) -> None:
    answers = []

    def refused(folder: str, method: str, path: str, headers: dict[str, str], body: Any = None) -> None:
        status, answer = call(load_handler(folder), method, path, headers, body=body)
        assert status >= 400, answer
        answers.append((status, answer))

    refused("client/session", "POST", "/api/session", SITE, body={"email": ["not", "a", "line"]})  # validation_failed
    refused("client/me", "GET", "/api/me", SITE)  # not_authenticated
    refused("admin/clients", "POST", "/admin/clients", OFFICE, body={"name": "Anna", "email": "geen adres"})
    account = active_account()
    _, sent = send_testament(account)
    refused("client/questionnaires", "PUT", f"/api/questionnaires/{sent['id']}/pages/1", session_headers(account),
            body={"answers": {**TESTAMENT_PAGES[1], "bsn": "987654321"}, "version": 1})  # answers_invalid

    def crash(*_: object, **__: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(signin, "login", crash)  # internal_error
    refused("client/session", "POST", "/api/session", SITE, body={"email": "a@example.nl", "password": "x"})

    schemas = document("client")["components"]["schemas"]
    validator = Draft202012Validator({"$ref": PROBLEM_REF, "components": {"schemas": schemas}})
    for status, answer in answers:
        assert not list(validator.iter_errors(answer)), answer
        assert answer["status"] == status
    keys = set().union(*(answer for _, answer in answers))
    field_keys = set().union(*(item for _, answer in answers for item in answer.get("fields", [])))
    # Named in the schema is exactly what these answers carry: nothing undeclared, nothing invented.
    assert keys == set(schemas["Problem"]["properties"])
    assert field_keys == set(schemas["ProblemField"]["properties"])
    assert {answer["code"] for _, answer in answers} == {
        "validation_failed", "not_authenticated", "email_invalid", "answers_invalid", "internal_error"}


def _answers_of_every_client_operation(headers: dict[str, str]) -> dict[Key, tuple[int, str | None]]:
    """Each client operation called once with these headers, with the matrix's bodies and queries."""
    handlers: dict[str, Any] = {}
    ids = {"token": "a" * 43, "number": "1"}
    answers = {}
    for key in operations("client"):
        folder, _, body, query = ROWS[key]
        path = re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), "01ARZ3NDEKTSV4RRFFQ69G5FAV"), key[1])
        payload = body() if callable(body) else body
        if folder not in handlers:
            handlers[folder] = load_handler(f"client/{folder}")
        status, answer = call(handlers[folder], key[0], path, headers, query=query, body=payload)
        answers[key] = (status, (answer or {}).get("code"))
    return answers


def test_exactly_the_operations_that_need_a_session_declare_the_session_cookie(aws, fake_clock) -> None:
    schemes = document("client")["components"]["securitySchemes"]
    assert {k: schemes["session"][k] for k in ("type", "in", "name")} == {"type": "apiKey", "in": "cookie", "name": COOKIE}
    without_cookie = _answers_of_every_client_operation(SITE)
    need = {key for key, answer in without_cookie.items() if answer == (401, "not_authenticated")}
    declared = {key for key, operation in operations("client").items()
                if operation.get("security") and all("session" in needs for needs in operation["security"])}
    optional = {key for key, operation in operations("client").items()
                if any("session" in needs for needs in operation.get("security", []))} - declared
    assert (sorted(declared - need), sorted(need - declared), sorted(optional)) == ([], [], [])
    assert len(need) > 25 and ("POST", "/api/session") not in need


def test_every_state_changing_client_operation_declares_the_sites_csrf_header(aws, fake_clock) -> None:
    schemes = document("client")["components"]["securitySchemes"]
    assert {k: schemes[PORTAL_REQUEST][k] for k in ("type", "in", "name")} == {
        "type": "apiKey", "in": "header", "name": "X-Portal-Request"}
    from_elsewhere = _answers_of_every_client_operation({"Accept-Language": "nl"})
    refused = {key for key, answer in from_elsewhere.items() if answer == (403, "csrf_failed")}
    declared = {key for key, operation in operations("client").items()
                if operation.get("security") and all(PORTAL_REQUEST in needs for needs in operation["security"])}
    assert (sorted(declared - refused), sorted(refused - declared)) == ([], [])
    assert refused == {key for key in operations("client") if key[0] in STATE_CHANGING}


def test_the_staff_document_requires_a_sigv4_signature_on_every_operation() -> None:
    staff = document("admin")
    sigv4 = staff["components"]["securitySchemes"]["sigv4"]
    assert {k: sigv4[k] for k in ("type", "in", "name", "x-amazon-apigateway-authtype")} == {
        "type": "apiKey", "in": "header", "name": "Authorization", "x-amazon-apigateway-authtype": "awsSigv4"}
    assert staff["security"] == [{"sigv4": []}]
    assert [key for key, operation in operations("admin").items()
            if operation.get("security", staff["security"]) != [{"sigv4": []}]] == []
    # What makes it true: IAM in front of the whole staff API, and no route that opts out.
    resources = template.load()["Resources"]
    assert resources["AdminApi"]["Properties"]["Auth"]["DefaultAuthorizer"] == "AWS_IAM"
    assert [event for function in template.resources_of_type("AWS::Serverless::Function").values()
            for event in (function["Properties"].get("Events") or {}).values()
            if event["Properties"].get("RestApiId", {}).get("Ref") == "AdminApi" and "Auth" in event["Properties"]] == []
