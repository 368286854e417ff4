"""The UI catalogs: English complete for every Dutch key, and a text for every error code the API sends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.site_stubs import Api

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def catalogs(page: Page) -> dict[str, dict[str, str]]:
    Api(page)
    page.goto("/#/login")
    return page.evaluate("""async () => ({
        nl: (await import('/js/i18n/nl.js')).default,
        en: (await import('/js/i18n/en.js')).default,
    })""")


def test_dutch_and_english_catalogs_have_the_same_keys(page: Page) -> None:
    found = catalogs(page)
    assert set(found["nl"]) - set(found["en"]) == set(), "missing in en.js"
    assert set(found["en"]) - set(found["nl"]) == set(), "missing in nl.js"


def test_no_catalog_text_is_empty(page: Page) -> None:
    for language, catalog in catalogs(page).items():
        empty = [key for key, text in catalog.items() if not isinstance(text, str) or not text.strip()]
        assert empty == [], language


def test_placeholders_match_between_languages(page: Page) -> None:
    import re

    found = catalogs(page)
    for key, dutch in found["nl"].items():
        assert set(re.findall(r"\{(\w+)\}", dutch)) == set(re.findall(r"\{(\w+)\}", found["en"][key])), key


# Domains whose codes reach the client site. dossiers/ holds the staff API's validation codes;
# sms_* keys are SMS texts, not errors. messages/ and questionnaires/ hold a few staff-only codes
# too; the site has texts for all of them (one list, no guessing which reach a client).
CLIENT_DOMAINS = ("platform", "accounts", "files", "messages", "questionnaires")


def test_every_error_code_of_the_api_has_a_text(page: Page) -> None:
    codes: set[str] = set()
    for domain in CLIENT_DOMAINS:
        path = ROOT / "layers/portal/python/portal" / domain / "error_messages.json"
        if path.exists():
            codes |= {code for code in json.loads(path.read_text(encoding="utf-8")) if not code.startswith("sms_")}
    assert codes, "no error_messages.json found"
    found = catalogs(page)
    missing = sorted(code for code in codes if f"error.{code}" not in found["nl"])
    assert missing == [], "add error.<code> to static_site/js/i18n/nl.js and en.js"
