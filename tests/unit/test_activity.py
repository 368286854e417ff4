"""Issue 20: one activity item per client action, in the action's own transaction; its event on the bus."""

from __future__ import annotations

import json

import botocore.client
import pytest
from botocore.exceptions import ClientError
from portal.activity import events
from portal.activity.models import Activity
from portal_local import activity_events

from tests.support.clients import call, publish_file, session_headers
from tests.unit.conftest import LambdaContext, load_handler
from tests.unit.messages_steps import (  # noqa: F401 - fixtures
    attachments_api_fixture,
    client_in_dossier,
    downloads_api_fixture,
    fail_first_transaction,
    messages_api_fixture,
    send,
    upload,
)
from tests.unit.test_payments import published


def activities() -> list[Activity]:
    return sorted((i for i in Activity.scan() if i.pk.startswith("ACTIVITY#")), key=lambda i: i.id)


def stream_records() -> list[dict]:
    """What the table's stream holds now (moto keeps it), shaped as Lambda receives it."""
    pump_seen: list[dict] = []
    activity_events.StreamPump(lambda event: pump_seen.extend(event["Records"]) or {}).pump()
    return pump_seen


def test_a_message_with_a_file_records_the_message_and_the_file_for_the_office(
        aws, fake_clock, messages_api, attachments_api) -> None:
    jan, dossier = client_in_dossier()
    _, checked = upload(attachments_api, jan, dossier["id"])
    status, sent = send(messages_api, jan, dossier["id"], attachments=[checked["upload_id"]])
    assert status == 201
    found = activities()
    assert sorted(a.kind for a in found) == ["file_supplied", "message_received"]
    assert {a.dossier_id for a in found} == {dossier["id"]} and {a.party_id for a in found} == {jan.party_id}
    by_kind = {a.kind: a.refs.as_dict() for a in found}
    assert by_kind["message_received"] == {"message_id": sent["id"], "attachments": "1"}
    assert by_kind["file_supplied"] == {"message_id": sent["id"], "document_id": checked["upload_id"]}


def test_a_failed_send_records_no_activity_and_its_retry_one(
        aws, fake_clock, messages_api, monkeypatch) -> None:
    jan, dossier = client_in_dossier()
    fail_first_transaction(monkeypatch)
    status, _ = send(messages_api, jan, dossier["id"], key="again")
    assert status == 500 and activities() == []
    for _ in range(2):
        assert send(messages_api, jan, dossier["id"], key="again")[0] == 201
    assert [a.kind for a in activities()] == ["message_received"]


def test_the_first_download_of_a_published_document_per_party_is_recorded_once(
        aws, fake_clock, downloads_api) -> None:
    jan, dossier = client_in_dossier()
    document = publish_file(dossier["id"])
    for _ in range(2):
        status, _ = call(downloads_api, "POST", f"/api/dossiers/{dossier['id']}/items/{document['id']}/download",
                         session_headers(jan))
        assert status == 200
    assert [(a.kind, a.refs["document_id"]) for a in activities()] == [("document_opened", document["id"])]


def test_a_payment_instruction_version_opened_is_recorded_once(aws, fake_clock) -> None:
    client_api = load_handler("client/payments")
    jan, _ = client_in_dossier()
    dossier, instruction = published(jan)
    path = f"/api/dossiers/{dossier['id']}/payments/{instruction['id']}/opened"
    for _ in range(2):
        assert call(client_api, "POST", path, session_headers(jan), body={"version": 1})[0] == 204
    assert [(a.kind, a.refs.as_dict()) for a in activities()] == [
        ("payment_instruction_opened", {"instruction_id": instruction["id"], "version": "1"})]


def test_another_party_opening_an_instruction_is_refused_and_records_nothing(aws, fake_clock) -> None:
    client_api = load_handler("client/payments")
    jan, _ = client_in_dossier()
    piet, _ = client_in_dossier(name="Piet")
    dossier, instruction = published(jan)
    status, _ = call(client_api, "POST", f"/api/dossiers/{dossier['id']}/payments/{instruction['id']}/opened",
                     session_headers(piet), body={"version": 1})
    assert status == 404 and activities() == []


# ---------------------------------------------------------------- the events
def _published() -> list[dict]:
    return activity_events.received()


