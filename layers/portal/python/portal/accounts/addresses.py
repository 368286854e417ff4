"""E-mail addresses: validated with email-validator before anything is written, and one normal form.

An address the office cannot mail must never become an account: a Cyrillic "а" or fullwidth
letters before the @ pass a simple pattern, but SES cannot send to them (no SMTPUTF8), so the
invitation failed only after the account and its e-mail claim were written. email-validator
checks the syntax as the RFCs and mail systems do, without network lookups
(``check_deliverability=False``: a request never waits on DNS, and an office's address under
construction still passes); ``strict`` adds the RFC's 64-character limit before the @.

The normal form is the library's ASCII form (an internationalised domain in its ``xn--`` form,
which SES can deliver to), lower-cased as a whole: addresses have always been matched without
regard to case. The same form is the key of the e-mail claim and of every lookup, so "Anna@
Bakkerij.NL" signs in to the account created for "anna@bakkerij.nl".

The library is imported only when an address is checked, so no handler pays for it at cold start.
"""

from __future__ import annotations

from portal.platform.errors import Invalid

MAX_LENGTH = 254


def _invalid(code: str, field: str) -> Invalid:
    return Invalid(code, detail={"fields": [{"field": field, "type": code}]})


def normalise(email: str | None, field: str = "email") -> str:
    """The address in normal form, or 422 ``email_not_ascii`` / ``email_invalid`` (nl/en)."""
    from email_validator import EmailNotValidError, validate_email  # lazy: cold start, only this path

    text = (email or "").strip()
    local, at, _ = text.rpartition("@")
    if at and any(ord(c) > 127 for c in local):
        raise _invalid("email_not_ascii", field)
    try:
        checked = validate_email(text, check_deliverability=False, allow_smtputf8=False, strict=True)
    except EmailNotValidError:
        raise _invalid("email_invalid", field) from None
    address = (checked.ascii_email or checked.normalized).lower()
    if len(address) > MAX_LENGTH:
        raise _invalid("email_invalid", field)
    return address


def lookup_key(email: str | None) -> str:
    """The normal form for finding an account (login, links, bounces); never raises.

    An address that fails validation cannot have an account, but the caller must still answer as
    for any unknown address, so it gets a plain lower-cased form that simply finds nothing.
    """
    try:
        return normalise(email)
    except Invalid:
        return (email or "").strip().lower()
