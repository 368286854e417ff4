"""Opaque ``next_token`` pagination for every list: the last evaluated key, base64url JSON.

A token comes back from the client, so it is validated strictly before it reaches DynamoDB:
exactly the key attributes of the table or index queried, each a non-empty string of a size
DynamoDB accepts, the partition key equal to the query's own partition, and a sort key inside the
query's prefix. A token of any other shape answers 422 ``next_token_invalid`` (never a 500 from a
rejected ExclusiveStartKey), and none can move a query to another partition: at worst a forged
token skips items of a list the caller was already allowed to read. Validation needs no secret,
which signing would (and a key to rotate); it gives the same guarantee here.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from portal.platform.errors import Invalid

MAX_TOKEN_CHARS = 4096  # a key of the longest ids we issue is a few hundred characters
MAX_KEY_BYTES = 1024  # DynamoDB's limit for a sort key value (a partition key allows 2048)


def _invalid() -> Invalid:
    return Invalid("next_token_invalid")


def decode(token: str | None) -> dict[str, Any] | None:
    """The token's JSON object, unchecked: for positions that never reach DynamoDB as a key
    (the dossier list's ``after``). A DynamoDB query takes :func:`table_start` or :func:`index_start`."""
    if not token:
        return None
    if len(token) > MAX_TOKEN_CHARS:
        raise _invalid()
    try:
        value = json.loads(base64.urlsafe_b64decode(token.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error, RecursionError):
        raise _invalid() from None
    if not isinstance(value, dict):
        raise _invalid()
    return value


def _string(value: Any) -> str:
    """A key attribute as DynamoDB writes it: ``{"S": "..."}``, non-empty, within the size limit."""
    if not (isinstance(value, dict) and len(value) == 1 and isinstance(value.get("S"), str)):
        raise _invalid()
    text = value["S"]
    try:
        size = len(text.encode("utf-8"))  # a lone surrogate from JSON's \ud800 cannot be sent at all
    except UnicodeEncodeError:
        raise _invalid() from None
    if not 0 < size <= MAX_KEY_BYTES:
        raise _invalid()
    return text


def _checked(token: str | None, equal: dict[str, str], prefixed: dict[str, str]) -> dict[str, Any] | None:
    start = decode(token)
    if start is None:
        return None
    if set(start) != set(equal) | set(prefixed):
        raise _invalid()
    values = {name: _string(value) for name, value in start.items()}
    if any(values[name] != wanted for name, wanted in equal.items()):
        raise _invalid()
    if any(not values[name].startswith(prefix) for name, prefix in prefixed.items()):
        raise _invalid()
    return {name: {"S": text} for name, text in values.items()}


def table_start(token: str | None, *, partition: str, sort_prefix: str = "") -> dict[str, Any] | None:
    """The ExclusiveStartKey of a query on the table's ``partition``, sort keys starting with
    ``sort_prefix``: exactly ``pk`` and ``sk``."""
    return _checked(token, {"pk": partition}, {"sk": sort_prefix})


def index_start(token: str | None, *, index: str, partition: str, sort_prefix: str = "") -> dict[str, Any] | None:
    """The ExclusiveStartKey of a query on GSI ``index`` (``gsi1``/``gsi2``) for ``partition``:
    the index's own key and the table's (any strings: they only break ties inside the partition)."""
    return _checked(token, {f"{index}pk": partition}, {f"{index}sk": sort_prefix, "pk": "", "sk": ""})


def encode(last_key: dict[str, Any] | None) -> str | None:
    if not last_key:
        return None
    return base64.urlsafe_b64encode(json.dumps(last_key, separators=(",", ":")).encode("utf-8")).decode("ascii")
