"""The portal's packages depend on each other one way only (issue 15).

The import graph is read from the source (ast), imports inside functions included: an import moved
into a function still ties its package to the other, it only hides the cycle from the interpreter.
docs/architecture.md draws the graph this test allows.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORTAL = ROOT / "layers" / "portal" / "python" / "portal"
PACKAGES = sorted(p.name for p in PORTAL.iterdir() if (p / "__init__.py").exists())


def _imported(tree: ast.AST) -> set[str]:
    """Every module an import statement names, wherever it stands (function bodies included)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)  # from portal import x
    return names


def package_graph() -> dict[str, dict[str, list[str]]]:
    """package -> {package it imports: [where, as file:line]}."""
    graph: dict[str, dict[str, list[str]]] = {name: {} for name in PACKAGES}
    for path in sorted(PORTAL.rglob("*.py")):
        parts = path.relative_to(PORTAL).parts
        if len(parts) < 2:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for name in _imported(node):
                pieces = name.split(".")
                if pieces[0] == "portal" and len(pieces) > 1 and pieces[1] in graph and pieces[1] != parts[0]:
                    graph[parts[0]].setdefault(pieces[1], []).append(f"{'/'.join(parts)}:{node.lineno}")
    return graph


def find_cycle(graph: dict[str, dict[str, list[str]]]) -> list[str] | None:
    """One cycle as a path (a -> b -> a), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, {})):
            if state.get(target) == "open":
                return [*path[path.index(target):], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = "done"
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_packages_have_no_import_cycle_not_even_inside_functions() -> None:
    graph = package_graph()
    cycle = find_cycle(graph)
    where = [f"{a} -> {b}: {', '.join(graph[a][b][:3])}" for a, b in zip(cycle, cycle[1:])] if cycle else []
    assert cycle is None, "package import cycle " + " -> ".join(cycle or []) + "\n" + "\n".join(where)


def module_graph() -> dict[str, dict[str, list[str]]]:
    """portal module -> {portal module it imports: [lines]}, imports inside functions included."""
    files = {".".join(p.relative_to(PORTAL.parent).with_suffix("").parts).removesuffix(".__init__"): p
             for p in PORTAL.rglob("*.py")}
    graph: dict[str, dict[str, list[str]]] = {name: {} for name in files}
    for name, path in files.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _imported(node):
                    if target in files and target != name and not name.startswith(target + "."):
                        graph[name].setdefault(target, []).append(str(node.lineno))
    return graph


def test_no_two_modules_import_each_other_not_even_inside_functions() -> None:
    """Within a package too: an import moved into a function to dodge a cycle between two modules
    (signin <-> passkey_login, passkeys <-> passkey_login, as there were) fails here."""
    graph = module_graph()
    cycle = find_cycle(graph)
    where = [f"{a} -> {b}: line {', '.join(graph[a][b][:3])}" for a, b in zip(cycle, cycle[1:])] if cycle else []
    assert cycle is None, "module import cycle " + " -> ".join(cycle or []) + "\n" + "\n".join(where)


def test_the_cycle_finder_finds_a_cycle_hidden_in_a_function() -> None:
    """The check above is not vacuous: an import inside a function closes a cycle it reports."""
    hidden = ast.parse("def me():\n    from portal.questionnaires.actions import with_counts\n")
    assert "portal.questionnaires.actions" in _imported(hidden)
    graph = {"accounts": {"questionnaires": ["profile.py:19"]}, "questionnaires": {"accounts": ["actions.py:13"]}}
    assert find_cycle(graph) == ["accounts", "questionnaires", "accounts"]
    assert find_cycle({"accounts": {"platform": []}, "platform": {}}) is None


def test_platform_and_the_domain_never_import_the_composed_views() -> None:
    importers = sorted(p for p, targets in package_graph().items() if "composed" in targets)
    assert importers == []


def test_platform_imports_no_other_package() -> None:
    assert package_graph()["platform"] == {}


def test_every_packages_error_catalog_is_found_without_the_platform_naming_it() -> None:
    from portal.platform.texts import known_codes

    for path in PORTAL.glob("*/error_messages.json"):
        assert set(json.loads(path.read_text(encoding="utf-8"))) <= known_codes(), path
    texts = (PORTAL / "platform" / "texts.py").read_text(encoding="utf-8")
    assert not [name for name in PACKAGES if name != "platform" and f'"{name}"' in texts]


def _module_imports(path: Path) -> set[str]:
    """The portal modules a file imports when it is loaded (top level, not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.update(n for n in _imported(node) if n.startswith("portal."))
    return found


def _loads(path: Path) -> set[str]:
    """Every portal module loaded, transitively, by importing the file at ``path``."""
    seen: set[str] = set()
    todo = list(_module_imports(path))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        file = PORTAL.parent / (name.replace(".", "/") + ".py")
        package = PORTAL.parent / name.replace(".", "/") / "__init__.py"
        for candidate in (file, package):
            if candidate.exists():
                todo.extend(_module_imports(candidate))
    return seen


def test_every_client_function_that_changes_state_registers_the_csrf_refusal_audit() -> None:
    """platform.http tells its CSRF_REFUSAL_LISTENERS of a forged request; portal.web.csrf_audit
    registers the audit entry when it loads. A client function with a POST, PUT, PATCH or DELETE
    route that did not load it would refuse forged requests without a trace (ASVS 7.1.3)."""
    changing = ("post", "put", "patch", "delete")
    missing = []
    for app in sorted((ROOT / "functions" / "client").glob("*/app.py")):
        source = app.read_text(encoding="utf-8")
        if any(f".{verb}(" in source for verb in changing) and "portal.web.csrf_audit" not in _loads(app):
            missing.append(app.parent.name)
    assert missing == []
