"""Translated texts for error codes (Dutch and English), looked up by stable code.

(Named ``texts``, not ``messages``: :mod:`portal.messages` is the clients' messages domain.)
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@lru_cache(maxsize=1)
def _catalog() -> dict[str, dict[str, str]]:
    # Every package of the portal brings its own catalog beside its code; the platform finds them
    # all without naming a package above it (a new package's codes need no change here).
    catalog: dict[str, dict[str, str]] = {}
    portal = Path(__file__).parent.parent
    for path in sorted(portal.glob("*/*error_messages.json")):
        catalog.update(json.loads(path.read_text(encoding="utf-8")))
    return catalog


def message_for(code: str, language: str) -> str:
    entry = _catalog().get(code) or _catalog()["bad_request"]
    return entry.get(language) or entry[DEFAULT_LANGUAGE]


def known_codes() -> set[str]:
    return set(_catalog())


def pick_language(accept_language: str | None) -> str:
    """The first supported language in an Accept-Language header; Dutch otherwise."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return DEFAULT_LANGUAGE
