"""Count the AWS calls a piece of code makes: per service and operation, with DynamoDB units.

Every call goes through ``botocore.client.BaseClient._make_api_call``, from boto3 clients and from
pynamodb's own botocore client alike (presigned URLs are signed locally and make no call), so one
patch sees them all. Units need the stored size of items that are updated or deleted, which the
API does not return: they are read from moto's in-process backend (the benchmark runs under
``mock_aws``), outside the patched path, so looking does not count as a call.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import botocore.client

from benchmarks import capacity

SERVICES = ("dynamodb", "s3", "ses", "sns")
REGION = "eu-west-1"


@dataclass
class Call:
    service: str
    operation: str
    read_units: float = 0.0
    write_units: float = 0.0
    items_read: int = 0


@dataclass
class Recording:
    calls: list[Call] = field(default_factory=list)

    def count(self, service: str) -> int:
        return sum(1 for c in self.calls if c.service == service)

    def operations(self, service: str) -> dict[str, int]:
        return dict(Counter(c.operation for c in self.calls if c.service == service))

    @property
    def read_units(self) -> float:
        return sum(c.read_units for c in self.calls)

    @property
    def write_units(self) -> float:
        return sum(c.write_units for c in self.calls)

    @property
    def items_read(self) -> int:
        return sum(c.items_read for c in self.calls)

    def summary(self) -> dict[str, Any]:
        return {
            **{service: self.count(service) for service in SERVICES},
            "dynamodb_operations": self.operations("dynamodb"),
            "s3_operations": self.operations("s3"),
            "read_units": self.read_units,
            "write_units": self.write_units,
            "items_read": self.items_read,
        }


def _stored_size(table: str, key: dict[str, Any]) -> int:
    """The size of the stored item with this key in moto's backend (0 when absent)."""
    try:
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.dynamodb.models import dynamodb_backends
        from moto.dynamodb.models.dynamo_type import DynamoType

        stored = dynamodb_backends[DEFAULT_ACCOUNT_ID][REGION].get_table(table)
        item = stored.get_item(DynamoType(key["pk"]), DynamoType(key["sk"]) if "sk" in key else None)
        return int(item.size()) if item else 0
    except Exception:  # not under moto, or its internals moved: the minimum unit is used
        return 0


def _key_of(item: dict[str, Any]) -> dict[str, Any]:
    return {k: item[k] for k in ("pk", "sk") if k in item}


def _writes(operation: str, params: dict[str, Any]) -> list[tuple[str, dict[str, Any], bool]]:
    """(table, key, transactional) of every item a write call touches."""
    if operation in ("PutItem",):
        return [(params["TableName"], _key_of(params["Item"]), False)]
    if operation in ("UpdateItem", "DeleteItem"):
        return [(params["TableName"], params["Key"], False)]
    if operation == "BatchWriteItem":
        found = []
        for table, requests in params.get("RequestItems", {}).items():
            for request in requests:
                if "PutRequest" in request:
                    found.append((table, _key_of(request["PutRequest"]["Item"]), False))
                elif "DeleteRequest" in request:
                    found.append((table, request["DeleteRequest"]["Key"], False))
        return found
    if operation == "TransactWriteItems":
        found = []
        for entry in params.get("TransactItems", []):
            (kind, body), = entry.items()
            key = _key_of(body["Item"]) if kind == "Put" else body["Key"]
            found.append((body["TableName"], key, True))
        return found
    return []


def _read_cost(operation: str, params: dict[str, Any], response: dict[str, Any]) -> tuple[float, int]:
    """(read units, items read) of a read call, from what it asked and what came back."""
    if operation == "GetItem":
        item = response.get("Item")
        units = capacity.read_units_per_item([capacity.item_size(item)], consistent=bool(params.get("ConsistentRead")))
        return units, 1 if item else 0
    if operation == "BatchGetItem":
        units, items = 0.0, 0
        for table, request in params.get("RequestItems", {}).items():
            returned = response.get("Responses", {}).get(table, [])
            sizes = {tuple(sorted((k, str(v)) for k, v in _key_of(i).items())): capacity.item_size(i) for i in returned}
            keys = [tuple(sorted((k, str(v)) for k, v in key.items())) for key in request.get("Keys", [])]
            units += capacity.read_units_per_item(
                [sizes.get(key, 0) for key in keys], consistent=bool(request.get("ConsistentRead"))
            )
            items += len(returned)
        return units, items
    if operation in ("Query", "Scan"):
        returned = response.get("Items", [])
        consistent = bool(params.get("ConsistentRead")) and "IndexName" not in params
        scanned = int(response.get("ScannedCount", len(returned)))
        total = sum(capacity.item_size(i) for i in returned)
        if returned and scanned > len(returned):  # a filter dropped some: they were read all the same
            total = int(total * scanned / len(returned))
        return capacity.read_units_for_page(total, consistent=consistent), scanned
    if operation == "TransactGetItems":
        returned = [r.get("Item") for r in response.get("Responses", [])]
        sizes = [capacity.item_size(i) for i in returned]
        return capacity.read_units_per_item(sizes, consistent=True, transactional=True), sum(1 for i in returned if i)
    return 0.0, 0


class AwsCalls:
    """``with AwsCalls() as recording:`` records every AWS call made inside the block."""

    def __init__(self, units: bool = True) -> None:
        self.units = units
        self.recording = Recording()
        self._original: Any = None

    def __enter__(self) -> Recording:
        original = self._original = botocore.client.BaseClient._make_api_call
        recording, units = self.recording, self.units

        def counting(client: Any, operation: str, params: dict[str, Any]) -> Any:
            service = client.meta.service_model.service_name
            touched = _writes(operation, params) if units and service == "dynamodb" else []
            before = [_stored_size(table, key) for table, key, _ in touched]
            response = original(client, operation, params)
            call = Call(service, operation)
            if units and service == "dynamodb":
                call.read_units, call.items_read = _read_cost(operation, params, response)
                call.write_units = sum(
                    capacity.write_units(size, _stored_size(table, key), transactional=transactional)
                    for size, (table, key, transactional) in zip(before, touched, strict=True)
                )
            recording.calls.append(call)
            return response

        botocore.client.BaseClient._make_api_call = counting
        return recording

    def __exit__(self, *exc: object) -> None:
        botocore.client.BaseClient._make_api_call = self._original

