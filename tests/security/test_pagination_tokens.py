"""Crafted ``next_token`` values over HTTP against the local stack (issue 14, finding 6).

A token is a position the portal issued; whatever else comes back in its place (another shape,
wrong types, a key of another partition or index, a value DynamoDB itself would reject) answers
422 ``next_token_invalid`` on every client list, never a 500, and never a page of someone else's
data. A well-formed position inside the caller's own list still pages on.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
import requests

from tests.security.http_world import World, build_world


@pytest.fixture(scope="module")
def world(stack) -> World:
    return build_world(stack, name="Token Klant")


def token(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


def s(text: str) -> dict[str, str]:
    return {"S": text}


def own_keys(world: World) -> dict[str, dict[str, Any]]:
    """A well-formed position inside each list's own partition (the client is a person: party = account)."""
    party, dossier = world.account["id"], world.dossier
    return {
        "items": {"pk": s(f"DOSSIER#{dossier}"), "sk": s(f"VIEW#{party}#documents#0")},
        "messages": {"pk": s(f"DOSSIER#{dossier}"), "sk": s(f"MSG#{party}#0")},
        "actions": {"gsi2pk": s(f"ACTIONS#{party}"), "gsi2sk": s("0"), "pk": s("QUESTIONNAIRE#x"), "sk": s("META")},
    }


def path(world: World, endpoint: str) -> tuple[str, dict[str, str]]:
    if endpoint == "items":
        return f"/api/dossiers/{world.dossier}/items", {"tab": "documents"}
    if endpoint == "messages":
        return f"/api/dossiers/{world.dossier}/messages", {}
    return "/api/actions", {}


def listed(world: World, endpoint: str, next_token: str) -> requests.Response:
    address, query = path(world, endpoint)
    return world.client.get(address, params={**query, "next_token": next_token})


def hostile(own: dict[str, Any]) -> dict[str, str]:
    """Every shape that is not a position the list issued, built from the list's own key."""
    partition, sort = ("gsi2pk", "gsi2sk") if "gsi2pk" in own else ("pk", "sk")
    elsewhere = {**own, partition: s("ACCOUNT#someone-else")}
    return {
        "a key without its type": token({"pk": "x"}),
        "a list": token([own]),
        "a string": token("DOSSIER#x"),
        "null": token(None),
        "a number for a string": token({**own, sort: {"S": 1}}),
        "a number attribute": token({**own, sort: {"N": "1"}}),
        "two types at once": token({**own, sort: {"S": "a", "N": "1"}}),
        "an empty value": token({**own, sort: s("")}),
        "a key too long for DynamoDB": token({**own, sort: s(own[sort]["S"] + "x" * 1100)}),
        "a lone surrogate": base64.urlsafe_b64encode(
            json.dumps({**own, sort: s("\ud800")}).encode("utf-8", "surrogatepass")).decode(),
        "a missing key": token({k: v for k, v in own.items() if k != sort}),
        "an extra key": token({**own, "gsi1pk": s("MESSAGES#x")}),
        "another partition": token(elsewhere),
        "another index's key": token({"gsi1pk": s("MESSAGES#x"), "gsi1sk": s("x"), "pk": s("x"), "sk": s("x")})
        if partition == "pk" else token({"pk": own["pk"], "sk": own["sk"]}),
        "not base64": "%%%not-base64%%%",
        "base64 of no JSON": base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        "deeply nested": token(json.loads("[" * 600 + "]" * 600)),
    }


ENDPOINTS = ("items", "messages", "actions")
SHAPES = list(hostile({"pk": s("P"), "sk": s("S")}))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_crafted_next_token_answers_422_next_token_invalid(world: World, endpoint: str, shape: str) -> None:
    crafted = hostile(own_keys(world)[endpoint])[shape]
    answer = listed(world, endpoint, crafted)
    assert (answer.status_code, answer.json().get("code")) == (422, "next_token_invalid"), answer.text[:300]
    assert answer.json().get("message")  # translated, like every problem


def test_a_token_of_the_sort_key_outside_the_callers_own_list_is_refused(world: World) -> None:
    """Same dossier, another party's thread or another tab: not a position this caller was given."""
    party = world.account["id"]
    for endpoint, sort in (("items", "VIEW#other-party#documents#0"), ("items", f"VIEW#{party}#messages#0"),
                           ("messages", "MSG#other-party#0")):
        crafted = token({"pk": s(f"DOSSIER#{world.dossier}"), "sk": s(sort)})
        answer = listed(world, endpoint, crafted)
        assert (answer.status_code, answer.json().get("code")) == (422, "next_token_invalid"), (endpoint, sort)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_token_longer_than_any_we_issue_is_refused_by_the_query_check(world: World, endpoint: str) -> None:
    answer = listed(world, endpoint, "A" * 10_000)
    assert (answer.status_code, answer.json().get("code")) == (422, "validation_failed"), answer.text[:300]
    assert answer.json()["fields"] == [{"field": "next_token", "type": "string_too_long"}]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_well_formed_position_in_the_callers_own_list_pages_on(world: World, endpoint: str) -> None:
    answer = listed(world, endpoint, token(own_keys(world)[endpoint]))
    assert answer.status_code == 200, answer.text[:300]
    assert isinstance(answer.json()["items"], list)
