"""DynamoDB transactions in the embedded moto: undo only what a cancelled transaction touched.

moto keeps a transaction's all-or-nothing promise by deep-copying every table it names before
writing, and by putting the copies in place of the tables when it is cancelled. Both hurt a local
stack that runs for a whole test suite:

- the copy costs ~150 µs per item already in the table, for every TransactWriteItems: with the
  thousands of items a suite leaves, a client's message (several transactions) took seconds and
  browser tests timed out waiting for "Your message has been sent.";
- a cancelled transaction (a lost race, a rate limit, an idempotent replay: everyday paths) swaps
  the table object, and with it the stream's shard: the stream pump's iterators kept reading the
  old shard, and /_dev/events missed every event after it.

:func:`install` keeps moto's transaction code (its checks, errors and order of writes) and changes
only the undo: before the transaction, a copy of each item it names and the stream's length; when
cancelled, those items are put back, the records it added to the stream are dropped, and the table
stays the same object. DynamoDB itself is unaffected: this module is never in the Lambda layer.
"""

from __future__ import annotations

import copy
import threading
import types
from functools import wraps
from typing import Any

# Held by a transaction from its snapshot to its undo, and by the stream pump while it drops read
# records from a shard (activity_events), so neither moves the shard under the other.
lock = threading.RLock()


def _keeps_tables(value: Any, memo: Any = None) -> Any:
    """``copy.deepcopy`` for moto's transaction code: a table is not copied (undo is done here)."""
    from moto.dynamodb.models.table import Table

    return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _touched(backend: Any, transact_items: list[dict[str, Any]]) -> list[tuple[Any, Any, Any]]:
    """(table, hash key, range key) of each item the transaction names, as moto resolves them."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    touched = []
    for entry in transact_items:
        if len(entry) != 1:
            continue  # moto refuses it before writing anything
        kind, op = next(iter(entry.items()))
        table = backend.tables.get(op.get("TableName")) if isinstance(op, dict) else None
        key = op.get("Item" if kind == "Put" else "Key") if table is not None else None
        if table is None or not isinstance(key, dict) or table.hash_key_attr not in key:
            continue
        range_key = key.get(table.range_key_attr) if table.range_key_attr else None
        touched.append((table, DynamoType(key[table.hash_key_attr]),
                        DynamoType(range_key) if range_key is not None else None))
    return touched


def _read(table: Any, hash_key: Any, range_key: Any) -> Any:
    items = table.items.get(hash_key)
    if items is None:
        return None
    return items.get(range_key) if range_key is not None else items


def _put_back(table: Any, hash_key: Any, range_key: Any, item: Any) -> None:
    if range_key is None:
        if item is None:
            table.items.pop(hash_key, None)
        else:
            table.items[hash_key] = item
    elif item is None:
        table.items.get(hash_key, {}).pop(range_key, None)
    else:
        table.items[hash_key][range_key] = item


def install() -> None:
    import moto.dynamodb.models as models
    from moto.dynamodb.models import DynamoDBBackend

    original = DynamoDBBackend.transact_write_items
    if getattr(original, "_portal_undo", False):
        return
    # moto's module-level ``copy`` serves only this transaction code and update_item's copy of one
    # item; the replacement copies everything but tables, as before.
    models.copy = types.SimpleNamespace(deepcopy=_keeps_tables)  # type: ignore[attr-defined]

    @wraps(original)
    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        with lock:
            touched = _touched(self, transact_items)
            before = [(t, h, r, copy.deepcopy(_read(t, h, r))) for t, h, r in touched]
            shards = {id(t.stream_shard): t.stream_shard for t, _, _ in touched if t.stream_shard is not None}
            ends = {key: shard.starting_sequence_number + len(shard.items) for key, shard in shards.items()}
            try:
                return original(self, transact_items)
            except Exception:
                for table, hash_key, range_key, item in reversed(before):
                    _put_back(table, hash_key, range_key, item)
                for key, shard in shards.items():
                    del shard.items[max(ends[key] - shard.starting_sequence_number, 0):]
                raise

    transact_write_items._portal_undo = True  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
