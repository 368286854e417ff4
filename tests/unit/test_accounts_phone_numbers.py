"""Mobile numbers for SMS codes: only real mobile numbers, only in the countries the office allows."""

from __future__ import annotations

import pytest
from portal.accounts import two_factor
from portal.accounts.phones import normalise_phone
from portal.platform.errors import Invalid
from portal.platform.settings import reset_settings
from portal.platform.texts import message_for

from tests.unit.conftest import PASSWORD, active_client, sms_messages


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("06 12345678", "+31612345678"),
        ("+31 (0)6-1234 5678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+32 470 12 34 56", "+32470123456"),
        ("+44 7400 123456", "+447400123456"),
        ("+41 79 123 45 67", "+41791234567"),
    ],
)
def test_mobile_numbers_of_allowed_countries_are_stored_in_e164(written: str, stored: str) -> None:
    assert normalise_phone(written) == stored


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("+882 1234 5678 90", "phone_country_not_allowed"),  # international networks: SMS pumping's favourite
        ("+883 5100 1234 5678", "phone_country_not_allowed"),
        ("+1 202 555 0123", "phone_country_not_allowed"),
        ("+7 912 345 67 89", "phone_country_not_allowed"),
        ("+44 7797 123456", "phone_country_not_allowed"),  # a Jersey mobile: +44, but not the UK
        ("020 123 4567", "phone_not_mobile"),  # a Dutch landline
        ("+31 900 1234567", "phone_not_mobile"),  # a premium-rate number
        ("+31 6 1234", "phone_invalid"),
        ("bel me maar", "phone_invalid"),
        ("", "phone_invalid"),
    ],
)
def test_other_numbers_are_refused_with_a_stable_code(written: str, code: str) -> None:
    with pytest.raises(Invalid) as error:
        normalise_phone(written)
    assert error.value.code == code
    assert error.value.detail["fields"][0]["field"] == "phone"
    assert message_for(code, "nl") != message_for(code, "en")  # both languages, neither the fallback
    assert message_for(code, "en") != message_for("bad_request", "en")


def test_the_office_chooses_the_countries(monkeypatch) -> None:
    monkeypatch.setenv("SMS_ALLOWED_COUNTRIES", "NL, be")
    reset_settings()
    try:
        assert normalise_phone("+32 470 12 34 56") == "+32470123456"
        with pytest.raises(Invalid) as error:
            normalise_phone("+49 151 23456789")
        assert error.value.code == "phone_country_not_allowed"
    finally:
        monkeypatch.delenv("SMS_ALLOWED_COUNTRIES")
        reset_settings()


def test_a_refused_number_gets_no_sms(aws, fake_clock) -> None:
    account = active_client()
    with pytest.raises(Invalid):
        two_factor.start_sms(account, "+882 1234 5678 90", PASSWORD, source_ip="192.0.2.10")
    assert sms_messages() == []
