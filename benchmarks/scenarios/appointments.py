"""Scenarios of the signing appointment: Home's list, the dossier's appointment, its .ics."""

from __future__ import annotations

from benchmarks.dataset import World
from benchmarks.inprocess import Request
from benchmarks.scenarios import scenario

ONE = "/api/dossiers/{dossier_id}/appointment"


def _scheduled(world: World) -> None:
    """The person's dossier has an appointment (set once; the same time again changes nothing)."""
    if not world.state.get("appointment"):
        from portal.appointments import scheduling

        scheduling.schedule(world.dossier_id, starts_at="2035-03-12T10:30", address="Stationsplein 1, Utrecht",
                            actor="benchmark", source_ip="127.0.0.1")
        world.state["appointment"] = True


@scenario("GET", "/api/appointments")
def upcoming(world: World) -> Request:
    _scheduled(world)
    return Request("GET", "/api/appointments", headers=world.headers(world.person))


@scenario("GET", "/api/home")
def home(world: World) -> Request:
    """Home beside Me: the appointments to come and the payment instructions, one request."""
    _scheduled(world)
    return Request("GET", "/api/home", headers=world.headers(world.person))


@scenario("GET", ONE)
def show(world: World) -> Request:
    _scheduled(world)
    return Request("GET", ONE, {"dossier_id": world.dossier_id}, headers=world.headers(world.person))


@scenario("GET", ONE + "/ics")
def calendar(world: World) -> Request:
    _scheduled(world)
    return Request("GET", ONE + "/ics", {"dossier_id": world.dossier_id}, headers=world.headers(world.person))
