"""Characters that change how text looks without being seen, refused where text is shown to others.

A right-to-left override (U+202E) turns "factuur<U+202E>fdp.exe" into what reads as
"factuurexe.pdf"; isolates, embeddings, marks and other format characters (Unicode category Cf)
hide or reorder text in the same way, and control characters or line/paragraph separators break a
line that should be one. Names, message subjects and file names reach other people (staff, a
company's colleagues, the mail an invitation starts with), so they are refused there with one
stable code, ``hidden_characters``, instead of being silently changed.

Zero-width joiner and non-joiner (U+200D, U+200C) stay allowed: Persian, Indic scripts and emoji
sequences need them, and they move nothing.
"""

from __future__ import annotations

import unicodedata

from portal.platform.errors import Invalid

FORMAT_CATEGORIES = frozenset({"Cf", "Cs", "Zl", "Zp"})
HIDDEN_CATEGORIES = FORMAT_CATEGORIES | {"Cc"}
JOINERS = frozenset({"\u200c", "\u200d"})


def first_hidden(text: str, *, controls: bool = True) -> str | None:
    """The first format, surrogate or line-separator character (and control, unless ``controls``
    is False) in ``text``, if any."""
    categories = HIDDEN_CATEGORIES if controls else FORMAT_CATEGORIES
    for character in text:
        if character not in JOINERS and unicodedata.category(character) in categories:
            return character
    return None


def refuse_hidden(text: str, field: str, *, controls: bool = True) -> None:
    """422 ``hidden_characters`` (nl/en) when ``text`` holds one; the field says where.

    ``controls=False`` leaves control characters to the caller (file names strip them: browsers
    and CLIs send names with stray CR/LF that are harmless once removed).
    """
    if first_hidden(text, controls=controls) is not None:
        raise Invalid("hidden_characters", detail={"fields": [{"field": field, "type": "hidden_characters"}]})
