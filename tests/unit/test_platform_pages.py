"""next_token validation without AWS: only a position of the list's own partition passes."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from portal.platform import pages
from portal.platform.errors import Invalid


def token(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


THREAD = {"pk": {"S": "DOSSIER#d1"}, "sk": {"S": "MSG#p1#01J"}}
ACTIONS = {"gsi2pk": {"S": "ACTIONS#p1"}, "gsi2sk": {"S": "2026-12-31"}, "pk": {"S": "Q#1"}, "sk": {"S": "META"}}


def test_a_position_we_issued_comes_back_as_the_same_key() -> None:
    assert pages.table_start(pages.encode(THREAD), partition="DOSSIER#d1", sort_prefix="MSG#p1#") == THREAD
    assert pages.index_start(pages.encode(ACTIONS), index="gsi2", partition="ACTIONS#p1") == ACTIONS
    assert pages.table_start(None, partition="DOSSIER#d1") is None
    assert pages.table_start("", partition="DOSSIER#d1") is None


@pytest.mark.parametrize("value", [
    {"pk": "x"}, [THREAD], "DOSSIER#d1", None, 7,
    {**THREAD, "sk": {"S": 1}}, {**THREAD, "sk": {"N": "1"}}, {**THREAD, "sk": {"S": "MSG#p1#", "N": "1"}},
    {**THREAD, "sk": {"S": ""}}, {**THREAD, "sk": {"S": "MSG#p1#" + "x" * 1100}},
    {"pk": THREAD["pk"]}, {**THREAD, "gsi1pk": {"S": "MESSAGES#d1"}},
    {**THREAD, "pk": {"S": "DOSSIER#d2"}}, {**THREAD, "sk": {"S": "MSG#p2#01J"}},
])
def test_any_other_shape_is_next_token_invalid(value: Any) -> None:
    with pytest.raises(Invalid) as raised:
        pages.table_start(token(value), partition="DOSSIER#d1", sort_prefix="MSG#p1#")
    assert raised.value.code == "next_token_invalid"


@pytest.mark.parametrize("value", [
    THREAD, {**ACTIONS, "gsi2pk": {"S": "ACTIONS#p2"}}, {**ACTIONS, "pk": {"S": ""}},
    {k: v for k, v in ACTIONS.items() if k != "pk"},
])
def test_an_index_token_needs_the_index_key_of_its_own_partition_and_the_table_key(value: Any) -> None:
    with pytest.raises(Invalid):
        pages.index_start(token(value), index="gsi2", partition="ACTIONS#p1")


@pytest.mark.parametrize("raw", [
    "%%%", base64.urlsafe_b64encode(b"\xff\xfe").decode(), "A" * 5000,
    base64.urlsafe_b64encode(("[" * 1500 + "]" * 1500).encode()).decode(),  # past json's recursion limit
    base64.urlsafe_b64encode(json.dumps({**THREAD, "sk": {"S": "MSG#p1#\ud800"}}).encode()).decode(),
    "ü",
])
def test_undecodable_tokens_are_next_token_invalid(raw: str) -> None:
    with pytest.raises(Invalid):
        pages.table_start(raw, partition="DOSSIER#d1", sort_prefix="MSG#p1#")


def test_the_tokens_dynamodb_gives_on_an_index_page_through_the_whole_list(aws, fake_clock, monkeypatch) -> None:
    """Real LastEvaluatedKeys of a GSI query (table and index keys) pass the validation, page after page."""
    from portal.accounts import staff

    monkeypatch.setattr(staff, "PAGE_SIZE", 2)
    for n in range(5):
        staff.create_client(name=f"Klant {n}", email=f"klant{n}@example.nl", actor="staff-test", source_ip="192.0.2.1")
    seen, token, pages_read = [], None, 0
    while True:
        page = staff.list_clients(token)
        seen += [a["email"] for a in page["items"]]
        pages_read += 1
        token = page["next_token"]
        if token is None:
            break
        assert set(pages.decode(token)) == {"pk", "sk", "gsi2pk", "gsi2sk"}
    assert sorted(seen) == [f"klant{n}@example.nl" for n in range(5)] and pages_read >= 3
