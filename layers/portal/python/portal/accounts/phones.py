"""Mobile numbers for 2-step verification: parsed and judged by ``phonenumbers``, stored in E.164.

A regular expression accepts any ``+`` and digits, including premium and international-network
ranges (``+882``...) that SMS pumping targets. libphonenumber knows the numbering plans: only valid
mobile numbers of the countries the office allows (``Settings.sms_allowed_countries``) pass.
"""

from __future__ import annotations

from portal.platform.errors import Invalid
from portal.platform.settings import get_settings

DEFAULT_REGION = "NL"  # "06 12345678" is how the office's clients write their number


def _refuse(code: str) -> Invalid:
    return Invalid(code, detail={"fields": [{"field": "phone", "type": "phone"}]})


def normalise_phone(raw: str) -> str:
    """The number in E.164 (``+31612345678``), or 422 with a stable code saying why not."""
    # Imported here: only the function that validates a number pays for the numbering-plan data.
    import phonenumbers
    from phonenumbers import PhoneNumberType

    text = (raw or "").strip()
    if not text or len(text) > 32:
        raise _refuse("phone_invalid")
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise _refuse("phone_invalid") from None
    allowed = get_settings().sms_countries
    # The country code first (+882/+883 are "001", no country), then the number's own region
    # (+44 also covers Jersey, Guernsey and the Isle of Man).
    if not allowed.intersection(phonenumbers.region_codes_for_country_code(number.country_code)):
        raise _refuse("phone_country_not_allowed")
    if not phonenumbers.is_valid_number(number):
        raise _refuse("phone_invalid")
    if phonenumbers.region_code_for_number(number) not in allowed:
        raise _refuse("phone_country_not_allowed")
    # FIXED_LINE_OR_MOBILE: plans (e.g. the US) where the library cannot tell the two apart.
    if phonenumbers.number_type(number) not in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        raise _refuse("phone_not_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
