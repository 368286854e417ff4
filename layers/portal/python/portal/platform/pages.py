"""Opaque ``next_token`` pagination for every list: the last evaluated key, base64url JSON.

The key only ever addresses a position inside a partition that the caller was already allowed to
query, so a forged token can at worst skip items, never reveal others.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from portal.platform.errors import Invalid


def decode(token: str | None) -> dict[str, Any] | None:
    if not token:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(token.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError):
        raise Invalid("next_token_invalid") from None
    if not isinstance(value, dict):
        raise Invalid("next_token_invalid")
    return value


def encode(last_key: dict[str, Any] | None) -> str | None:
    if not last_key:
        return None
    return base64.urlsafe_b64encode(json.dumps(last_key, separators=(",", ":")).encode("utf-8")).decode("ascii")
