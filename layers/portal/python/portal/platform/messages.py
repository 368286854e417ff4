"""Translated texts for error codes (Dutch and English), looked up by stable code."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@lru_cache(maxsize=1)
def _catalog() -> dict[str, dict[str, str]]:
    catalog: dict[str, dict[str, str]] = {}
    for path in sorted(Path(__file__).parent.glob("*error_messages.json")):
        catalog.update(json.loads(path.read_text(encoding="utf-8")))
    for package in ("accounts", "dossiers", "messages", "files", "questionnaires", "notifications", "appointments", "approvals"):
        path = Path(__file__).parent.parent / package / "error_messages.json"
        if path.exists():
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
