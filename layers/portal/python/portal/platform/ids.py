"""One id generator and one token generator, injectable for tests.

Ids are ULIDs (time-ordered, 26 characters of Crockford base32) so that sort keys built from them
list items in creation order. Tokens are 256 bits from the OS's CSPRNG.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

from portal.platform import clock

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _ulid() -> str:
    millis = int(clock.now().timestamp() * 1000)
    value = (millis << 80) | secrets.randbits(80)
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


_new_id: Callable[[], str] = _ulid


def new_id() -> str:
    return _new_id()


def set_id_generator(func: Callable[[], str]) -> None:
    global _new_id
    _new_id = func


def reset_id_generator() -> None:
    set_id_generator(_ulid)


def new_token() -> str:
    """A 256-bit random secret, URL-safe."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What is stored instead of a token: its sha256, so a table dump reveals no usable secret."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
