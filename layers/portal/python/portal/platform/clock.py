"""One injectable clock: all domain code asks it for the time, so tests can move time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

_now: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731


def now() -> datetime:
    return _now()


def epoch() -> int:
    return int(_now().timestamp())


def set_clock(func: Callable[[], datetime]) -> None:
    global _now
    _now = func


def reset_clock() -> None:
    set_clock(lambda: datetime.now(UTC))
