"""Nieuw bericht and Versturen: required fields, 4,000 characters, idempotency, all-or-nothing."""

from __future__ import annotations

import pytest
from portal.messages.models import CHECKED, Message, Upload
from portal.notifications.models import PendingNotification

from tests.support.clients import active_account, call, new_dossier, session_headers
from tests.unit.messages_steps import (  # noqa: F401 - fixtures
    attachments_api_fixture,
    client_in_dossier,
    dossiers_api_fixture,
    downloads_api_fixture,
    fail_first_transaction,
    messages_api_fixture,
    office_message,
    pending_for,
    send,
    tabs,
    upload,
)


def _messages(dossier_id: str) -> list[Message]:
    return list(Message.query(f"DOSSIER#{dossier_id}", Message.sk.startswith("MSG#")))


@pytest.mark.parametrize(
    ("subject", "body", "code"),
    [(None, "Hierbij.", "subject_required"), ("   ", "Hierbij.", "subject_required"),
     ("Kopie stukken", None, "body_required"), ("Kopie stukken", " \n\t ", "body_required")],
)
def test_subject_and_message_are_required(aws, fake_clock, messages_api, subject, body, code) -> None:
    jan, dossier = client_in_dossier()
    status, answer = send(messages_api, jan, dossier["id"], subject=subject, body=body)
    assert (status, answer["code"]) == (422, code)
    assert answer["fields"][0]["field"] == ("subject" if code.startswith("subject") else "body")
    assert _messages(dossier["id"]) == []


def test_a_message_of_exactly_4000_characters_is_accepted_and_4001_refused(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    assert send(messages_api, jan, dossier["id"], body="a" * 4000)[0] == 201
    status, answer = send(messages_api, jan, dossier["id"], body="a" * 4001)
    assert (status, answer["code"]) == (422, "body_too_long")
    assert answer["max"] == 4000


def test_characters_are_counted_as_the_browser_counts_them(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    # An emoji is two UTF-16 code units in JavaScript's text.length, so 2,000 of them fill the box...
    assert send(messages_api, jan, dossier["id"], body="😀" * 2000)[0] == 201
    # ...and one letter more is past the limit, although it is only 2,001 code points.
    status, answer = send(messages_api, jan, dossier["id"], body="😀" * 2000 + "a")
    assert (status, answer["code"]) == (422, "body_too_long")
    # Accented letters are one unit each, and a Windows line break counts as the textarea's one.
    assert send(messages_api, jan, dossier["id"], body="é" * 3998 + "\r\n" + "x")[0] == 201


def test_the_same_idempotency_key_twice_creates_one_message(aws, fake_clock, messages_api, dossiers_api) -> None:
    jan, dossier = client_in_dossier()
    first = send(messages_api, jan, dossier["id"], key="double-click-1")
    second = send(messages_api, jan, dossier["id"], key="double-click-1")
    assert first[0] == second[0] == 201
    assert first[1]["id"] == second[1]["id"]
    assert len(_messages(dossier["id"])) == 1
    assert tabs(dossiers_api, jan, dossier["id"])["tabs"]["messages"]["count"] == 1
    assert len(pending_for("STAFF")) == 1
    # The same key with other content is a client bug: refused, not silently answered.
    status, answer = send(messages_api, jan, dossier["id"], body="Iets anders.", key="double-click-1")
    assert (status, answer["code"]) == (409, "idempotency_key_reused")


def test_attachments_appear_under_door_mij_aangeleverd_and_download_again(
    aws, fake_clock, messages_api, attachments_api, dossiers_api, downloads_api
) -> None:
    jan, dossier = client_in_dossier()
    status, checked = upload(attachments_api, jan, dossier["id"], file_name="paspoort.pdf")
    assert status == 200 and checked["status"] == "checked"
    status, sent = send(messages_api, jan, dossier["id"], subject="Kopie paspoort", attachments=[checked["upload_id"]])
    assert status == 201 and [a["file_name"] for a in sent["attachments"]] == ["paspoort.pdf"]

    _, supplied = call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}/items", session_headers(jan),
                       query={"tab": "supplied"})
    assert [(i["id"], i["title"], i["file_name"], i["read"]) for i in supplied["items"]] == [
        (checked["upload_id"], "Kopie paspoort", "paspoort.pdf", True)
    ]
    page = tabs(dossiers_api, jan, dossier["id"])
    assert page["tabs"]["supplied"] == {"count": 1, "unread": 0}
    status, link = call(downloads_api, "POST", f"/api/dossiers/{dossier['id']}/items/{checked['upload_id']}/download",
                        session_headers(jan))
    assert status == 200 and f"/attachments/{jan.party_id}/" in link["url"]


def test_an_upload_of_another_client_or_another_dossier_cannot_be_attached(
    aws, fake_clock, messages_api, attachments_api
) -> None:
    jan, dossier = client_in_dossier()
    piet = active_account(name="Piet")
    shared = new_dossier(jan, piet)
    _, pieten = upload(attachments_api, piet, shared["id"])
    status, answer = send(messages_api, jan, shared["id"], attachments=[pieten["upload_id"]])
    assert (status, answer["code"]) == (404, "not_found")
    _, elsewhere = upload(attachments_api, jan, shared["id"])
    status, answer = send(messages_api, jan, dossier["id"], attachments=[elsewhere["upload_id"]])
    assert (status, answer["code"]) == (404, "not_found")
    assert _messages(dossier["id"]) == [] and _messages(shared["id"]) == []


