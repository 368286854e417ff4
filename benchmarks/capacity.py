"""DynamoDB request units, computed the way on-demand billing counts them.

Reads: 4 KB per unit, strongly consistent 1, eventually consistent 0.5 (a GSI query is always
eventually consistent), transactional 2; GetItem and BatchGetItem round up per item (an item that
is not found still costs one unit's worth), Query and Scan round up the sum of the page. Writes:
1 KB per unit of the larger of the item before and after, transactional writes twice that.

Pure: sizes in, units out. Item sizes follow DynamoDB's rule (attribute name bytes plus value
bytes), from DynamoDB-JSON items.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

READ_UNIT = 4096
WRITE_UNIT = 1024


def value_size(value: dict[str, Any]) -> int:
    (kind, raw), = value.items()
    if kind == "S":
        return len(raw.encode("utf-8"))
    if kind == "N":
        digits = raw.lstrip("-").replace(".", "").lstrip("0") or "0"
        return (len(digits) + 1) // 2 + 1
    if kind == "B":
        return len(raw)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(len(s.encode("utf-8")) for s in raw)
    if kind == "NS":
        return sum(value_size({"N": n}) for n in raw)
    if kind == "BS":
        return sum(len(b) for b in raw)
    if kind == "L":
        return 3 + sum(1 + value_size(v) for v in raw)
    if kind == "M":
        return 3 + sum(len(k.encode("utf-8")) + 1 + value_size(v) for k, v in raw.items())
    raise ValueError(f"unknown DynamoDB type {kind}")


def item_size(item: dict[str, Any] | None) -> int:
    if not item:
        return 0
    return sum(len(name.encode("utf-8")) + value_size(value) for name, value in item.items())


def read_units_per_item(sizes: Iterable[int], *, consistent: bool, transactional: bool = False) -> float:
    """GetItem / BatchGetItem / TransactGetItems: each item rounded up on its own (missing: size 0)."""
    factor = 2.0 if transactional else 1.0 if consistent else 0.5
    return sum(max(1, math.ceil(size / READ_UNIT)) * factor for size in sizes)


def read_units_for_page(total_size: int, *, consistent: bool) -> float:
    """Query / Scan: the page's items summed, then rounded up (an empty page still costs a unit)."""
    return max(1, math.ceil(total_size / READ_UNIT)) * (1.0 if consistent else 0.5)


def write_units(before: int, after: int, *, transactional: bool = False) -> float:
    return max(1, math.ceil(max(before, after) / WRITE_UNIT)) * (2.0 if transactional else 1.0)
