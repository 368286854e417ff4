"""Home, the list and the dossier page cost the same number of DynamoDB calls for 5 dossiers as for
40 dossiers with 60 documents (more than a page of each): at most 3 per request, the session check
included (a download's write, marking the item read, is one TransactWriteItems).

The same at scale (500 dossiers, 5,000 documents, 20,000 messages) is measured by ``make bench``
(benchmarks/calls.py, every endpoint on the small and the large data set); this test keeps the
correctness check in the suite at a size that costs a second, not half a minute."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import botocore.client
from portal.dossiers.access import view_of
from portal.dossiers.models import Document, DocumentView, Grant, dossier_key, item_sk
from portal.dossiers.registry import new_grant
from portal.dossiers.statuses import DEFAULTS

from tests.support.clients import active_account, call, new_dossier, publish_file, session_headers
from tests.unit.conftest import load_handler

MEASURED: dict[str, dict[str, int]] = {}


@contextmanager
def dynamodb_calls() -> Iterator[list[str]]:
    """Every DynamoDB API call, from boto3 clients and pynamodb's own botocore client alike."""
    calls: list[str] = []
    original = botocore.client.BaseClient._make_api_call

    def counting(self, operation_name, api_params):
        if self.meta.service_model.service_name == "dynamodb":
            calls.append(operation_name)
        return original(self, operation_name, api_params)

    botocore.client.BaseClient._make_api_call = counting
    try:
        yield calls
    finally:
        botocore.client.BaseClient._make_api_call = original


def bulk(account, dossier: dict, dossiers: int, documents: int) -> None:
    """Many more dossiers and documents for the same party, written in bulk: only their number matters."""
    from portal.dossiers.registry import load

    meta = load(dossier["id"])
    with Grant.batch_write() as batch:
        for n in range(dossiers):
            meta.id, meta.number = f"01JB{n:022d}", f"2024.{n:04d}"
            batch.save(new_grant(meta, account.party_id, DEFAULTS[0], {"documents": 1}))
    template = Document.get(dossier_key(dossier["id"]), item_sk("documents", dossier["first_item"]))
    with DocumentView.batch_write() as batch:
        for n in range(documents):
            template.id = f"01JD{n:022d}"
            batch.save(view_of(template, account.party_id))


def measure(size: str, dossiers: int, documents: int) -> dict[str, int]:
    jan = active_account()
    dossier = new_dossier(jan)
    dossier["first_item"] = publish_file(dossier["id"])["id"]
    for _ in range(3):
        new_dossier(jan)
    bulk(jan, dossier, dossiers - 4, documents - 1)
    headers = session_headers(jan)  # the session exists before we count: a signed-in browser
    apis = {name: load_handler(f"client/{name}") for name in ("me", "dossiers", "dossier_downloads")}
    requests = {
        "GET /api/me": (apis["me"], "/api/me", None),
        "GET /api/dossiers": (apis["dossiers"], "/api/dossiers", None),
        "GET /api/dossiers?q=": (apis["dossiers"], "/api/dossiers", {"q": "dorpsstraat"}),
        "GET /api/dossiers/{id}": (apis["dossiers"], f"/api/dossiers/{dossier['id']}", None),
        "GET /api/dossiers/{id}?tab=documents": (apis["dossiers"], f"/api/dossiers/{dossier['id']}", {"tab": "documents"}),
        "GET /api/dossiers/{id}?tab=messages": (apis["dossiers"], f"/api/dossiers/{dossier['id']}", {"tab": "messages"}),
        "GET /api/dossiers/{id}/items": (apis["dossiers"], f"/api/dossiers/{dossier['id']}/items", {"tab": "documents"}),
    }
    counted = {}
    for name, (api, path, query) in requests.items():
        with dynamodb_calls() as calls:
            status, body = call(api, "GET", path, headers, query=query)
        assert status == 200, body
        counted[name] = len(calls)
    download = f"/api/dossiers/{dossier['id']}/items/{dossier['first_item']}/download"
    with dynamodb_calls() as calls:
        status, body = call(apis["dossier_downloads"], "POST", download, headers)
    assert status == 200, body
    counted["POST .../download"] = len(calls)
    status, body = call(apis["dossiers"], "GET", "/api/dossiers", headers)
    assert body["total"] == dossiers and len(body["items"]) == min(25, dossiers)
    status, body = call(apis["dossiers"], "GET", f"/api/dossiers/{dossier['id']}/items", headers, query={"tab": "documents"})
    assert len(body["items"]) == min(25, documents)
    MEASURED[size] = counted
    return counted


def test_dynamodb_calls_per_request_do_not_grow_with_dossiers_and_documents(aws, fake_clock) -> None:
    small = measure("small", dossiers=5, documents=5)
    large = measure("large", dossiers=40, documents=60)  # past the first page (25) of both lists
    print(f"\nDynamoDB calls per request (5 dossiers / 5 documents vs 40 / 60): {small} vs {large}")
    assert small == large
    assert all(count <= 3 for count in large.values()), large
