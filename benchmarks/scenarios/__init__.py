"""One scenario per client API endpoint: how to make a request that succeeds, on either data set.

A scenario's ``prepare`` runs before every request it measures, outside the measurement: it makes
what the request consumes (a fresh link, a pending login, an upload, a new session for an endpoint
that ends it) through the domain functions, so the measured request is the same each time.

Every ClientApi route in template.yaml must have a scenario: :func:`coverage` names the routes
that have none (and scenarios whose route is gone), and ``python -m benchmarks`` stops on them.
A new endpoint gets its scenario in the module of its feature.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from benchmarks.dataset import World
from benchmarks.inprocess import Request

Prepare = Callable[[World], Request]


@dataclass(frozen=True)
class Scenario:
    method: str
    path: str  # the template's path of the route
    prepare: Prepare
    variant: str = ""  # a second scenario for the same route, e.g. "with an attachment"
    latency: bool = True  # measured for latency too (False only for a variant of a measured route)
    heavy: int = 0  # known to be slow (argon2, the PDF): measured first among the writes, heaviest first
    grows: bool = False  # a read whose preparation adds items: measured after the other reads

    @property
    def route(self) -> tuple[str, str]:
        return self.method, self.path

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}" + (f" ({self.variant})" if self.variant else "")

    @property
    def is_read(self) -> bool:
        return self.method == "GET"


SCENARIOS: list[Scenario] = []


def scenario(method: str, path: str, *, variant: str = "", latency: bool = True, heavy: int = 0,
             grows: bool = False) -> Callable[[Prepare], Prepare]:
    def register(prepare: Prepare) -> Prepare:
        SCENARIOS.append(Scenario(method, path, prepare, variant, latency, heavy, grows))
        return prepare

    return register


def coverage(routes: Iterable[tuple[str, str]], scenarios: Iterable[Scenario]) -> tuple[list[str], list[str]]:
    """(routes without a scenario, scenarios without a route), as "METHOD /path" strings."""
    wanted = {(m.upper(), p) for m, p in routes}
    have = {s.route for s in scenarios}
    return sorted(f"{m} {p}" for m, p in wanted - have), sorted(f"{m} {p}" for m, p in have - wanted)


def client_routes() -> dict[tuple[str, str], str]:
    """Every ClientApi route in template.yaml -> the logical id of the function serving it."""
    from portal_local.template import routes

    return {(r.method, r.path): r.function for r in routes() if r.api == "ClientApi"}


def all_scenarios() -> list[Scenario]:
    """Import every feature's scenarios (registration happens at import)."""
    from benchmarks.scenarios import (  # noqa: F401
        accounts,
        appointments,
        approvals,
        dossiers,
        messages,
        passkeys,
        payments,
        platform,
        questionnaires,
    )

    return list(SCENARIOS)


__all__ = ["Scenario", "SCENARIOS", "scenario", "coverage", "client_routes", "all_scenarios", "Request", "World"]
