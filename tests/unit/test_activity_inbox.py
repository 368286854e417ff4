"""Issue 20: the office inbox through the admin API: newest first, filters, pages, handled, assigned."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from portal.activity import recording
from portal.activity.models import DOCUMENT_OPENED, FILE_SUPPLIED, MESSAGE_RECEIVED
from portal.audit.trail import history

from tests.unit.conftest import LambdaContext, api_event, load_handler
from tests.unit.test_dossiers_call_counts import dynamodb_calls

ALICE = "arn:aws:iam::123456789012:user/alice"


@pytest.fixture(scope="module")
def admin():
    return load_handler("admin/inbox")


def staff_call(module, method: str, path: str, *, query=None, body=None) -> tuple[int, dict]:
    event = api_event(method, path, query=query, body=json.dumps(body) if body is not None else None)
    event["requestContext"]["identity"] |= {"userArn": ALICE, "caller": ALICE}
    response = module.lambda_handler(event, LambdaContext())
    return response["statusCode"], json.loads(response["body"])


def record(kind: str, dossier: str = "D1", party: str = "P1", **refs: str) -> str:
    item = recording.new(kind, SimpleNamespace(party_id=party, account_id=f"A-{party}"), dossier, **refs)
    item.save()
    return item.id


def many(fake_clock, count: int, **where: str) -> list[str]:
    made = []
    for n in range(count):
        fake_clock.advance(seconds=1)
        made.append(record((MESSAGE_RECEIVED, FILE_SUPPLIED, DOCUMENT_OPENED)[n % 3], **where))
    return made


def test_the_inbox_lists_everything_newest_first_in_pages(aws, fake_clock, admin) -> None:
    made = many(fake_clock, 7)
    seen, token = [], None
    while True:
        status, page = staff_call(admin, "GET", "/admin/inbox", query={"limit": "3", **({"next_token": token} if token else {})})
        assert status == 200 and len(page["items"]) <= 3
        seen += [i["id"] for i in page["items"]]
        token = page["next_token"]
        if not token:
            break
    assert seen == list(reversed(made))


def test_filters_by_dossier_client_and_kind(aws, fake_clock, admin) -> None:
    mine = many(fake_clock, 3, dossier="D1", party="P1")
    theirs = many(fake_clock, 2, dossier="D2", party="P2")
    assert [i["id"] for i in staff_call(admin, "GET", "/admin/inbox", query={"dossier": "D2"})[1]["items"]] == theirs[::-1]
    assert [i["id"] for i in staff_call(admin, "GET", "/admin/inbox", query={"client": "P1"})[1]["items"]] == mine[::-1]
    files = staff_call(admin, "GET", "/admin/inbox", query={"kind": "file_supplied"})[1]["items"]
    assert [i["id"] for i in files] == [theirs[1], mine[1]]
    status, answer = staff_call(admin, "GET", "/admin/inbox", query={"dossier": "D1", "client": "P1"})
    assert (status, answer["code"]) == (422, "inbox_filter_conflict")
    assert staff_call(admin, "GET", "/admin/inbox", query={"kind": "gossip"})[0] == 422


def test_a_handled_item_leaves_the_open_list_and_is_audited(aws, fake_clock, admin) -> None:
    first, second = many(fake_clock, 2)
    status, handled = staff_call(admin, "POST", f"/admin/inbox/{first}/handled")
    assert status == 200 and (handled["state"], handled["handled_by"]) == ("handled", ALICE)
    assert [i["id"] for i in staff_call(admin, "GET", "/admin/inbox", query={"state": "open"})[1]["items"]] == [second]
    assert [i["id"] for i in staff_call(admin, "GET", "/admin/inbox", query={"state": "handled"})[1]["items"]] == [first]
    assert [i["id"] for i in staff_call(admin, "GET", "/admin/inbox", query={"dossier": "D1", "state": "open"})[1]["items"]] == [second]
    assert [i["id"] for i in staff_call(admin, "GET", "/admin/inbox")[1]["items"]] == [second, first]
    status, again = staff_call(admin, "POST", f"/admin/inbox/{first}/handled")
    assert (status, again["code"]) == (409, "inbox_item_already_handled")
    assert [(e["action"], e["actor"]) for e in history("D1")] == [("inbox_item_handled", ALICE)]


def test_an_item_is_assigned_to_a_staff_identity_and_audited(aws, fake_clock, admin) -> None:
    (item,) = many(fake_clock, 1)
    status, assigned = staff_call(admin, "PUT", f"/admin/inbox/{item}/assignee", body={"staff": "bob"})
    assert status == 200 and assigned["assigned_to"] == "bob" and assigned["state"] == "open"
    assert history("D1")[0]["detail"] == {"item": item, "assigned_to": "bob"}
    assert staff_call(admin, "PUT", "/admin/inbox/01ARZ3NDEKTSV4RRFFQ69G5FAV/assignee", body={"staff": "bob"})[0] == 404
    assert staff_call(admin, "POST", "/admin/inbox/not-an-id/handled")[0] == 404


def test_a_forged_cursor_is_refused(aws, fake_clock, admin) -> None:
    for token in ("eyJwayI6IHsiUyI6ICJYIn19", "not base64!", "eyJiZWZvcmUiOiAxfQ=="):
        status, answer = staff_call(admin, "GET", "/admin/inbox", query={"next_token": token})
        assert (status, answer["code"]) == (422, "next_token_invalid")


@pytest.mark.parametrize("query", [{}, {"state": "open"}, {"dossier": "D1"}, {"client": "P1", "state": "handled"},
                                   {"kind": "document_opened"}])
def test_a_page_costs_the_same_calls_with_few_or_many_items(aws, fake_clock, admin, query) -> None:
    costs = []
    for count in (6, 60):
        many(fake_clock, count if not costs else count - 6)
        with dynamodb_calls() as calls:
            status, page = staff_call(admin, "GET", "/admin/inbox", query={"limit": "5", **query})
        assert status == 200
        costs.append(calls)
    assert costs[0] == costs[1] and len(costs[0]) <= 2
