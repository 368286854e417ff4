"""Scenarios of the dossier endpoints: the list, a dossier page, a tab's items, a download."""

from __future__ import annotations

from benchmarks.dataset import World
from benchmarks.inprocess import Request
from benchmarks.scenarios import scenario


@scenario("GET", "/api/dossiers")
def dossier_list(world: World) -> Request:
    return Request("GET", "/api/dossiers", headers=world.headers(world.person))


@scenario("GET", "/api/dossiers", variant="search", latency=False)
def dossier_search(world: World) -> Request:
    return Request("GET", "/api/dossiers", headers=world.headers(world.person), query={"q": "dorpsstraat"})


@scenario("GET", "/api/dossiers/{dossier_id}")
def dossier_page(world: World) -> Request:
    # As the dossier page asks for it: with the open tab's first page (here the largest tab).
    return Request("GET", "/api/dossiers/{dossier_id}", {"dossier_id": world.dossier_id},
                   headers=world.headers(world.person), query={"tab": "documents"})


@scenario("GET", "/api/dossiers/{dossier_id}", variant="Berichten open", latency=False)
def dossier_page_messages(world: World) -> Request:
    return Request("GET", "/api/dossiers/{dossier_id}", {"dossier_id": world.dossier_id},
                   headers=world.headers(world.person), query={"tab": "messages"})


@scenario("GET", "/api/dossiers/{dossier_id}/items")
def tab_items(world: World) -> Request:
    return Request("GET", "/api/dossiers/{dossier_id}/items", {"dossier_id": world.dossier_id},
                   headers=world.headers(world.person), query={"tab": "documents"})


@scenario("POST", "/api/dossiers/{dossier_id}/items/{item_id}/download")
def download(world: World) -> Request:
    # The first download also marks the item read: the same one TransactWriteItems, a bigger one.
    return Request("POST", "/api/dossiers/{dossier_id}/items/{item_id}/download",
                   {"dossier_id": world.dossier_id, "item_id": world.document_id}, headers=world.headers(world.person))
