"""Section 1, continued: what the layer and each function ship, and whether they import it.

Sizes are bytes on disk: from ``.aws-sam/build`` when ``sam build`` has run, otherwise the
installed distributions (this machine's wheels: Lambda's arm64 wheels differ a little) plus the
source folders. A function ships its CodeUri folder and what its own requirements.txt installs;
the layer ships layers/portal/python (the portal package) and what its requirements.txt installs.

"Imports" is static: every ``import`` in the function's own files and in the portal modules they
reach, function bodies included (the lazy imports that load fpdf2, jinja2 or segno only when
used). Budget: every distribution a function's requirements name, and every one the layer's name, is
imported by the function (by some function, for the layer). Where a folder has a requirements.in,
that is the list it names; its requirements.txt is the hashed lock pip installs from.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import budgets

SECTION = "shipping"
ROOT = Path(__file__).resolve().parents[1]
LAYER = ROOT / "layers" / "portal" / "python"
BUILD = ROOT / ".aws-sam" / "build"
# What the python3.12 Lambda runtime already has; pip still installs it into an artefact when a
# shipped package requires it (pynamodb requires botocore).
RUNTIME = {"boto3", "botocore", "jmespath", "s3transfer", "urllib3", "python-dateutil", "six"}


def _name(requirement: str) -> str | None:
    """The distribution a requirement line names, unless it only applies to an extra."""
    from packaging.requirements import Requirement

    line = requirement.split("#", 1)[0].strip()
    if not line:
        return None
    parsed = Requirement(line)
    if parsed.marker is not None and not parsed.marker.evaluate({"extra": ""}):
        return None
    return parsed.name


def requirements(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [n for n in (_name(line) for line in path.read_text().splitlines()) if n]


def direct_requirements(folder: Path) -> list[str]:
    """What a folder's requirements name themselves: requirements.in where requirements.txt is its
    lock (every transitive pin, with hashes), else requirements.txt."""
    source = folder / "requirements.in"
    return requirements(source if source.exists() else folder / "requirements.txt")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(names: list[str]) -> list[str]:
    """The distributions and everything they require, as pip would install them."""
    seen: dict[str, None] = {}
    queue = list(names)
    while queue:
        name = _canonical(queue.pop())
        if name in seen:
            continue
        seen[name] = None
        try:
            queue += [n for n in (_name(r) for r in metadata.distribution(name).requires or []) if n]
        except metadata.PackageNotFoundError:
            continue
    return list(seen)


def dist_size(name: str) -> int:
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return 0
    total = 0
    for file in dist.files or []:
        located = Path(str(dist.locate_file(file)))
        if located.is_file():
            total += located.stat().st_size
    return total


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@lru_cache(maxsize=1)
def import_names() -> dict[str, set[str]]:
    """distribution -> the top-level names it can be imported as."""
    found: dict[str, set[str]] = {}
    for top, dists in metadata.packages_distributions().items():
        for dist in dists:
            found.setdefault(_canonical(dist), set()).add(top)
    return found


def _imports(path: Path) -> set[str]:
    """Every absolute module an import statement in the file names, in any function body too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@cache
def _portal_file(module: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec and spec.origin and spec.origin.endswith(".py") else None


def reach(files: list[Path]) -> set[str]:
    """Top-level external packages importable from these files and the portal modules they reach."""
    external, seen, queue = set(), set(), list(files)
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in _imports(path):
            top = module.split(".")[0]
            if top == "portal":
                found = _portal_file(module)
                if found:
                    queue.append(found)
            elif top not in sys.stdlib_module_names:
                external.add(top)
    return external


def run() -> tuple[dict[str, Any], list[budgets.Check]]:
    from portal_local.template import functions

    built = BUILD.exists()
    layer_direct = direct_requirements(LAYER)
    layer_all = closure(layer_direct)
    layer_dists = {name: dist_size(name) for name in layer_all}
    layer_size = folder_size(BUILD / "PortalLayer") if built and (BUILD / "PortalLayer").exists() else (
        sum(layer_dists.values()) + folder_size(LAYER / "portal"))
    rows: dict[str, dict[str, Any]] = {}
    reached_by_any: set[str] = set()
    for function in functions():
        own = direct_requirements(function.code_uri)
        own_all = closure(own)
        files = sorted(function.code_uri.rglob("*.py"))
        reached = reach([f for f in files if "__pycache__" not in f.parts])
        reached_by_any |= reached
        build_dir = BUILD / function.logical_id
        size = folder_size(build_dir) if built and build_dir.exists() else (
            folder_size(function.code_uri) + sum(dist_size(n) for n in own_all))
        provided = {top for dist in [*layer_all, *own_all, *RUNTIME] for top in import_names().get(dist, set())}
        rows[function.logical_id] = {
            "size_bytes": size, "requirements": own, "installs": own_all,
            "unused": [d for d in own if not import_names().get(_canonical(d), set()) & reached],
            "reachable_not_shipped": sorted(reached - provided - {"portal"}),
        }
    unused_layer = [d for d in layer_direct if not import_names().get(_canonical(d), set()) & reached_by_any]
    result = {
        "source": ".aws-sam/build" if built else "installed distributions (no .aws-sam/build)",
        "layer": {"size_bytes": layer_size, "requirements": layer_direct, "installs": layer_dists,
                  "runtime_duplicates": sorted(set(layer_all) & RUNTIME), "unused": unused_layer,
                  "portal_package_bytes": folder_size(LAYER / "portal")},
        "functions": rows,
    }
    return result, checks(result)


def pdf_renderers(result: dict[str, Any]) -> set[str]:
    return {name for name, row in result["functions"].items() if "fpdf2" in row["requirements"]}


def checks(result: dict[str, Any]) -> list[budgets.Check]:
    found = [budgets.holds(
        SECTION, "layer: every distribution it ships is imported by some function", not result["layer"]["unused"],
        measured=", ".join(result["layer"]["unused"]) or "all imported", limit="none unused",
        compared_with="layers/portal/python/requirements.txt vs the functions' imports",
        cause="shipped in the layer, imported by no function",
    )]
    for name, row in result["functions"].items():
        if row["requirements"]:
            found.append(budgets.holds(
                SECTION, f"{name}: ships only what it imports", not row["unused"],
                measured=", ".join(row["unused"]) or f"{', '.join(row['requirements'])} imported",
                limit="none unused", compared_with="its requirements.txt vs its imports",
                cause="in requirements.txt, never imported",
            ))
    return found