def test_an_upload_is_attached_to_one_message_only(aws, fake_clock, messages_api, attachments_api) -> None:
    jan, dossier = client_in_dossier()
    _, checked = upload(attachments_api, jan, dossier["id"])
    assert send(messages_api, jan, dossier["id"], attachments=[checked["upload_id"]])[0] == 201
    status, answer = send(messages_api, jan, dossier["id"], attachments=[checked["upload_id"]])
    assert (status, answer["code"]) == (409, "upload_already_sent")


def test_an_unchecked_upload_cannot_be_sent(aws, fake_clock, messages_api, attachments_api) -> None:
    jan, dossier = client_in_dossier()
    _, offer = upload(attachments_api, jan, dossier["id"], check=False)
    status, answer = send(messages_api, jan, dossier["id"], attachments=[offer["upload_id"]])
    assert (status, answer["code"]) == (409, "upload_not_checked")


def test_more_attachments_than_allowed_are_refused(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    ids = [f"01J{n:023d}" for n in range(21)]
    status, answer = send(messages_api, jan, dossier["id"], attachments=ids)
    assert (status, answer["code"], answer["max"]) == (422, "too_many_attachments", 20)


def test_a_clients_message_records_one_notification_for_staff(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    send(messages_api, jan, dossier["id"])
    assert [(p.kind, p.dossier_id) for p in pending_for("STAFF")] == [("client_message", dossier["id"])]
    assert pending_for(jan.id) == []


def test_a_failed_send_writes_nothing_and_the_retry_sends_once(
    aws, fake_clock, messages_api, attachments_api, dossiers_api, monkeypatch
) -> None:
    jan, dossier = client_in_dossier()
    _, checked = upload(attachments_api, jan, dossier["id"])
    failures = fail_first_transaction(monkeypatch)
    status, answer = send(messages_api, jan, dossier["id"], attachments=[checked["upload_id"]], key="retry-me")
    assert (status, answer["code"]) == (500, "internal_error") and failures
    # Nothing of it exists: no message, no supplied item, no count, no notification; the upload waits.
    assert _messages(dossier["id"]) == []
    assert tabs(dossiers_api, jan, dossier["id"])["tabs"]["supplied"]["count"] == 0
    assert list(PendingNotification.query("NOTIFY#STAFF")) == []
    assert Upload.get(f"DOSSIER#{dossier['id']}", f"UPLOAD#{jan.party_id}#{checked['upload_id']}").status == CHECKED

    for _ in range(2):  # the browser retries with the same key; a second retry changes nothing
        status, sent = send(messages_api, jan, dossier["id"], attachments=[checked["upload_id"]], key="retry-me")
        assert status == 201
    assert len(_messages(dossier["id"])) == 1
    assert tabs(dossiers_api, jan, dossier["id"])["tabs"]["supplied"]["count"] == 1
    assert len(list(PendingNotification.query("NOTIFY#STAFF"))) == 1


def test_sending_needs_a_grant_on_the_dossier(aws, fake_clock, messages_api) -> None:
    jan, _ = client_in_dossier()
    other = new_dossier(active_account(name="Piet"))
    status, answer = send(messages_api, jan, other["id"])
    assert (status, answer["code"]) == (404, "not_found")
    assert _messages(other["id"]) == []


def test_staff_can_send_with_an_attachment_the_client_downloads(aws, fake_clock, messages_api) -> None:
    import requests
    from portal.dossiers import publishing
    from portal.messages import staff

    from tests.support.clients import PDF_BYTES

    jan, dossier = client_in_dossier()
    offer = publishing.request_upload(dossier["id"], file_name="akte.pdf", content_type="application/pdf", size=len(PDF_BYTES))
    requests.post(offer["url"], data=offer["fields"], files={"file": ("akte.pdf", PDF_BYTES, "application/pdf")}, timeout=30)
    sent = staff.send(dossier["id"], to=jan.id, subject="Concept akte", body="Zie bijlage.",
                       attachments=[{"upload_key": offer["upload_key"], "file_name": "akte.pdf"}],
                       actor="staff", source_ip="192.0.2.1")
    attachment = sent["attachments"][0]
    status, link = call(
        messages_api, "POST",
        f"/api/dossiers/{dossier['id']}/messages/{sent['id']}/attachments/{attachment['id']}/download",
        session_headers(jan),
    )
    assert status == 200 and link["file_name"] == "akte.pdf"
    assert requests.get(link["url"], timeout=30).content == PDF_BYTES


def test_half_an_emoji_is_refused_rather_than_stored(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    headers = session_headers(jan)
    from tests.unit.conftest import LambdaContext, api_event

    raw = '{"subject": "Hallo", "body": "kapot \\ud83d", "idempotency_key": "half-emoji"}'
    event = api_event("POST", f"/api/dossiers/{dossier['id']}/messages", body=raw, headers=headers)
    response = messages_api.lambda_handler(event, LambdaContext())
    assert response["statusCode"] in (400, 422), response["body"]
    assert _messages(dossier["id"]) == []


def test_a_send_that_loses_the_race_answers_with_the_winners_message(aws, fake_clock, messages_api, monkeypatch) -> None:
    """Two identical sends read "no claim yet" at the same moment: the loser's transaction is cancelled
    on the claim's condition, it reads again and answers with the message the winner created."""
    from portal.messages import sending

    jan, dossier = client_in_dossier()
    status, winner = send(messages_api, jan, dossier["id"], key="race")
    real, hidden = sending.get_many, []

    def stale_first_read(keys):
        found = real(keys)
        if not hidden:  # the loser's first read happened before the winner's write
            hidden.append(keys[0])
            found.pop(keys[0], None)
        return found

    monkeypatch.setattr(sending, "get_many", stale_first_read)
    status, loser = send(messages_api, jan, dossier["id"], key="race")
    assert status == 201 and loser["id"] == winner["id"] and hidden
    assert len(_messages(dossier["id"])) == 1
