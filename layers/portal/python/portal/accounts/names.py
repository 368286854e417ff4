"""People's names as the portal shows them to others, in screens and at the top of e-mails.

An invitation starts with the name it was given ("Beste ..."), sent from the office's own address.
A company's main account chooses that name for its extra accounts, so a "name" must not be able
to carry a message: letters of any script (with their accents and marks), spaces, hyphens,
apostrophes and dots, 2 to 70 characters, starting with a letter. No digits, no URLs, no
control, format or bidi characters. Names staff type are trusted more (company names have digits
and "&"), but hidden characters are refused there too.
"""

from __future__ import annotations

import re
import unicodedata

from portal.platform.characters import refuse_hidden
from portal.platform.errors import Invalid

MIN_LENGTH, MAX_LENGTH = 2, 70
STAFF_MAX_LENGTH = 200
# Hyphen-minus, hyphen, non-breaking hyphen; straight and typographic apostrophes; dot; space.
PUNCTUATION = frozenset("-\u2010\u2011'\u2019. ")
# A dot followed by two letters reads as a web address (evil.example, www.bank.nl); initials
# such as "A.B. de Vries" have one letter after each dot.
_WEB_ADDRESS = re.compile(r"\.[^\W\d_]{2}")


def _invalid(field: str) -> Invalid:
    return Invalid("name_invalid", detail={"fields": [{"field": field, "type": "name"}]})


def _collapsed(name: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", name or "").split())


def clean_person_name(name: str | None, field: str = "name") -> str:
    """A person's name as defined above, spaces collapsed; 422 ``name_invalid`` / ``hidden_characters``."""
    refuse_hidden(name or "", field)
    cleaned = _collapsed(name)
    if not MIN_LENGTH <= len(cleaned) <= MAX_LENGTH or unicodedata.category(cleaned[0])[0] != "L":
        raise _invalid(field)
    if any(unicodedata.category(c)[0] not in "LM" and c not in PUNCTUATION for c in cleaned):
        raise _invalid(field)
    if _WEB_ADDRESS.search(cleaned):
        raise _invalid(field)
    return cleaned


def clean_staff_name(name: str | None, field: str = "name") -> str:
    """A name staff typed (a person or a company): one line, no hidden characters, at most 200."""
    refuse_hidden(name or "", field)
    cleaned = _collapsed(name)
    if not cleaned or len(cleaned) > STAFF_MAX_LENGTH:
        raise _invalid(field)
    return cleaned
