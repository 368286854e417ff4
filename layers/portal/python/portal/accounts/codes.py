"""One-time codes: SMS codes (6 digits) and recovery codes (24 characters, 120 bits), stored hashed.

A recovery code is kept as HMAC-SHA256 keyed with a random salt of its own (stored next to it and
replaced with every new code), so a table dump cannot be matched against precomputed hashes and
equal codes never share a hash. Accounts from before the salt keep the old unsalted sha256 until
their code is next used or renewed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from portal.platform import ids

SMS_CODE_SECONDS = 10 * 60
SMS_CODE_ATTEMPTS = 5
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to copy from paper


def new_sms_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def sms_code_hash(code: str, salt: str) -> str:
    # Salted with the login or account it belongs to: a code is only good where it was sent.
    return ids.token_hash(f"{salt}:{code.strip()}")


def same(stored_hash: str | None, code: str, salt: str) -> bool:
    return stored_hash is not None and hmac.compare_digest(stored_hash, sms_code_hash(code, salt))


RECOVERY_LENGTH = 24  # 24 characters of a 32-letter alphabet: 120 bits (ASVS 6.5: at least 112)


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECOVERY_LENGTH, 4))


def new_recovery_salt() -> str:
    return secrets.token_hex(16)


def _canonical(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def recovery_hash(code: str, salt: str | None) -> str:
    """The stored form of a recovery code: HMAC-SHA256 under the account's salt (legacy: sha256)."""
    if salt is None:
        return ids.token_hash("recovery:" + _canonical(code))
    return hmac.new(bytes.fromhex(salt), _canonical(code).encode("ascii", "ignore"), hashlib.sha256).hexdigest()


def phone_hint(phone: str | None) -> str | None:
    return f"••• ••• •{phone[-2:]}" if phone else None
