"""The public check: "is this account number one of the office's?" Yes or no, nothing else.

No login needed (a client phoned by a fraudster may not remember their password), so it is
throttled per source address, every check counts (a yes as much as a no: otherwise a run of
guesses would cost nothing once it found one), and every unknown or malformed IBAN gets the same
answer shape. The holder's name is not in the answer: the office's name is, and only for a yes.
"""

from __future__ import annotations

from typing import Any

from portal.accounts import throttle
from portal.payments import escrow
from portal.payments import iban as ibans
from portal.platform.settings import get_settings

CHECKS_PER_ADDRESS = throttle.Rule("iban-check-ip", 30, 15 * 60, "iban_checks_per_address")


def check(typed: str, *, source_ip: str) -> dict[str, Any]:
    throttle.take(CHECKS_PER_ADDRESS, source_ip or "unknown", source_ip=source_ip)
    found = ibans.parse(typed)
    registered = bool(found) and escrow.is_office_account(found or "")
    return {
        "registered": registered,
        # About the typed text only, so the client can spot a typo: says nothing about the office.
        "well_formed": found is not None,
        "office_name": get_settings().office_name,
    }