def test_the_stream_function_publishes_ids_and_metadata_only(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    _, sent = send(messages_api, jan, dossier["id"], subject="Geheim onderwerp", body="Geheime inhoud")
    handler = load_handler("jobs/events")
    records = stream_records()
    assert [r["eventName"] for r in records] == ["INSERT"]  # the filter passes the activity item only
    answer = handler.lambda_handler({"Records": records}, LambdaContext())
    assert answer == {"batchItemFailures": []}
    [event] = _published()
    assert (event["source"], event["detail-type"]) == ("notary.portal", "MessageReceived")
    (item,) = activities()
    assert event["detail"]["id"] == item.id and event["detail"]["message_id"] == sent["id"]
    text = json.dumps(event)
    assert "Geheim" not in text and jan.email not in text and "Jan" not in text


def test_a_put_events_fault_loses_nothing_and_the_retry_repeats_the_same_id(
        aws, fake_clock, messages_api, monkeypatch) -> None:
    jan, dossier = client_in_dossier()
    for key in ("one", "two"):
        send(messages_api, jan, dossier["id"], key=key)
    records = stream_records()
    handler = load_handler("jobs/events")
    real = botocore.client.BaseClient._make_api_call

    def refused(self, operation_name, api_params):
        if operation_name == "PutEvents":
            raise ClientError({"Error": {"Code": "InternalException", "Message": "injected"}}, operation_name)
        return real(self, operation_name, api_params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", refused)
    answer = handler.lambda_handler({"Records": records}, LambdaContext())
    assert [f["itemIdentifier"] for f in answer["batchItemFailures"]] == [r["dynamodb"]["SequenceNumber"] for r in records]
    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", real)
    assert _published() == []
    # The stream delivers the batch again (and once more, as a retry after a timeout would).
    for _ in range(2):
        assert handler.lambda_handler({"Records": records}, LambdaContext()) == {"batchItemFailures": []}
    ids = [e["detail"]["id"] for e in _published()]
    assert len(ids) == 4 and sorted(set(ids)) == sorted(a.id for a in activities())


def test_entries_refused_one_by_one_are_reported_and_the_rest_published(aws, fake_clock, messages_api, monkeypatch) -> None:
    jan, dossier = client_in_dossier()
    for key in ("one", "two"):
        send(messages_api, jan, dossier["id"], key=key)
    records = stream_records()
    real = botocore.client.BaseClient._make_api_call

    def second_refused(self, operation_name, api_params):
        answer = real(self, operation_name, api_params)
        if operation_name == "PutEvents":
            answer["Entries"][1] = {"ErrorCode": "InternalFailure", "ErrorMessage": "injected"}
        return answer

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", second_refused)
    assert events.publish_records(records) == [records[1]["dynamodb"]["SequenceNumber"]]


def test_the_local_pump_delivers_again_from_the_first_failure(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    for key in ("one", "two", "three"):
        send(messages_api, jan, dossier["id"], key=key)
    seen: list[list[str]] = []

    def function(event):
        sequences = [r["dynamodb"]["SequenceNumber"] for r in event["Records"]]
        seen.append(sequences)
        return {"batchItemFailures": [{"itemIdentifier": sequences[1]}]} if len(seen) == 1 else {}

    pump = activity_events.StreamPump(function)
    assert pump.pump() == 1 and pump.pump() == 2
    assert seen[1] == seen[0][1:]
    assert pump.pump() == 0


@pytest.mark.parametrize(("record", "passes"), [
    ({"eventName": "INSERT", "dynamodb": {"Keys": {"pk": {"S": "ACTIVITY#01"}, "sk": {"S": "ACTIVITY"}}}}, True),
    ({"eventName": "MODIFY", "dynamodb": {"Keys": {"pk": {"S": "ACTIVITY#01"}, "sk": {"S": "ACTIVITY"}}}}, False),
    ({"eventName": "INSERT", "dynamodb": {"Keys": {"pk": {"S": "DOSSIER#01"}, "sk": {"S": "META"}}}}, False),
])
def test_the_templates_filter_passes_only_activity_inserts(record, passes) -> None:
    assert activity_events.passes(record) is passes
