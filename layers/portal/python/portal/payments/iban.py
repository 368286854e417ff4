"""IBANs as people type them: spaces, dashes, dots and lower case tolerated, checked with schwifty.

schwifty is imported here, lazily: only the functions that check an IBAN load its registry data.
"""

from __future__ import annotations

import re

from portal.platform.errors import Invalid

_NOISE = re.compile(r"[\s.\-_/]+")
MAX_TYPED = 64  # longer than any IBAN with generous spacing: anything longer is not one


def compact(typed: str) -> str:
    """The letters and digits of what was typed, upper case (an ``IBAN`` prefix dropped)."""
    value = _NOISE.sub("", typed or "").upper()
    return value[4:] if value.startswith("IBAN") else value


def parse(typed: str) -> str | None:
    """The IBAN's compact form when ``typed`` is a valid IBAN, else None."""
    if not typed or len(typed) > MAX_TYPED:
        return None
    value = compact(typed)
    if not value.isascii() or not value.isalnum():
        return None
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    try:
        return str(IBAN(value).compact)
    except (SchwiftyException, ValueError):
        return None


def require(typed: str) -> str:
    """The compact IBAN, or 422 iban_invalid."""
    found = parse(typed)
    if found is None:
        raise Invalid("iban_invalid")
    return found


def bank_name(iban: str) -> str | None:
    """The bank schwifty's registry names for the IBAN, when it knows it."""
    from schwifty import IBAN

    try:
        return IBAN(iban).bank_name
    except Exception:  # noqa: BLE001 - a registry gap is not an error: staff type the name
        return None


def grouped(iban: str) -> str:
    """``NL91 ABNA 0417 1643 00``: groups of four, as printed on a bank card."""
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
