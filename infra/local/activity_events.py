"""Locally, what AWS does between the table and the office's subscribers (issue 20).

- The bus of template.yaml (``PortalEventBus``) is created in moto with one rule of the kind an
  office would add (``source: notary.portal``) whose target is a local SQS queue; what reaches
  it is kept here, in arrival order, for ``/_dev/events`` and the dev mailbox page.
- :class:`StreamPump` plays the event source mapping: it reads moto's DynamoDB stream of the table,
  keeps the records the template's ``FilterCriteria`` passes, invokes ``EventsFunction`` with a
  stream-shaped event (the same handler as in Lambda) and, as Lambda does with
  ReportBatchItemFailures, delivers again from the first record the function reported failed.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from portal_local import template

FUNCTION = "EventsFunction"
QUEUE = "portal-events-local"
RULE = "portal-local-office-subscriber"

_received: list[dict[str, Any]] = []
_lock = threading.Lock()


def bus_name() -> str:
    from portal.platform.settings import get_settings

    return get_settings().event_bus_name


def create(events: Any, sqs: Any) -> None:
    """The bus, and a subscriber's rule delivering everything from the portal to a queue."""
    events.create_event_bus(Name=bus_name())
    queue_url = sqs.create_queue(QueueName=QUEUE)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name=RULE, EventBusName=bus_name(), EventPattern=json.dumps({"source": ["notary.portal"]}))
    events.put_targets(Rule=RULE, EventBusName=bus_name(), Targets=[{"Id": "queue", "Arn": queue_arn}])
    with _lock:
        _received.clear()


def received() -> list[dict[str, Any]]:
    """Every event the subscriber's queue got so far: ``id``, ``detail-type``, ``time``, ``detail``..."""
    from portal.platform.aws import client

    sqs = client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUE)["QueueUrl"]
    with _lock:
        while True:
            answer = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
            messages = answer.get("Messages", [])
            if not messages:
                break
            for message in messages:
                _received.append(json.loads(message["Body"]))
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        return list(_received)


# ---------------------------------------------------------------- the stream
def _filters() -> list[dict[str, Any]]:
    events = template.load()["Resources"][FUNCTION]["Properties"]["Events"]
    source = next(e for e in events.values() if e["Type"] == "DynamoDB")["Properties"]
    return [json.loads(f["Pattern"]) for f in source.get("FilterCriteria", {}).get("Filters", [])]


def _matches(pattern: Any, value: Any) -> bool:
    """The part of EventBridge's pattern language the template uses: nested objects, lists of
    exact values, ``{"prefix": ...}``."""
    if isinstance(pattern, dict):
        return isinstance(value, dict) and all(k in value and _matches(p, value[k]) for k, p in pattern.items())
    return any(
        (isinstance(option, dict) and "prefix" in option and isinstance(value, str) and value.startswith(option["prefix"]))
        or option == value
        for option in pattern
    )


def passes(record: dict[str, Any], filters: list[dict[str, Any]] | None = None) -> bool:
    wanted = _filters() if filters is None else filters
    return not wanted or any(_matches(f, record) for f in wanted)


class StreamPump:
    """Deliver the table's stream to EventsFunction; ``pump()`` is safe to call from any thread."""

    def __init__(self, invoke: Any) -> None:
        self._invoke = invoke  # (event) -> the function's answer
        self._iterators: dict[str, str] = {}
        self._pending: dict[str, list[dict[str, Any]]] = {}  # per shard: records to deliver again
        self._lock = threading.Lock()
        self._filters = _filters()
        self._client: Any = None

    def _streams(self) -> Any:
        # One client for the pump's life: it runs every second, and a new boto3 client costs more
        # CPU than the stream read itself.
        if self._client is None:
            self._client = self._new_client()
        return self._client

    @staticmethod
    def _new_client() -> Any:
        import boto3
        from botocore.config import Config
        from portal.platform.settings import get_settings

        settings = get_settings()
        # botocore sends a call naming a stream ARN to <account>.streams-ddb..., which moto's
        # in-process mock does not route; the regional endpoint serves the same API.
        return boto3.client("dynamodbstreams", region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url,
                            config=Config(account_id_endpoint_mode="disabled"))

    def _shard_records(self, streams: Any) -> dict[str, list[dict[str, Any]]]:
        from portal.platform.settings import get_settings

        found: dict[str, list[dict[str, Any]]] = {}
        for stream in streams.list_streams(TableName=get_settings().table_name)["Streams"]:
            shards = streams.describe_stream(StreamArn=stream["StreamArn"])["StreamDescription"]["Shards"]
            for shard in shards:
                shard_id = shard["ShardId"]
                if shard_id not in self._iterators:
                    self._iterators[shard_id] = streams.get_shard_iterator(
                        StreamArn=stream["StreamArn"], ShardId=shard_id, ShardIteratorType="TRIM_HORIZON",
                    )["ShardIterator"]
                found[shard_id] = []
                while True:  # up to now: one GetRecords answers at most 1,000 records, of every write
                    answer = streams.get_records(ShardIterator=self._iterators[shard_id])
                    self._iterators[shard_id] = answer.get("NextShardIterator") or self._iterators[shard_id]
                    if not answer.get("Records"):
                        break
                    found[shard_id].extend(answer["Records"])
                if found[shard_id]:
                    _forget_read(get_settings().table_name, int(found[shard_id][-1]["dynamodb"]["SequenceNumber"]))
        return found

    def pump(self) -> int:
        """Deliver what the stream holds now; the number of records the function took."""
        with self._lock:
            delivered = 0
            for shard_id, records in self._shard_records(self._streams()).items():
                batch = self._pending.pop(shard_id, []) + [r for r in records if passes(r, self._filters)]
                if not batch:
                    continue
                try:
                    answer = self._invoke({"Records": batch}) or {}
                except Exception:  # read from the stream already: kept here for the next delivery
                    self._pending[shard_id] = batch
                    raise
                failed = [f["itemIdentifier"] for f in answer.get("batchItemFailures", [])]
                if failed:
                    first = next(i for i, r in enumerate(batch) if r["dynamodb"]["SequenceNumber"] in failed)
                    self._pending[shard_id] = batch[first:]
                    batch = batch[:first]
                delivered += len(batch)
            return delivered


def _forget_read(table_name: str, last: int) -> None:
    """Drop the stream records read so far from the embedded moto's shard (this process's moto).

    moto keeps every record ever written, with both images, for the stack's whole life: a stack
    that runs a test suite or stays up for days would grow by each write. DynamoDB keeps a stream
    24 hours, so forgetting what the pump has read changes nothing the portal could see; records
    not yet read keep their sequence numbers (the shard's start moves with what is dropped)."""
    try:
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.dynamodb.models import dynamodb_backends
    except ImportError:  # not the embedded moto: nothing to forget here
        return
    from portal_local import moto_transactions

    for backend in dynamodb_backends.get(DEFAULT_ACCOUNT_ID, {}).values():
        shard = getattr(backend.tables.get(table_name), "stream_shard", None)
        if shard is None:
            continue
        with moto_transactions.lock:  # not while a transaction counts on the shard's length
            done = min(max(last - shard.starting_sequence_number + 1, 0), len(shard.items))
            if done:
                shard.starting_sequence_number += done
                del shard.items[:done]
