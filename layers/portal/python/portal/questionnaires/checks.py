"""Checks and normal forms for the answer types that have rules: IBAN, BSN, e-mail, phone, date, numbers.

IBAN and BSN are checked by kept libraries (schwifty, python-stdnum), not by hand.

Each function takes what a client typed and returns the value to store, or ``None`` when it is not
valid. Normal forms are idempotent (checking a stored value again gives the same value), so saved
answers can be validated again at completion without drifting.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

_EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_PHONE = re.compile(r"^(?:\+|00)?[0-9]{8,15}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_NUMBER = Decimal("1e12")


def iban(value: Any) -> str | None:
    """An IBAN in its electronic form (``NL91ABNA0417164300``): the country's length and structure
    and the mod-97 check, by schwifty (the registry of every IBAN country, kept up to date there)."""
    if not isinstance(value, str):
        return None
    # Lazy: only an answer of this type needs schwifty and its country data (cold start).
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    compact = re.sub(r"[\s.-]", "", value)  # as people write it: groups of four, dots or dashes
    try:
        return IBAN(compact).compact
    except SchwiftyException:
        return None


def bsn(value: Any) -> str | None:
    """A Dutch citizen service number (9 digits; an old 8-digit one gets its leading zero) that
    passes the 11-test, by python-stdnum."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    from stdnum.nl import bsn as dutch_bsn  # lazy, as schwifty above

    typed = re.sub(r"[\s.-]", "", str(value))
    if not typed.isascii() or not typed.isdigit() or len(typed) not in (8, 9):  # stdnum would pad 7 too
        return None
    return dutch_bsn.compact(typed) if dutch_bsn.is_valid(typed) else None


def email(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = value.strip()
    return cleaned if len(cleaned) <= 254 and _EMAIL.match(cleaned) else None


def phone(value: Any) -> str | None:
    """A phone number as typed, tidied; Dutch numbers (starting with a single 0) have 10 digits."""
    if not isinstance(value, str):
        return None
    cleaned = value.strip()
    compact = re.sub(r"[\s().-]", "", cleaned)
    if not _PHONE.match(compact):
        return None
    if compact.startswith("0") and not compact.startswith("00") and len(compact) != 10:
        return None
    return " ".join(cleaned.split())


def iso_date(value: Any) -> str | None:
    """A calendar date written as ``YYYY-MM-DD`` (what an HTML date input sends)."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None
    return value if 1850 <= parsed.year <= 2200 else None


def _decimal(value: Any) -> Decimal | None:
    """A number from JSON or from text as people type it: ``1234.5``, ``1.234,50``, ``1,250.50``, ``1,5``, ``€ 250``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        text = repr(value)
    elif isinstance(value, str):
        text = value.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
        if "," in text and "." in text and text.rfind(".") > text.rfind(","):
            text = text.replace(",", "")  # English: 1,250.50 (commas group thousands)
        elif "," in text:  # Dutch: dots group thousands, the comma is the decimal sign
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?[1-9]\d{0,2}(\.\d{3})+", text):  # 1.500 is fifteen hundred in Dutch
            text = text.replace(".", "")
    else:
        return None
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if abs(number) < MAX_NUMBER else None


def number(value: Any) -> int | float | None:
    found = _decimal(value)
    if found is None:
        return None
    return int(found) if found == found.to_integral_value() else float(found)


def amount(value: Any) -> str | None:
    """An amount in euros, never negative, stored exactly as a string with two decimals (``"1234.50"``)."""
    found = _decimal(value)
    if found is None or found < 0:
        return None
    return str(found.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
