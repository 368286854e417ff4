"""Two of moto's costs that grow with the whole table, taken out so the large data set is usable.

moto is the storage here, not what is measured, but two of its habits make a table of 35,000 items
take minutes: every TransactWriteItems deep-copies every table it touches (its rollback copy), and
every item written re-measures its size once per attribute. Within the benchmark:

* a transaction's rollback copy holds only the items that transaction names (the only ones it can
  change), so a cancelled transaction is still undone exactly;
* bulk loading (:func:`bulk_put`) writes the models' serialisation into moto's table directly,
  without the per-attribute size check (these items are a few hundred bytes, far from 400 KB).

Neither changes what the portal's code sends or receives, nor how its calls are counted.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

REGION = "eu-west-1"


def _backend() -> Any:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    return dynamodb_backends[DEFAULT_ACCOUNT_ID][REGION]


class _TouchedOnly:
    """Stands in for the ``copy`` module inside moto's transact_write_items: copies a table's item
    index, sharing the items, and deep-copies only the items the transaction names."""

    def __init__(self, keys: dict[str, list[tuple[Any, Any]]]) -> None:
        self.keys = keys

    def deepcopy(self, table: Any, memo: Any = None) -> Any:
        from moto.dynamodb.models.table import Table

        if not isinstance(table, Table):  # moto copies an item before updating it: as before
            return copy.deepcopy(table, memo)
        snapshot = copy.copy(table)
        snapshot.items = defaultdict(dict, {h: dict(r) if isinstance(r, dict) else r for h, r in table.items.items()})
        for hash_key, range_key in self.keys.get(table.name, []):
            found = table.items.get(hash_key)
            if isinstance(found, dict) and range_key in found:
                snapshot.items[hash_key][range_key] = copy.deepcopy(found[range_key])
        return snapshot


@contextmanager
def cheap_transactions() -> Iterator[None]:
    from moto.dynamodb import models
    from moto.dynamodb.models.dynamo_type import DynamoType

    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        keys: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
        for entry in transact_items:
            (_, op), = entry.items()
            key = op.get("Key") or {k: v for k, v in (op.get("Item") or {}).items() if k in ("pk", "sk")}
            if "pk" in key:
                keys[op["TableName"]].append((DynamoType(key["pk"]), DynamoType(key["sk"]) if "sk" in key else None))
        saved = models.copy
        models.copy = _TouchedOnly(keys)  # type: ignore[assignment]
        try:
            return original(self, transact_items)
        finally:
            models.copy = saved

    models.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    try:
        yield
    finally:
        models.DynamoDBBackend.transact_write_items = original  # type: ignore[method-assign]


def bulk_put(table_name: str, items: Iterable[Any]) -> int:
    """Write pynamodb model instances straight into moto's table; returns how many."""
    from moto.dynamodb.models import dynamo_type

    table = _backend().get_table(table_name)
    checked = dynamo_type.LimitedSizeDict.__setitem__
    dynamo_type.LimitedSizeDict.__setitem__ = dict.__setitem__  # type: ignore[method-assign,assignment]
    written = 0
    try:
        for item in items:
            table.put_item(item.serialize())
            written += 1
    finally:
        dynamo_type.LimitedSizeDict.__setitem__ = checked  # type: ignore[method-assign]
    return written
