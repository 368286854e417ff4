"""Password policy and hashing.

The manual's rule (at least 8 characters, one capital, one digit), plus: long passphrases are
welcome (up to 128 characters) and the most common passwords are refused. Hashing is argon2id via
argon2-cffi, with the cost from settings; a hash made with other parameters is replaced at the
owner's next successful login (:func:`upgrade`), the only moment the password is at hand. For
unknown accounts a dummy hash is verified too, so a login takes as long whether or not the
address exists.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pynamodb.exceptions import UpdateError

from portal.accounts.models import Account
from portal.platform.errors import Invalid
from portal.platform.log import get_logger
from portal.platform.settings import get_settings

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON = Path(__file__).resolve().parent / "data" / "common-passwords.txt"


def _hasher():  # noqa: ANN202
    settings = get_settings()
    return _hasher_for(settings.password_time_cost, settings.password_memory_kib, settings.password_parallelism)


@lru_cache(maxsize=4)
def _hasher_for(time_cost: int, memory_kib: int, parallelism: int):  # noqa: ANN202
    from argon2 import PasswordHasher  # lazy: cold start, only functions that hash or verify load argon2

    # argon2id with the configured cost (settings: above OWASP's minimum); tests configure a cheap one.
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    lines = COMMON.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


def _dummy_hash() -> str:
    # Made with the current parameters, so an unknown address costs what a current hash does.
    return _dummy_hash_for(_hasher())


@lru_cache(maxsize=4)
def _dummy_hash_for(hasher) -> str:  # noqa: ANN001
    return hasher.hash("not-a-real-password-Dummy1")


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


def needs_rehash(password_hash: str | None) -> bool:
    """Whether the hash was made with other parameters than the configured ones."""
    from argon2.exceptions import InvalidHashError

    if not password_hash:
        return False
    try:
        return bool(_hasher().check_needs_rehash(password_hash))
    except (InvalidHashError, ValueError):
        return False


def upgrade(account: Account, password: str) -> None:
    """After a correct password: store it hashed with the current parameters if its hash is older.

    Conditional on the hash read, so a password changed meanwhile (another browser, a reset link)
    is never overwritten with the one just typed. A failed upgrade is retried at the next login.
    """
    old = account.password_hash
    if not needs_rehash(old):
        return
    try:
        account.update(actions=[Account.password_hash.set(hash_password(password))],
                       condition=Account.password_hash == old)
    except UpdateError:
        # Changed meanwhile (or the write failed): the next successful login tries again.
        get_logger().info("password hash not upgraded")
