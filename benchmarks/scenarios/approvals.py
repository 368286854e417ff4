"""Scenarios of the draft-deed approval: the approval's state, Akkoord, Vraag stellen."""

from __future__ import annotations

import uuid

from benchmarks.dataset import World
from benchmarks.inprocess import Request
from benchmarks.scenarios import scenario

ONE = "/api/dossiers/{dossier_id}/approval"


def _requested(world: World) -> dict:
    """A fresh version up for the person's approval (each Akkoord needs one still waiting)."""
    from portal.approvals import requesting

    asked = requesting.request(world.dossier_id, document_id=world.document_id, parties=[world.person.id],
                               actor="benchmark", source_ip="127.0.0.1")
    world.state["approval"] = asked
    return asked


@scenario("GET", ONE)
def show(world: World) -> Request:
    if "approval" not in world.state:
        _requested(world)
    return Request("GET", ONE, {"dossier_id": world.dossier_id}, headers=world.headers(world.person))


@scenario("POST", ONE + "/approve")
def approve(world: World) -> Request:
    asked = _requested(world)
    return Request("POST", ONE + "/approve", {"dossier_id": world.dossier_id}, headers=world.headers(world.person),
                   body={"version_id": asked["version_id"], "sha256": asked["sha256"], "confirmed": True})


@scenario("POST", ONE + "/question")
def question(world: World) -> Request:
    asked = world.state.get("approval") or _requested(world)
    return Request("POST", ONE + "/question", {"dossier_id": world.dossier_id}, headers=world.headers(world.person),
                   body={"version_id": asked["version_id"], "body": "Klopt de datum van levering?",
                         "idempotency_key": uuid.uuid4().hex}, expect=201)
