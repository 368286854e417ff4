"""Input types for request bodies: bounded lengths, no control characters (NUL, CR/LF in names...)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, StringConstraints


def _no_control(value: str) -> str:
    if any((ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127 for c in value):
        raise ValueError("control characters are not allowed")
    return value


def _single_line(value: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("control characters are not allowed")
    return value


# One line of text (names, e-mail addresses, codes, subjects): no control characters at all.
Line = Annotated[str, StringConstraints(max_length=254), AfterValidator(_single_line)]
# A secret typed by a person: generous length, no control characters.
Secret = Annotated[str, StringConstraints(max_length=1024), AfterValidator(_single_line)]
# A token from a link: URL-safe characters only.
Token = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
# Free text written by a person (a message body): newlines and tabs allowed.
Text = Annotated[str, StringConstraints(max_length=20000), AfterValidator(_no_control)]
# An e-mail address as typed: one line. The domain checks it with email-validator
# (portal.accounts.addresses) before anything is written, with its own stable codes
# (email_invalid, email_not_ascii), and stores the library's normal form.
Email = Annotated[str, StringConstraints(max_length=320), AfterValidator(_single_line)]
