"""IBAN and BSN answers are checked by kept libraries (schwifty, python-stdnum), issue 15.

The hand-written IBAN check knew the lengths of 18 countries and let any other two letters
through on the mod-97 sum alone; these cases passed it and are refused now.
"""

from __future__ import annotations

import pytest
from portal.questionnaires import checks


def _with_check_digits(country: str, bban: str) -> str:
    """An IBAN whose mod-97 sum holds, whatever else is wrong with it."""
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


@pytest.mark.parametrize("iban", [
    _with_check_digits("XX", "ABNA0417164300"),  # no such country
    _with_check_digits("GR", "01101250000000012300"),  # Greece: 27 characters, one short
    _with_check_digits("NL", "12340417164300"),  # a Dutch bank code is four letters
])
def test_an_iban_with_a_correct_sum_but_no_such_account_format_is_refused(iban: str) -> None:
    assert checks.iban(iban) is None


def test_an_iban_from_a_country_the_old_table_did_not_know_is_accepted() -> None:
    greek = "GR1601101250000000012300695"
    assert checks.iban(greek) == greek and checks.iban("gr16 0110 1250 0000 0001 2300 695") == greek


@pytest.mark.parametrize(("typed", "stored"), [("1112.22.333", "111222333"), ("12345672", "012345672"), (111222333, "111222333")])
def test_a_bsn_is_stored_in_its_nine_digit_form(typed: object, stored: str) -> None:
    assert checks.bsn(typed) == stored


@pytest.mark.parametrize("typed", ["1234567", "١١١٢٢٢٣٣٣", "000000000"])
def test_a_bsn_of_seven_digits_or_other_scripts_is_refused(typed: str) -> None:
    assert checks.bsn(typed) is None
