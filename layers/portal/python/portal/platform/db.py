"""The pynamodb model base: every model shares the one table named in settings.

Keys are plain strings built by the domain (``ACCOUNT#id`` / ``META``); the key scheme is listed in
docs/architecture.md. GSIs: ``gsi1`` (second lookups: e-mail, owner) and ``gsi2`` (sparse: work
waiting for a job, and staff listings).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from portal.platform.settings import get_settings

_settings = get_settings()


class _Meta:
    table_name = _settings.table_name
    region = _settings.region
    host = _settings.aws_endpoint_url
    max_retry_attempts = 3


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


class PortalModel(Model):
    """Base of all items: a partition key and a sort key, both strings."""

    Meta = _Meta

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


def table_client() -> Any:
    """The low-level client, for the few operations pynamodb does not express (batch gets)."""
    from portal.platform.aws import client

    return client("dynamodb")


@lru_cache(maxsize=1)
def _connection() -> Any:
    # Its own connection: asking the base model for one would cache an index-less schema that
    # every model class would then inherit.
    from pynamodb.connection import Connection

    return Connection(region=_settings.region, host=_settings.aws_endpoint_url, max_retry_attempts=3)


def transaction(client_request_token: str | None = None) -> Any:
    """A pynamodb TransactWrite on the portal table's connection: all of it is written, or none."""
    from pynamodb.transactions import TransactWrite

    connection = _connection()
    if client_request_token:
        return TransactWrite(connection=connection, client_request_token=client_request_token)
    return TransactWrite(connection=connection)
