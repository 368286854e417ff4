"""A DynamoDB throttle or an SES failure in the middle of a request, in process against moto.

For each operation the test first counts the DynamoDB calls one clean run makes, then fails each
of them in turn (ThrottlingException and ProvisionedThroughputExceededException alternately, as if
botocore's own retries were exhausted): the request answers 500 ``internal_error``, everything
stored is exactly as before (tests/security/faults.py snapshots table, bucket and mail), and the
retry succeeds, once.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
import requests
from portal.dossiers import publishing
from portal.notifications.models import PendingNotification

from tests.security.faults import UNPROCESSED, Faults, difference, snapshot
from tests.support.clients import PDF_BYTES, call, publish_file, session_headers
from tests.unit.conftest import LambdaContext, load_handler
from tests.unit.messages_steps import client_in_dossier, tabs, upload
from tests.unit.questionnaires_steps import fill_all, send_testament

CODES = ("ThrottlingException", "ProvisionedThroughputExceededException")


@pytest.fixture
def faults(monkeypatch, aws, fake_clock) -> Faults:
    return Faults().install(monkeypatch)


def fail_each_call(faults: Faults, prepare: Any, act: Any, verify_retry: Any) -> int:
    """Count the calls of a clean run, then fail each in turn; returns how many there were.

    A failed call before the commit fails the request with nothing stored (the retry does it);
    a failed read after the commit loses only the answer (the retry says it is done already); a
    failed write the domain retries as a lost race is absorbed. Never anything in between: the
    totals each test checks at the end count every effect exactly once."""
    first = prepare()
    calls, names = faults.count("dynamodb", lambda: act(first))
    assert calls >= 2, names
    for nth in range(1, calls + 1):
        subject = prepare()
        before = snapshot()
        with faults.failing("dynamodb", nth, CODES[nth % 2]):
            status, answer = act(subject)
        where = f"call {nth} of {calls} ({names[nth - 1]})"
        if status >= 300:
            assert (status, (answer or {}).get("code")) == (500, "internal_error"), f"{where}: {status} {answer}"
        committed = status < 300 or snapshot() != before
        if committed and status >= 300:
            assert names[nth - 1] in ("GetItem", "BatchGetItem", "Query"), f"{where} failed after writing"
        verify_retry(subject, act, done=committed)
    return calls


def test_a_throttle_at_any_call_of_a_send_leaves_nothing_and_the_retry_sends_once(faults: Faults) -> None:
    messages_api, attachments_api = load_handler("client/messages"), load_handler("client/attachments")
    dossiers_api = load_handler("client/dossiers")
    jan, dossier = client_in_dossier()
    sent: list[str] = []

    def prepare() -> dict[str, Any]:
        _, checked = upload(attachments_api, jan, dossier["id"])
        return {"attachments": [checked["upload_id"]], "key": f"retry-{len(sent)}-{checked['upload_id']}"}

    headers = session_headers(jan)

    def act(subject: dict[str, Any]) -> tuple[int, Any]:
        body = {"subject": "Kopie paspoort", "body": "Hierbij.", "attachments": subject["attachments"],
                "idempotency_key": subject["key"]}
        return call(messages_api, "POST", f"/api/dossiers/{dossier['id']}/messages", headers, body=body)

    def retry_sends_once(subject: dict[str, Any], act: Any, done: bool) -> None:
        first, again = act(subject), act(subject)  # idempotent: done or not, both answer the message
        assert first[0] == again[0] == 201 and first[1]["id"] == again[1]["id"]
        sent.append(first[1]["id"])

    calls = fail_each_call(faults, prepare, act, retry_sends_once)
    page = tabs(dossiers_api, jan, dossier["id"])
    assert page["tabs"]["messages"]["count"] == page["tabs"]["supplied"]["count"] == calls + 1
    assert len(set(sent)) == calls
    assert len(list(PendingNotification.query("NOTIFY#STAFF"))) == calls + 1


def test_a_throttle_at_any_call_of_a_completion_leaves_nothing_and_the_retry_completes_once(faults: Faults) -> None:
    pages_api, complete_api = load_handler("client/questionnaires"), load_handler("client/questionnaires_complete")
    dossiers_api = load_handler("client/dossiers")
    jan, dossier = client_in_dossier(name="Łukasz Özdemir")
    headers = session_headers(jan)

    def prepare() -> dict[str, Any]:
        _, sent = send_testament(jan, dossier=dossier)
        return {"id": sent["id"], "version": fill_all(pages_api, headers, sent["id"])}

    def act(subject: dict[str, Any]) -> tuple[int, Any]:
        return call(complete_api, "POST", f"/api/questionnaires/{subject['id']}/complete", headers,
                    body={"version": subject["version"]})

    def retry_completes_once(subject: dict[str, Any], act: Any, done: bool) -> None:
        if not done:
            status, result = act(subject)
            assert status == 200 and result["status"] == "completed", result
        status, again = act(subject)
        assert (status, again["code"]) == (409, "questionnaire_completed")

    calls = fail_each_call(faults, prepare, act, retry_completes_once)
    page = tabs(dossiers_api, jan, dossier["id"])
    assert page["tabs"]["supplied"]["count"] == calls + 1  # one PDF filed per questionnaire
    status, me = call(load_handler("client/me"), "GET", "/api/me", headers)
    assert me["counts"]["actions_open"] == 0


def test_a_throttle_at_any_call_of_a_publication_leaves_nothing_and_the_retry_publishes_once(faults: Faults) -> None:
    documents_api, dossiers_api = load_handler("admin/documents"), load_handler("client/dossiers")
    jan, dossier = client_in_dossier()

    def prepare() -> str:
        offer = publishing.request_upload(dossier["id"], file_name="akte.pdf", content_type="application/pdf",
                                          size=len(PDF_BYTES))
        posted = requests.post(offer["url"], data=offer["fields"], timeout=30,
                               files={"file": ("akte.pdf", PDF_BYTES, "application/pdf")})
        assert posted.status_code in (200, 204)
        return offer["upload_key"]

    def act(upload_key: str) -> tuple[int, Any]:
        return call(documents_api, "POST", f"/admin/dossiers/{dossier['id']}/documents",
                    body={"upload_key": upload_key, "title": "Concept akte", "tab": "documents", "file_name": "akte.pdf"})

    def retry_publishes_once(upload_key: str, act: Any, done: bool) -> None:
        assert done or act(upload_key)[0] == 201
        status, again = act(upload_key)
        assert (status, again["code"]) == (409, "already_published")

    calls = fail_each_call(faults, prepare, act, retry_publishes_once)
    documents = tabs(dossiers_api, jan, dossier["id"])["tabs"]["documents"]
    assert documents == {"count": calls + 1, "unread": calls + 1}
    assert len(list(PendingNotification.query(f"NOTIFY#{jan.id}"))) == calls + 1


class JobContext(LambdaContext):
    def get_remaining_time_in_millis(self) -> int:
        return 300_000  # the digest's Timeout in template.yaml


def _run_digest() -> dict[str, Any]:
    return load_handler("jobs/digest").lambda_handler({"source": "aws.events"}, JobContext())


def test_an_ses_failure_keeps_the_news_pending_and_the_next_digest_mails_it_once(faults: Faults) -> None:
    jan, dossier = client_in_dossier()
    publish_file(dossier["id"])
    before = snapshot()
    with faults.failing("ses", 1, "Throttling"):
        report = _run_digest()
    assert (report["emails_sent"], report["failures"]) == (0, 1)
    assert {k: v for k, v in difference(before, snapshot()).items() if v} == {
        "items added": [i for i in snapshot()["items"] if "NOTIFYSTATE#" in i]}  # only the released lease's record
    assert _run_digest()["emails_sent"] == 1
    assert _run_digest()["emails_sent"] == 0
    assert snapshot()["mails"] == before["mails"] + 1


def test_a_throttle_at_any_call_of_a_digest_never_loses_news_and_mails_twice_only_if_sent_before_the_mark(
    faults: Faults, fake_clock
) -> None:
    """A run that fails is the Lambda failing: EventBridge runs it again later (after the lease).
    Before SES accepted the mail nothing is lost; after it, the watermark write is what makes the
    mail count as sent. When exactly that write fails (DynamoDB down past botocore's retries), the
    next run mails the same news again: at least once, never lost. docs/security.md lists this."""
    jan, dossier = client_in_dossier()
    publish_file(dossier["id"])
    calls, names = faults.count("dynamodb", _run_digest)
    outcomes = []
    for nth in range(1, calls + 1):
        fake_clock.advance(seconds=1)  # news is newer than the last mailed (the watermark: same-ms ids may sort below)
        publish_file(dossier["id"])
        mails_before = snapshot()["mails"]
        with faults.failing("dynamodb", nth, CODES[nth % 2]), contextlib.suppress(Exception):
            _run_digest()  # fails the Lambda, or (a throttled lease) skips the recipient this run
        mailed_before_failure = snapshot()["mails"] - mails_before
        fake_clock.advance(minutes=3)  # past the lease of the failed run
        _run_digest()
        total = snapshot()["mails"] - mails_before
        operation, params = faults.failed[-1]
        key = str(params.get("Key") or params.get("RequestItems") or "")
        outcomes.append((names[nth - 1], mailed_before_failure, total))
        assert total >= 1, f"call {nth} ({names[nth - 1]}): the news was lost"
        if total > 1:
            assert mailed_before_failure == 1 and operation == "UpdateItem" and "NOTIFYSTATE#" in key, outcomes
        assert _run_digest()["emails_sent"] == 0
    assert [o for o in outcomes if o[2] > 1] == [("UpdateItem", 1, 2)], outcomes


# ---------------------------------------------------------------- outages: a 5xx, never a wrong answer
def test_a_dynamodb_outage_during_a_completion_is_a_5xx_not_a_conflict(faults: Faults) -> None:
    """Reported as 409 "changed meanwhile", an outage would hide from the 5XX alarm and send the
    client reloading for nothing."""
    pages_api, complete_api = load_handler("client/questionnaires"), load_handler("client/questionnaires_complete")
    jan, dossier = client_in_dossier()
    headers = session_headers(jan)
    _, sent = send_testament(jan, dossier=dossier)
    version = fill_all(pages_api, headers, sent["id"])
    path = f"/api/questionnaires/{sent['id']}/complete"
    before = snapshot()
    with faults.failing("dynamodb", 1, "ThrottlingException", persistent=True, operation="TransactWriteItems"):
        status, answer = call(complete_api, "POST", path, headers, body={"version": version})
    assert (status, answer["code"]) == (500, "internal_error")
    assert snapshot() == before
    assert call(complete_api, "POST", path, headers, body={"version": version})[0] == 200


def test_a_dynamodb_outage_during_a_publication_is_a_5xx_not_a_conflict(faults: Faults) -> None:
    jan, dossier = client_in_dossier()
    offer = publishing.request_upload(dossier["id"], file_name="akte.pdf", content_type="application/pdf",
                                      size=len(PDF_BYTES))
    requests.post(offer["url"], data=offer["fields"], files={"file": ("akte.pdf", PDF_BYTES, "application/pdf")}, timeout=30)
    body = {"upload_key": offer["upload_key"], "title": "Akte", "tab": "documents", "file_name": "akte.pdf"}
    documents_api = load_handler("admin/documents")
    with faults.failing("dynamodb", 1, "ProvisionedThroughputExceededException", persistent=True,
                        operation="TransactWriteItems"):
        status, answer = call(documents_api, "POST", f"/admin/dossiers/{dossier['id']}/documents", body=body)
    assert (status, answer["code"]) == (500, "internal_error")
    assert call(documents_api, "POST", f"/admin/dossiers/{dossier['id']}/documents", body=body)[0] == 201


def test_a_throttled_session_lookup_is_a_5xx_never_a_logout(faults: Faults) -> None:
    """Under throttling DynamoDB answers a BatchGetItem with its keys unprocessed, not an error."""
    me_api = load_handler("client/me")
    jan, _ = client_in_dossier()
    headers = session_headers(jan)
    with faults.failing("dynamodb", 1, UNPROCESSED, persistent=True, operation="BatchGetItem"):
        status, answer = call(me_api, "GET", "/api/me", headers)
    assert (status, answer["code"]) == (500, "internal_error")
    assert call(me_api, "GET", "/api/me", headers)[0] == 200  # the same session, still valid


def test_a_throttled_read_of_a_dossier_is_a_5xx_never_a_not_found(faults: Faults) -> None:
    """A dossier that could not be read is not a dossier that does not exist: no 404, and no
    refused-access entry in the client's audit trail."""
    from portal.audit.trail import AuditEntry

    dossiers_api = load_handler("client/dossiers")
    jan, dossier = client_in_dossier()
    headers = session_headers(jan)
    trail = lambda: list(AuditEntry.query(f"AUDIT#{jan.id}"))  # noqa: E731
    recorded = len(trail())
    with faults.failing("dynamodb", 2, UNPROCESSED, persistent=True, operation="BatchGetItem"):  # after the session's
        status, answer = call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}", headers)
    assert (status, answer["code"]) == (500, "internal_error")
    assert len(trail()) == recorded
    assert call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}", headers)[0] == 200
