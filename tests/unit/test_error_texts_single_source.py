"""An error code has one text: the server's catalog. The site reads those same files (links in
static_site/js/i18n/errors/) and keeps in its own catalogs only what the server never sends."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "layers" / "portal" / "python" / "portal"
SITE_I18N = ROOT / "static_site" / "js" / "i18n"
# The packages whose codes reach the client site (dossiers/ holds only the staff API's codes).
CLIENT_PACKAGES = ("platform", "accounts", "files", "messages", "questionnaires", "payments", "appointments", "approvals")


def server_codes() -> set[str]:
    codes: set[str] = set()
    for path in PACKAGES.glob("*/error_messages.json"):
        codes |= set(json.loads(path.read_text(encoding="utf-8")))
    return codes


def site_error_keys(language: str) -> set[str]:
    # The catalog comes in groups (i18n/<language>/<group>.js; <language>.js merges them).
    keys: set[str] = set()
    for path in (SITE_I18N / language).glob("*.js"):
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r"""^\s*['"]error\.([a-z0-9_]+)['"]\s*:""", text, re.MULTILINE))
    return keys


def test_no_error_code_is_translated_twice() -> None:
    codes = server_codes()
    for language in ("nl", "en"):
        twice = sorted(site_error_keys(language) & codes)
        assert twice == [], f"{language}.js translates codes the server's catalogs already do: {twice}"


def test_the_sites_own_error_texts_are_for_what_the_server_never_sends() -> None:
    assert site_error_keys("nl") == site_error_keys("en") == {
        "unknown", "network_error", "reference", "file_too_large_sized", "upload_failed",
    }


def test_the_site_reads_the_servers_catalogs_themselves() -> None:
    linked = {path.stem: path for path in (SITE_I18N / "errors").glob("*.json")}
    assert set(linked) == set(CLIENT_PACKAGES)
    for package, path in linked.items():
        assert path.is_symlink(), f"{path} must link to the server's catalog, not copy it"
        assert path.resolve() == (PACKAGES / package / "error_messages.json").resolve()
    # Each group of the site's catalog imports the server catalogs its screens meet: all of them in all.
    for language in ("nl", "en"):
        imported: list[str] = []
        for path in (SITE_I18N / language).glob("*.js"):
            module = path.read_text(encoding="utf-8")
            found = re.findall(r"from '\.\./errors/([a-z_]+)\.json' with \{ type: 'json' \}", module)
            imported += found
            if found:
                assert f"...errorTexts('{language}', [{', '.join(found)}])" in module, path
        assert sorted(imported) == sorted(CLIENT_PACKAGES), language


def test_every_server_text_is_there_in_both_languages() -> None:
    for package in CLIENT_PACKAGES:
        path = PACKAGES / package / "error_messages.json"
        for code, texts in json.loads(path.read_text(encoding="utf-8")).items():
            assert texts.get("nl", "").strip() and texts.get("en", "").strip(), (package, code)
