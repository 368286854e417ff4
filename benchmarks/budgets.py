"""Budgets and the arithmetic behind them: percentiles, ratios, pass or fail.

Pure: no AWS, no I/O, so the smoke test can check it in milliseconds. Every figure the benchmark
reports is a :class:`Check` or a row that names what it is compared with; both sides of a ratio
are measured in the same run.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Check:
    """One budget: what was measured, the limit, and against what."""

    section: str
    name: str
    measured: str
    limit: str
    compared_with: str
    passed: bool
    cause: str = ""  # when it fails: what in the product makes it so

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100), linear between the two nearest ranks."""
    if not values:
        raise ValueError("no values")
    if not 0 <= p <= 100:
        raise ValueError("p must be within 0..100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low, high = math.floor(position), math.ceil(position)
    if low == high:
        return float(ordered[low])
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def ratio(measured: float, baseline: float) -> float:
    """measured / baseline; a baseline of zero is a broken measurement, never a division by zero."""
    if baseline <= 0:
        raise ValueError(f"baseline must be positive, got {baseline}")
    return measured / baseline


def at_most(section: str, name: str, measured: float, limit: float, *, unit: str = "", compared_with: str,
            cause: str = "", digits: int = 2) -> Check:
    """A check that ``measured <= limit``."""
    shown = f"{measured:.{digits}f}{unit}" if isinstance(measured, float) else f"{measured}{unit}"
    passed = measured <= limit
    return Check(section, name, shown, f"<= {limit:g}{unit}", compared_with, passed, "" if passed else cause)


def below(section: str, name: str, measured: float, limit: float, *, unit: str = "", compared_with: str,
          cause: str = "") -> Check:
    """A check that ``measured < limit`` (strictly: "under 150 KB")."""
    passed = measured < limit
    return Check(section, name, f"{measured:g}{unit}", f"< {limit:g}{unit}", compared_with, passed,
                 "" if passed else cause)


def equal(section: str, name: str, left: Any, right: Any, *, compared_with: str, cause: str = "") -> Check:
    passed = left == right
    return Check(section, name, f"{left} vs {right}", "equal", compared_with, passed, "" if passed else cause)


def holds(section: str, name: str, passed: bool, *, measured: str, limit: str, compared_with: str,
          cause: str = "") -> Check:
    return Check(section, name, measured, limit, compared_with, passed, "" if passed else cause)


def failed(checks: Sequence[Check]) -> list[Check]:
    return [c for c in checks if not c.passed]


def kib(n_bytes: float) -> float:
    return round(n_bytes / 1024, 1)
