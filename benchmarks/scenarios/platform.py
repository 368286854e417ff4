"""Scenarios of the endpoints without a session: health, the site's details, the OpenAPI document."""

from __future__ import annotations

from benchmarks.dataset import World, site_headers
from benchmarks.inprocess import Request
from benchmarks.scenarios import scenario


@scenario("GET", "/api/health")
def health(world: World) -> Request:
    return Request("GET", "/api/health")


@scenario("GET", "/api/site")
def site(world: World) -> Request:
    return Request("GET", "/api/site", headers=site_headers())


@scenario("GET", "/api/openapi.json")
def openapi(world: World) -> Request:
    return Request("GET", "/api/openapi.json")
