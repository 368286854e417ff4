"""Section "inbox" (issue 20): the office inbox's pages with 200 and then 20,000 activity items,
through AdminInboxFunction's ``lambda_handler``: every filter's page must cost the same DynamoDB
calls and read the same items whatever the office's size. And the events' writes: an action's
activity item rides in the action's own TransactWrite (section "calls" counts those requests).

Items are made with ``recording.new`` (as the client actions make them), spread over 100 dossiers
and 100 clients, a quarter of them handled (every fourth: all of P0's, none of P1's), and
bulk-loaded into moto's table. Every page asked must list items, or its cost says nothing.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from benchmarks import budgets
from benchmarks.dataset import put_items
from benchmarks.inprocess import Handlers, Request, mocked_aws
from benchmarks.recorder import AwsCalls

SECTION = "inbox"
SIZES = (200, 20_000)
PAGE = "25"
QUERIES = {
    "everything": {}, "open": {"state": "open"}, "handled": {"state": "handled"},
    "one dossier": {"dossier": "D0"}, "one client, open": {"client": "P1", "state": "open"},
    "one kind": {"kind": "message_received"},
}


def _items(first: int, count: int) -> list[Any]:
    from portal.activity import recording
    from portal.activity.models import HANDLED, KINDS, partitions
    from portal.platform import clock

    made = []
    for n in range(first, first + count):
        party = f"P{n % 100}"
        item = recording.new(KINDS[n % len(KINDS)], SimpleNamespace(party_id=party, account_id=f"A{n % 100}"),
                             f"D{n % 100}", message_id=f"M{n}")
        if n % 4 == 0:
            item.handled_at, item.handled_by = clock.now().isoformat(), "benchmark"
            for name, value in partitions(item.dossier_id, party, HANDLED).items():
                setattr(item, name, value)
        made.append(item)
    return made


def run(log: Any = print) -> tuple[dict[str, Any], list[budgets.Check]]:
    handlers = Handlers()
    handlers.warm("AdminInboxFunction")
    phases: list[dict[str, Any]] = []
    with mocked_aws():
        total = 0
        for size in SIZES:
            put_items(_items(total, size - total))
            total = size
            pages: dict[str, Any] = {}
            for name, query in QUERIES.items():
                with AwsCalls() as recording:
                    status, body = handlers.call("AdminInboxFunction", Request(
                        "GET", "/admin/inbox", query={"limit": PAGE, **query}))
                pages[name] = {**recording.summary(), "status": status, "items": len((body or {}).get("items", []))}
            phases.append({"items": size, "pages": pages})
            log(f"  inbox: {size:,} items: " + ", ".join(f"{n} {p['dynamodb']} calls" for n, p in pages.items()))
    return {"phases": phases}, checks(phases)


def checks(phases: list[dict[str, Any]]) -> list[budgets.Check]:
    small, large = phases
    found = []
    for name in QUERIES:
        a, b = small["pages"][name], large["pages"][name]
        compared = f"{small['items']:,} vs {large['items']:,} activity items"
        found.append(budgets.equal(SECTION, f"inbox page ({name}): DynamoDB calls", a["dynamodb"], b["dynamodb"],
                                   compared_with=compared, cause=f"{a['dynamodb_operations']} vs {b['dynamodb_operations']}"))
        # Not equal: a filter matching fewer items than a page on the small set reads only those.
        found.append(budgets.at_most(SECTION, f"inbox page ({name}): items read at 20,000", b["items_read"],
                                     2 * int(PAGE), compared_with="a page (25) per state asked",
                                     cause="a page reads more with more items"))
        found.append(budgets.at_most(SECTION, f"inbox page ({name}): DynamoDB calls at 20,000", b["dynamodb"], 2,
                                     compared_with="one Query per state asked"))
        answered = a["status"] == b["status"] == 200 and a["items"] > 0 and b["items"] > 0
        found.append(budgets.holds(SECTION, f"inbox page ({name}): answered with items", answered,
                                   measured=f"{a['status']} / {b['status']}, {a['items']} / {b['items']} items",
                                   limit="200, at least one item", compared_with="-",
                                   cause="the request failed or the benchmark's data matches nothing"))
    return found
