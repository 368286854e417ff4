"""Password policy and hashing.

The manual's rule (at least 8 characters, one capital, one digit), plus: long passphrases are
welcome (up to 128 characters) and the most common passwords are refused. Hashing is argon2id via
argon2-cffi. For unknown accounts a dummy hash is verified too, so a login takes as long whether
or not the address exists.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from portal.platform.errors import Invalid

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON = Path(__file__).resolve().parent / "data" / "common-passwords.txt"


@lru_cache(maxsize=1)
def _hasher():  # noqa: ANN202
    from argon2 import PasswordHasher

    # OWASP's argon2id minimum (19 MiB, 2 iterations) keeps a login well under Lambda's budget.
    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    lines = COMMON.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("not-a-real-password-Dummy1")


def check_policy(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise Invalid("password_too_short", detail={"fields": [{"field": "password", "type": "too_short"}]})
    if len(password) > MAX_LENGTH:
        raise Invalid("password_too_long", detail={"fields": [{"field": "password", "type": "too_long"}]})
    if not any(c.isupper() for c in password):
        raise Invalid("password_needs_capital", detail={"fields": [{"field": "password", "type": "capital"}]})
    if not any(c.isdigit() for c in password):
        raise Invalid("password_needs_digit", detail={"fields": [{"field": "password", "type": "digit"}]})
    if password.lower() in _common() or password.lower().rstrip("!.?1") in _common():
        raise Invalid("password_too_common", detail={"fields": [{"field": "password", "type": "common"}]})


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not there is a hash to check against."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
