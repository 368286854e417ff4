"""The authorization matrix: every client endpoint (enumerated from the OpenAPI document) called as
every kind of caller, each answer asserted. An endpoint added later without a row fails the test.

Columns: no session, an expired session, a blocked account (granted the dossier), a client of
another company, an extra account of the same company, a person without access to the dossier,
and the company's main account, which has access. Every cell gets a fresh session and, for
destructive calls, its own fresh resource, so cells never depend on each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
from portal.platform.openapi import build_document

from tests.support.clients import (
    PASSWORD,
    PDF_BYTES,
    active_account,
    call,
    new_dossier,
    publish_file,
    session_headers,
)
from tests.unit.conftest import load_handler

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ("anonymous", "expired", "blocked", "other_company", "extra_same_company", "no_access", "with_access")
STAFF = {"actor": "staff-test", "source_ip": "192.0.2.1"}
WRONG = "Verkeerd-Wachtwoord-1"

U = (401, "not_authenticated")
X = (401, "session_expired")
N = (404, "not_found")
F403 = (403, "company_main_only")
SIGNED_OUT = (U, X, U)


def every(answer: Any) -> tuple[Any, ...]:
    return (answer,) * len(COLUMNS)


def signed_in(other: Any, extra: Any, stranger: Any, main: Any) -> tuple[Any, ...]:
    return (*SIGNED_OUT, other, extra, stranger, main)


def dossier_scoped(ok: Any, extra: Any = None) -> tuple[Any, ...]:
    """Another company and a person without access get 404, never a hint that the id exists."""
    return signed_in(N, extra or ok, N, ok)


# (method, OpenAPI path) -> (function folder, expected answers per column, body or factory, query)
Row = tuple[str, tuple[Any, ...], Any, dict[str, str] | None]
ROWS: dict[tuple[str, str], Row] = {
    ("GET", "/api/health"): ("health", every(200), None, None),
    ("GET", "/api/site"): ("site", every(200), None, None),
    ("GET", "/api/openapi.json"): ("openapi", every(200), None, None),
    ("GET", "/api/invitations/{token}"): ("invitations", every((404, "link_invalid")), None, None),
    ("POST", "/api/password-links"): ("password_links", every(202), lambda: {"email": f"nobody{uuid.uuid4().hex[:8]}@example.nl"}, None),
    ("GET", "/api/password-links/{token}"): ("password_links", every((404, "link_invalid")), None, None),
    ("POST", "/api/password"): ("password", every((404, "link_invalid")), {"token": "a" * 43, "password": "Sterk-Akte-2026"}, None),
    ("POST", "/api/session"): ("session", every((401, "invalid_credentials")), lambda: {"email": f"nobody{uuid.uuid4().hex[:8]}@example.nl", "password": WRONG}, None),
    ("DELETE", "/api/session"): ("session", every(204), None, None),
    ("POST", "/api/session/second-factor"): ("second_factor", every((401, "login_expired")), {"method": "sms", "code": "123456"}, None),
    ("POST", "/api/session/second-factor/resend"): ("second_factor", every((401, "login_expired")), {}, None),
    ("GET", "/api/me"): ("me", signed_in(200, 200, 200, 200), None, None),
    ("PUT", "/api/me/language"): ("me", signed_in(200, 200, 200, 200), {"language": "nl"}, None),
    ("PUT", "/api/me/notifications"): ("me", signed_in(200, 200, 200, 200), {"documents": True, "questionnaires": True, "messages": True}, None),
    ("POST", "/api/me/password"): ("me", signed_in(*([(401, "invalid_credentials")] * 4)), {"current_password": WRONG, "new_password": "Nieuw-Akte-2027"}, None),
    ("POST", "/api/me/two-factor/sms"): ("two_factor", signed_in(*([(401, "invalid_credentials")] * 4)), {"phone": "06 12345678", "password": WRONG}, None),
    ("POST", "/api/me/two-factor/sms/confirm"): ("two_factor", signed_in(*([(410, "code_expired")] * 4)), {"code": "123456"}, None),
    ("POST", "/api/me/two-factor/totp"): ("two_factor", signed_in(*([(401, "invalid_credentials")] * 4)), {"password": WRONG}, None),
    ("POST", "/api/me/two-factor/totp/confirm"): ("two_factor", signed_in(*([(410, "code_expired")] * 4)), {"code": "123456"}, None),
    ("DELETE", "/api/me/two-factor"): ("two_factor", signed_in(*([(401, "invalid_credentials")] * 4)), {"password": WRONG}, None),
    ("POST", "/api/me/two-factor/step-up"): ("two_factor", signed_in(*([(422, "step_up_not_sms")] * 4)), {}, None),
    ("POST", "/api/me/two-factor/recovery-code"): ("two_factor", signed_in(*([(422, "two_factor_off")] * 4)), {"password": WRONG}, None),
    ("GET", "/api/me/sessions"): ("sessions", signed_in(200, 200, 200, 200), None, None),
    ("DELETE", "/api/me/sessions/{session_id}"): ("sessions", signed_in(N, N, N, 204), None, None),
    ("POST", "/api/me/sessions/end-others"): ("sessions", signed_in(200, 200, 200, 200), {}, None),
    ("GET", "/api/me/accounts"): ("company_accounts", signed_in(200, F403, F403, 200), None, None),
    ("POST", "/api/me/accounts"): ("company_accounts", signed_in(201, F403, F403, 201), lambda: {"name": "Nieuw Account", "email": f"n{uuid.uuid4().hex[:10]}@example.nl", "password": PASSWORD}, None),
    ("GET", "/api/me/accounts/{account_id}"): ("company_accounts", signed_in(N, F403, F403, 200), None, None),
    ("DELETE", "/api/me/accounts/{account_id}"): ("company_accounts", signed_in(N, F403, F403, 204), None, None),
    ("GET", "/api/me/passkeys"): ("passkeys", signed_in(200, 200, 200, 200), None, None),
    ("POST", "/api/me/passkeys/options"): ("passkeys", signed_in(*([(422, "passkey_name_invalid")] * 4)), {"name": " ", "password": WRONG}, None),
    ("POST", "/api/me/passkeys"): ("passkeys", signed_in(*([(410, "passkey_challenge_expired")] * 4)), {"credential": {}}, None),
    ("PUT", "/api/me/passkeys/{passkey_id}"): ("passkeys", signed_in((404, "passkey_not_found"), (404, "passkey_not_found"), (404, "passkey_not_found"), 200), {"name": "Werk"}, None),
    ("DELETE", "/api/me/passkeys/{passkey_id}"): ("passkeys", signed_in((404, "passkey_not_found"), (404, "passkey_not_found"), (404, "passkey_not_found"), (422, "second_factor_needed")), {"password": PASSWORD}, None),
    ("POST", "/api/session/passkey/options"): ("passkeys", every(200), {}, None),
    ("POST", "/api/session/passkey"): ("passkeys", every((401, "login_expired")), {"credential": {}}, None),
    ("POST", "/api/session/second-factor/passkey/options"): ("passkeys", every((401, "login_expired")), {}, None),
    ("POST", "/api/session/second-factor/passkey"): ("passkeys", every((401, "login_expired")), {"credential": {}}, None),
    ("GET", "/api/dossiers"): ("dossiers", signed_in(200, 200, 200, 200), None, None),
    ("GET", "/api/dossiers/{dossier_id}"): ("dossiers", dossier_scoped(200), None, None),
    ("GET", "/api/dossiers/{dossier_id}/items"): ("dossiers", dossier_scoped(200), None, {"tab": "documents"}),
    ("POST", "/api/dossiers/{dossier_id}/items/{item_id}/download"): ("dossier_downloads", dossier_scoped(200), {}, None),
    ("GET", "/api/dossiers/{dossier_id}/messages"): ("messages", dossier_scoped(200), None, None),
    ("POST", "/api/dossiers/{dossier_id}/messages"): ("messages", dossier_scoped(201), lambda: {"subject": "Vraag", "body": "Wanneer passeren we?", "attachments": [], "idempotency_key": uuid.uuid4().hex}, None),
    ("GET", "/api/dossiers/{dossier_id}/messages/{message_id}"): ("messages", dossier_scoped(200), None, None),
    ("POST", "/api/dossiers/{dossier_id}/messages/{message_id}/attachments/{attachment_id}/download"): ("messages", dossier_scoped(200), {}, None),
    ("POST", "/api/dossiers/{dossier_id}/attachments"): ("attachments", dossier_scoped(201), {"file_name": "id.pdf", "content_type": "application/pdf", "size": len(PDF_BYTES)}, None),
    ("POST", "/api/dossiers/{dossier_id}/attachments/{upload_id}/check"): ("attachments", dossier_scoped(200, extra=N), {}, None),
    ("DELETE", "/api/dossiers/{dossier_id}/attachments/{upload_id}"): ("attachments", dossier_scoped(204, extra=N), None, None),
    ("GET", "/api/actions"): ("questionnaires_actions", signed_in(200, 200, 200, 200), None, None),
    ("GET", "/api/questionnaires/{questionnaire_id}"): ("questionnaires", dossier_scoped(200), None, None),
    ("PUT", "/api/questionnaires/{questionnaire_id}/pages/{number}"): ("questionnaires", dossier_scoped((422, "answers_invalid")), {"answers": {}, "version": 1}, None),
    ("GET", "/api/questionnaires/{questionnaire_id}/result"): ("questionnaires", dossier_scoped(200), None, None),
    ("POST", "/api/questionnaires/{questionnaire_id}/pdf"): ("questionnaires", dossier_scoped((409, "questionnaire_not_completed")), {}, None),
    ("POST", "/api/questionnaires/{questionnaire_id}/complete"): ("questionnaires_complete", dossier_scoped((422, "answers_invalid")), {"version": 1}, None),
    ("GET", "/api/payments"): ("payments", signed_in(200, 200, 200, 200), None, None),
    ("GET", "/api/dossiers/{dossier_id}/payments"): ("payments", dossier_scoped(200), None, None),
    ("POST", "/api/dossiers/{dossier_id}/payments/{instruction_id}/opened"): ("payments", dossier_scoped(204), {"version": 1}, None),
    # Public: anyone may ask whether an account number is the office's (throttled per address).
    ("POST", "/api/iban-checks"): ("payments", every(200), {"iban": "NL91 ABNA 0417 1643 00"}, None),
    ("GET", "/api/appointments"): ("appointments", signed_in(200, 200, 200, 200), None, None),
    ("GET", "/api/home"): ("home", signed_in(200, 200, 200, 200), None, None),
    ("GET", "/api/dossiers/{dossier_id}/appointment"): ("appointments", dossier_scoped(200), None, None),
    ("GET", "/api/dossiers/{dossier_id}/appointment/ics"): ("appointments", dossier_scoped(200), None, None),
    ("GET", "/api/dossiers/{dossier_id}/approval"): ("approvals", dossier_scoped(200), None, None),
    # A version that is not the current one: the named party's answer is the refusal, never a 404.
    ("POST", "/api/dossiers/{dossier_id}/approval/approve"): ("approvals", dossier_scoped((409, "approval_superseded")), {"version_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "sha256": "0" * 64, "confirmed": True}, None),
    ("POST", "/api/dossiers/{dossier_id}/approval/question"): ("approvals", dossier_scoped(201), lambda: {"version_id": WORLD_APPROVAL.get("version_id", "01ARZ3NDEKTSV4RRFFQ69G5FAV"), "body": "Klopt de datum?", "idempotency_key": uuid.uuid4().hex}, None),
}
# The World's approval version (the question row needs the current one).
WORLD_APPROVAL: dict[str, str] = {}


def _operations() -> set[tuple[str, str]]:
    """The OpenAPI document's operations plus the template's routes (the document leaves out itself)."""
    from portal_local import template

    document = build_document("client", ROOT / "functions" / "client", "client")
    documented = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    routed = {(r.method, r.path) for r in template.routes() if r.api == "ClientApi"}
    return documented | routed


def test_every_client_endpoint_has_a_row_in_the_matrix(aws) -> None:
    operations = _operations()
    assert operations - set(ROWS) == set(), "endpoints without a row in the authorization matrix"
    assert set(ROWS) - operations == set(), "rows for endpoints that no longer exist"


class World:
    """Company A (main + extra account) with a dossier holding one of everything; company B; a
    person without access; a blocked account that had access."""

    def __init__(self, fake_clock: Any) -> None:
        from portal.accounts import staff as account_staff
        from portal.dossiers import publishing
        from portal.messages import staff as message_staff
        from portal.questionnaires import staff, templates

        self.clock = fake_clock
        self.main = active_account(name="Petra Zoet", kind="company_main", company="Bakkerij Zoet B.V.")
        self.extra = active_account(name="Ahmed", kind="company_extra", party_id=self.main.id, company="Bakkerij Zoet B.V.")
        self.other = active_account(name="Sam Slager", kind="company_main", company="Slagerij Sam")
        # Adding an extra account asks for the main account's password again: the two main accounts have one.
        from portal.accounts import passwords
        from portal.accounts.models import Account

        for main in (self.main, self.other):
            main.update(actions=[Account.password_hash.set(passwords.hash_password(PASSWORD))])
        self.stranger = active_account(name="Piet Vreemd")
        self.blocked = active_account(name="Bert Geblokkeerd")
        self.dossier = new_dossier(self.main, self.blocked)["id"]
        self.item = publish_file(self.dossier)["id"]
        offer = publishing.request_upload(self.dossier, file_name="akte.pdf", content_type="application/pdf", size=len(PDF_BYTES))
        requests.post(offer["url"], data=offer["fields"], files={"file": ("akte.pdf", PDF_BYTES, "application/pdf")}, timeout=30)
        sent = message_staff.send(self.dossier, to=self.main.id, subject="Concept akte", body="Zie bijlage.",
                           attachments=[{"upload_key": offer["upload_key"], "file_name": "akte.pdf"}], **STAFF)
        self.message, self.attachment = sent["id"], sent["attachments"][0]["id"]
        templates.create(templates.shipped("testament"), actor="staff-test")
        self.questionnaire = staff.send(dossier_id=self.dossier, account_id=self.main.id, template_id="testament", **STAFF)["id"]
        from portal.payments import escrow, instructions

        escrow.seed("NL91ABNA0417164300", holder="Stichting Derdengelden", bank="ABN AMRO", proposed_by="a", approved_by="b")
        self.instruction = instructions.publish(
            self.dossier, self.main.id, amount_cents=100, iban="NL91ABNA0417164300", reference="2026.1",
            due_date=date(2026, 12, 1), purpose="Koopsom", **STAFF)["id"]
        from portal.appointments import scheduling

        scheduling.schedule(self.dossier, starts_at="2027-03-11T10:30", address="Stationsplein 1, Utrecht", **STAFF)
        from portal.approvals import requesting

        asked = requesting.request(self.dossier, document_id=self.item, parties=[self.main.id], **STAFF)
        WORLD_APPROVAL["version_id"] = asked["version_id"]
        account_staff.block(self.blocked.id, **STAFF)

    def headers(self, column: str) -> dict[str, str]:
        base = {"X-Portal-Request": "1", "Origin": "http://127.0.0.1:8000", "Accept-Language": "nl"}
        if column == "anonymous":
            return base
        if column == "expired":
            self.clock.advance(minutes=-31)
            headers = session_headers(self.main)
            self.clock.advance(minutes=31)
            return headers
        account = {"blocked": self.blocked, "other_company": self.other, "extra_same_company": self.extra,
                   "no_access": self.stranger, "with_access": self.main}[column]
        return session_headers(account)

    def fresh_upload(self) -> str:
        from portal.accounts.sessions import authenticate
        from portal.messages import uploads

        cookie = session_headers(self.main)["Cookie"].split("=", 1)[1]
        offer = uploads.offer(authenticate(cookie), self.dossier, file_name="id.pdf", content_type="application/pdf",
                              size=len(PDF_BYTES), source_ip="192.0.2.10")
        requests.post(offer["url"], data=offer["fields"], files={"file": ("id.pdf", PDF_BYTES, "application/pdf")}, timeout=30)
        return offer["upload_id"]

    def fresh_extra(self) -> str:
        return active_account(name="Tijdelijk", kind="company_extra", party_id=self.main.id, company="Bakkerij Zoet B.V.").id

    def fresh_session(self) -> str:
        """The public id of a new session of the main account (another browser of Petra's)."""
        from portal.accounts.models import Session
        from portal.platform import ids

        cookie = session_headers(self.main)["Cookie"].split("=", 1)[1]
        return Session.get(f"SESSION#{ids.token_hash(cookie)}", "META").id

    def fresh_passkey(self) -> str:
        """A passkey of the main account (stored as a registration would, without the ceremony)."""
        from portal.accounts.passkey_models import Passkey, passkey_key, passkeys_of

        credential_id = uuid.uuid4().hex + uuid.uuid4().hex
        Passkey(pk=passkey_key(credential_id), sk="META", account_id=self.main.id, name="iPhone", public_key="AA",
                created_at="2026-11-26T09:00:00+00:00", gsi1pk=passkeys_of(self.main.id), gsi1sk=credential_id).save()
        return credential_id

    def path_values(self, method: str, path: str) -> dict[str, Callable[[], str]]:
        destructive = method == "DELETE" or path.endswith("/check")
        return {
            "token": lambda: "a" * 43,
            "dossier_id": lambda: self.dossier,
            "item_id": lambda: self.item,
            "message_id": lambda: self.message,
            "attachment_id": lambda: self.attachment,
            "upload_id": self.fresh_upload if destructive else (lambda: "01ARZ3NDEKTSV4RRFFQ69G5FAV"),
            "account_id": self.fresh_extra if destructive else (lambda: self.extra.id),
            "questionnaire_id": lambda: self.questionnaire,
            "number": lambda: "1",
            "session_id": self.fresh_session,
            "passkey_id": self.fresh_passkey,
            "instruction_id": lambda: self.instruction,
        }


def _answer(status: int, body: Any, expected: Any) -> Any:
    if isinstance(expected, tuple):
        return (status, (body or {}).get("code"))
    return status


@pytest.fixture
def world(aws, fake_clock) -> World:
    return World(fake_clock)


def test_the_authorization_matrix_holds_for_every_cell(world: World) -> None:
    import re

    handlers: dict[str, Any] = {}
    failures = []
    for (method, path), (folder, expected, body, query) in sorted(ROWS.items()):
        handler = handlers.setdefault(folder, load_handler(f"client/{folder}"))
        for column, want in zip(COLUMNS, expected, strict=True):
            values = world.path_values(method, path)
            concrete = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)](), path)
            payload = body() if callable(body) else body
            status, answer = call(handler, method, concrete, world.headers(column), query=query, body=payload)
            got = _answer(status, answer, want)
            if got != want:
                failures.append(f"{method} {path} as {column}: expected {want}, got {got}")
    assert failures == [], "\n".join(failures)
