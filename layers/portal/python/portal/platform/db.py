"""The pynamodb model base: every model shares the one table named in settings.

Keys are plain strings built by the domain (``ACCOUNT#id`` / ``META``); the key scheme is listed in
docs/architecture.md. GSIs: ``gsi1`` (second lookups: e-mail, owner) and ``gsi2`` (sparse: work
waiting for a job, and staff listings).
"""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from portal.platform.aws import client
from portal.platform.settings import get_settings


class _FromSettings(type):
    """Table, region and endpoint read from settings when pynamodb connects (the first request),
    not at import: importing a model needs no environment."""

    @property
    def table_name(cls) -> str:
        return get_settings().table_name

    @property
    def region(cls) -> str:
        return get_settings().aws_region

    @property
    def host(cls) -> str | None:
        return get_settings().aws_endpoint_url


class Gsi1(GlobalSecondaryIndex[Any]):
    class Meta:
        index_name = "gsi1"
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class Gsi2(GlobalSecondaryIndex[Any]):
    class Meta:
        index_name = "gsi2"
        projection = AllProjection()

    gsi2pk = UnicodeAttribute(hash_key=True)
    gsi2sk = UnicodeAttribute(range_key=True)


class Gsi3(GlobalSecondaryIndex[Any]):
    class Meta:
        index_name = "gsi3"
        projection = AllProjection()

    gsi3pk = UnicodeAttribute(hash_key=True)
    gsi3sk = UnicodeAttribute(range_key=True)


class PortalModel(Model):
    """Base of all items: a partition key and a sort key, both strings."""

    class Meta:
        # Placeholders: pynamodb reads region and host once, as it creates this class; the Meta
        # that replaces this one below reads them from settings at each connection.
        region = None
        host = None
        max_retry_attempts = 3

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


# pynamodb filled in its defaults (timeouts, pool size) on the placeholder; the subclass keeps them.
PortalModel.Meta = _FromSettings("Meta", (PortalModel.Meta,), {})  # type: ignore[misc]


def table_client() -> Any:
    """The low-level client, for the few operations pynamodb does not express (batch gets)."""
    return client("dynamodb")


class ReadIncomplete(RuntimeError):
    """DynamoDB left keys of a BatchGetItem unprocessed (throttling) after every retry."""


BATCH_GET_ATTEMPTS = 5


def batch_get(keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The items at these keys (at most 100), raw, in one strongly consistent BatchGetItem.

    Under throttling DynamoDB answers with some keys unprocessed instead of an error; those are
    asked again with a short backoff. A key still unprocessed after that raises: a key that could
    not be read must never pass for one that does not exist (a logout, a 404, a refusal).
    """
    table = get_settings().table_name
    wanted = [{"pk": {"S": pk}, "sk": {"S": sk}} for pk, sk in dict.fromkeys(keys)]
    found: list[dict[str, Any]] = []
    for attempt in range(BATCH_GET_ATTEMPTS):
        if attempt:
            time.sleep(min(0.05 * 2**attempt, 0.5))
        response = table_client().batch_get_item(RequestItems={table: {"Keys": wanted, "ConsistentRead": True}})
        found += response["Responses"].get(table, [])
        wanted = response.get("UnprocessedKeys", {}).get(table, {}).get("Keys", [])
        if not wanted:
            return found
    raise ReadIncomplete(f"{len(wanted)} keys unprocessed after {BATCH_GET_ATTEMPTS} attempts")


@lru_cache(maxsize=1)
def _connection() -> Any:
    # Its own connection: asking the base model for one would cache an index-less schema that
    # every model class would then inherit.
    from pynamodb.connection import Connection

    settings = get_settings()
    return Connection(region=settings.aws_region, host=settings.aws_endpoint_url, max_retry_attempts=3)


def transaction(client_request_token: str | None = None) -> Any:
    """A pynamodb TransactWrite on the portal table's connection: all of it is written, or none."""
    from pynamodb.transactions import TransactWrite  # lazy: cold start, only writers need it

    connection = _connection()
    if client_request_token:
        return TransactWrite(connection=connection, client_request_token=client_request_token)
    return TransactWrite(connection=connection)
