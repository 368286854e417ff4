"""Demo data for ``make run``: each feature adds its part to :data:`SEEDERS`."""

from __future__ import annotations

from collections.abc import Callable

# Each seeder creates its demo data through the domain functions and returns printable logins.
SEEDERS: list[Callable[[], list[str]]] = []


def seed() -> list[str]:
    logins: list[str] = []
    for seeder in SEEDERS:
        logins.extend(seeder())
    return logins
