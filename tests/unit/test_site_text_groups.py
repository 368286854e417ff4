"""The site's UI catalogs come in groups (static_site/js/i18n/<language>/<group>.js): "core" loads at
start, the others with the screens that name them (app.js, a route's `texts`). A text a screen
shows must be in a group loaded for it, else the screen would show the bare key. This reads the
modules each route can reach (static and dynamic imports) and the catalog keys they name."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "static_site" / "js"
I18N = JS / "i18n"
IMPORT = re.compile(r"""^\s*import\s+(?:[^'"]*?from\s+)?['"]([^'"]+\.js)['"]""", re.MULTILINE)
DYNAMIC = re.compile(r"""import\(\s*['"]([^'"]+\.js)['"]\s*\)""")
ROUTE = re.compile(r"""^.*\{ name: '([a-z-]+)',.*load: \(\) => import\('([^']+)'\).*$""", re.MULTILINE)


def group_keys(language: str) -> dict[str, set[str]]:
    groups = {}
    for path in sorted((I18N / language).glob("*.js")):
        text = path.read_text(encoding="utf-8")
        keys = set(re.findall(r"^\s*'([^']+)':", text, re.MULTILINE))
        for package in re.findall(r"from '\.\./errors/([a-z_]+)\.json'", text):
            codes = json.loads((I18N / "errors" / f"{package}.json").read_text(encoding="utf-8"))
            keys |= {f"error.{code}" for code in codes}
        groups[path.stem] = keys
    return groups


def reachable(entry: Path, dynamic: bool = True) -> set[Path]:
    seen: set[Path] = set()
    todo = [entry]
    while todo:
        module = todo.pop()
        if module in seen or I18N in module.parents:
            continue
        seen.add(module)
        text = module.read_text(encoding="utf-8")
        names = IMPORT.findall(text) + (DYNAMIC.findall(text) if dynamic else [])
        todo += [Path(os.path.normpath(module.parent / name)) for name in names]
    return seen


def named_keys(module: Path, every: set[str]) -> set[str]:
    """The catalog keys a module names: literal keys (plural pairs too) and `prefix.${...}` families
    (not `error.${code}`: a code from the server, whose own message stands in where the site has no text)."""
    text = module.read_text(encoding="utf-8")
    found = set()
    for literal in re.findall(r"'([a-zA-Z][\w.]*)'", text):
        found |= {key for key in (literal, f"{literal}.one", f"{literal}.other") if key in every}
    for prefix in set(re.findall(r"`([a-zA-Z][\w.]*\.)\$\{", text)) - {"error."}:
        found |= {key for key in every if key.startswith(prefix)}
    return found


def routes() -> list[tuple[str, list[str], Path]]:
    app = (JS / "app.js").read_text(encoding="utf-8")
    found = []
    for line in ROUTE.finditer(app):
        texts = re.search(r"texts: \[([^\]]*)\]", line.group(0))
        found.append((line.group(1), re.findall(r"'([a-z-]+)'", texts.group(1) if texts else ""),
                      Path(os.path.normpath(JS / line.group(2)))))
    assert len(found) == app.count("load: () => import("), "a route app.js has that this test cannot read"
    return found


def test_every_group_has_the_same_keys_in_both_languages() -> None:
    nl, en = group_keys("nl"), group_keys("en")
    assert set(nl) == set(en)
    for group in nl:
        assert nl[group] == en[group], (group, sorted(nl[group] ^ en[group]))


def test_a_key_lives_in_one_group() -> None:
    groups = group_keys("nl")
    names = sorted(groups)
    for index, first in enumerate(names):
        for second in names[index + 1:]:
            assert not groups[first] & groups[second], (first, second, sorted(groups[first] & groups[second])[:5])


def test_every_text_a_screen_names_is_in_a_group_loaded_for_it() -> None:
    groups = group_keys("nl")
    every = set().union(*groups.values())
    shell = reachable(JS / "app.js", dynamic=False)  # what loads at start, before any screen
    for name, texts, load in routes():
        modules = reachable(load) | shell
        loaded = {"core", *texts}
        # A module that loads a group itself (useTexts([...])) before what needs it.
        for module in modules:
            for listed in re.findall(r"useTexts\(\[([^\]]*)\]\)", module.read_text(encoding="utf-8")):
                loaded |= set(re.findall(r"'([a-z-]+)'", listed))
        assert loaded <= set(groups), (name, loaded - set(groups))
        available = set().union(*(groups[group] for group in loaded))
        missing = {f"{module.relative_to(JS)}: {key}" for module in modules for key in named_keys(module, every) - available}
        assert not missing, f"route {name} shows texts of a group it does not load: {sorted(missing)[:10]}"


def test_the_shell_needs_only_core() -> None:
    groups = group_keys("nl")
    every = set().union(*groups.values())
    shell = reachable(JS / "app.js", dynamic=False)
    missing = {f"{module.relative_to(JS)}: {key}" for module in shell for key in named_keys(module, every) - groups["core"]}
    assert not missing, sorted(missing)


def test_every_stylesheet_a_route_names_exists() -> None:
    app = (JS / "app.js").read_text(encoding="utf-8")
    named = {name for listed in re.findall(r"styles: \[([^\]]*)\]", app) for name in re.findall(r"'([a-z-]+)'", listed)}
    assert named, "app.js names no screen stylesheet"
    css = ROOT / "static_site" / "css"
    assert {name for name in named if not (css / f"{name}.css").is_file()} == set()
    assert {path.stem for path in css.glob("*.css")} == named | {"portal"}, "a stylesheet no route loads"
