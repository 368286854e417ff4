"""One-time codes: SMS codes (6 digits) and recovery codes (16 characters), stored hashed."""

from __future__ import annotations

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


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def recovery_hash(code: str) -> str:
    return ids.token_hash("recovery:" + "".join(c for c in code.upper() if c.isalnum()))


def phone_hint(phone: str | None) -> str | None:
    return f"••• ••• •{phone[-2:]}" if phone else None
