"""Publishing activity to the stack's EventBridge bus, from the table's stream.

The stream delivers each activity item's INSERT (the event source mapping's filter passes nothing
else); each becomes one event, ``source: notary.portal``, its detail-type from the kind, its
detail ids and short facts only, with the item's ulid as ``detail.id``: the stream retries a
failed batch, and a consumer recognises a repeat by that id (EventBridge gives every PutEvents
entry a new envelope id). Records PutEvents did not take are reported as the batch's failures,
so the stream retries from the first of them and nothing is lost.
"""

from __future__ import annotations

import json
from typing import Any

from portal.activity.models import DETAIL_TYPES
from portal.platform.aws import client
from portal.platform.settings import get_settings

SOURCE = "notary.portal"
PUT_EVENTS_MAX = 10  # entries per PutEvents call


def _plain(image: dict[str, Any]) -> dict[str, Any]:
    from boto3.dynamodb.types import TypeDeserializer

    deserializer = TypeDeserializer()
    return {name: deserializer.deserialize(value) for name, value in image.items()}


def entry(image: dict[str, Any]) -> dict[str, Any]:
    """The PutEvents entry for one activity item's NEW_IMAGE (DynamoDB JSON)."""
    item = _plain(image)
    detail = {
        "id": item["id"], "kind": item["kind"], "at": item["at"], "dossier_id": item["dossier_id"],
        "party_id": item["party_id"], "account_id": item["account_id"],
        **{k: str(v) for k, v in (item.get("refs") or {}).items()},
    }
    return {
        "Source": SOURCE, "DetailType": DETAIL_TYPES[item["kind"]], "Detail": json.dumps(detail),
        "EventBusName": get_settings().event_bus_name, "Resources": [],
    }


def publish_records(records: list[dict[str, Any]]) -> list[str]:
    """Publish the stream records' activity items; the sequence numbers of those not published."""
    pending = [(r["dynamodb"]["SequenceNumber"], entry(r["dynamodb"]["NewImage"])) for r in records
               if r.get("eventName") == "INSERT" and "NewImage" in r.get("dynamodb", {})]
    failed: list[str] = []
    events = client("events")
    for start in range(0, len(pending), PUT_EVENTS_MAX):
        chunk = pending[start:start + PUT_EVENTS_MAX]
        try:
            answer = events.put_events(Entries=[e for _, e in chunk])
        except Exception:  # noqa: BLE001 - the whole chunk is retried by the stream
            failed += [sequence for sequence, _ in chunk]
            continue
        failed += [sequence for (sequence, _), result in zip(chunk, answer["Entries"], strict=True)
                   if result.get("ErrorCode")]
    return failed
