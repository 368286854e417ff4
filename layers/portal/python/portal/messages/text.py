"""Subject and body of a message, checked exactly as the screen counts them.

The screen's counter ("24 van 4000 tekens") and its textarea's ``maxlength`` both count a string's
``length`` in JavaScript: UTF-16 code units. So the server counts the same way: a letter with an
accent is 1, an emoji outside the Basic Multilingual Plane (😀) is 2. Counting code points instead
would let the server accept 4,000 emoji that the browser had cut at 2,000, or refuse text the
screen showed as fitting. Line breaks count as the textarea has them, one "\\n" each: a CR LF
(from a CLI or a pasted Windows text sent as-is) is stored and counted as one "\\n".
"""

from __future__ import annotations

from portal.platform.characters import refuse_hidden
from portal.platform.errors import Invalid

MAX_BODY = 4000
MAX_SUBJECT = 200


def browser_length(text: str) -> int:
    """``text.length`` in a browser: the number of UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _field_error(code: str, field: str, **extra: int) -> Invalid:
    return Invalid(code, detail={"fields": [{"field": field, "type": code}], **extra})


def _no_lone_surrogates(text: str, field: str) -> None:
    # JSON can carry "\ud83d" alone; it is no character and cannot be stored as UTF-8.
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise _field_error("validation_failed", field)


def clean_subject(subject: str | None) -> str:
    """One line, required, at most 200 characters; surrounding spaces dropped."""
    text = " ".join((subject or "").split())
    if not text:
        raise _field_error("subject_required", "subject")
    _no_lone_surrogates(text, "subject")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise _field_error("validation_failed", "subject")
    # The subject is shown to the other side in lists and mails: no bidi overrides or other hidden characters.
    refuse_hidden(text, "subject")
    if browser_length(text) > MAX_SUBJECT:
        raise _field_error("subject_too_long", "subject", max=MAX_SUBJECT)
    return text


def clean_body(body: str | None) -> str:
    """Required (not only spaces), at most 4,000 UTF-16 code units; kept as typed otherwise."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _field_error("body_required", "body")
    _no_lone_surrogates(text, "body")
    if any((ord(c) < 32 and c not in "\n\t") or ord(c) == 127 for c in text):
        raise _field_error("validation_failed", "body")
    if browser_length(text) > MAX_BODY:
        raise _field_error("body_too_long", "body", max=MAX_BODY, length=browser_length(text))
    return text


def preview(body: str, limit: int = 160) -> str:
    """The start of a body for a list row, on one line."""
    flat = " ".join(body.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
