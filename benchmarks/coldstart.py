"""Section 1: cold start per function, as the import of its handler module in a fresh interpreter.

For every function in template.yaml, and for the baseline handler (``benchmarks/baseline``: boto3
and powertools' Logger and REST resolver only), a new interpreter imports the module the way
Lambda does (the function's CodeUri first on ``sys.path``, the template's ``Handler`` module) and
reports the time of that import and the packages it loaded. 15 rounds, each in a new random order
of all functions and the baseline, so a slow moment hits both sides; the median of 15 per
function, divided by the baseline's median. The ratio (and the budget) is of process CPU time:
importing is CPU work, and on a machine shared with other jobs the wall clock also counts the
waits for a core (both are in the table; on an idle machine they agree).

Bytecode is cached for everything alike (ours and the libraries'), in a temporary
``PYTHONPYCACHEPREFIX`` filled by one warm-up import per function: the repository is not written
to. Lambda would also compile our own modules on a cold start (sam build ships no .pyc for them);
that cost is not in these figures.

Budgets: every client API function at most 1.3x the baseline and without jinja2 at import; fpdf
loaded at import by no function but the PDF renderer (which ships it, and imports it while rendering).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import budgets

SECTION = "cold start"
ROOT = Path(__file__).resolve().parents[1]
BASELINE = "Baseline"
ROUNDS = 15
CLIENT_LIMIT = 1.3
WATCHED = ("fpdf", "jinja2", "argon2", "segno", "pyotp", "boto3", "pynamodb", "pydantic")

_PROBE = """
import importlib, json, sys, time
sys.path.insert(0, sys.argv[1])
started, cpu = time.perf_counter(), time.process_time()
importlib.import_module(sys.argv[2])
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
std = set(sys.stdlib_module_names)
tops = sorted({m.split(".")[0] for m in list(sys.modules)} - std - {"__main__"})
print(json.dumps({"ms": elapsed * 1000, "cpu_ms": cpu * 1000, "packages": tops}))
"""


@dataclass(frozen=True)
class Target:
    name: str
    code_uri: Path
    module: str
    kind: str  # client | admin | job | baseline


def targets() -> list[Target]:
    from portal_local.template import functions, routes

    apis = {}
    for route in routes():
        apis.setdefault(route.function, route.api)
    found = [Target(BASELINE, ROOT / "benchmarks" / "baseline", "app", "baseline")]
    for function in functions():
        api = apis.get(function.logical_id)
        kind = "client" if api == "ClientApi" else "admin" if api == "AdminApi" else "job"
        found.append(Target(function.logical_id, function.code_uri, function.handler.rsplit(".", 1)[0], kind))
    return found


def lambda_environment(cache: str) -> dict[str, str]:
    """What a function sees in AWS (template.yaml's environment, deployed names), without AWS
    credentials or endpoints."""
    from portal_local.environment import RUNTIME, Resolver, function_environment

    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "PYTHONDONTWRITEBYTECODE"}
    deployed = Resolver({"SiteUrl": "https://portaal.notaris.example"}, stack_name="portal", names={})
    env.update({**RUNTIME, **function_environment(None, deployed), "PYTHONPYCACHEPREFIX": cache})
    return env


def probe(target: Target, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", _PROBE, str(target.code_uri), target.module],
        cwd=target.code_uri, env=env, capture_output=True, text=True, timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"importing {target.name} failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(rounds: int = ROUNDS, log: Any = print) -> tuple[dict[str, Any], list[budgets.Check]]:
    found = targets()
    cache = tempfile.mkdtemp(prefix="portal-bench-pyc-")
    env = lambda_environment(cache)
    times: dict[str, list[float]] = {t.name: [] for t in found}
    cpu: dict[str, list[float]] = {t.name: [] for t in found}
    packages: dict[str, list[str]] = {}
    try:
        for target in found:  # warm-up: compiles every module once into the cache
            packages[target.name] = probe(target, env)["packages"]
        order = random.Random(8)
        for number in range(rounds):
            shuffled = list(found)
            order.shuffle(shuffled)
            for target in shuffled:
                measured = probe(target, env)
                times[target.name].append(measured["ms"])
                cpu[target.name].append(measured["cpu_ms"])
            if number == 0:
                log(f"  cold start: round 1 of {rounds} done ({len(found)} imports a round)")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    baseline, baseline_cpu = budgets.median(times[BASELINE]), budgets.median(cpu[BASELINE])
    rows = {}
    for target in found:
        median, median_cpu = budgets.median(times[target.name]), budgets.median(cpu[target.name])
        rows[target.name] = {
            "kind": target.kind, "median_ms": round(median, 1), "median_cpu_ms": round(median_cpu, 1),
            "ratio": round(budgets.ratio(median_cpu, baseline_cpu), 2),
            "wall_ratio": round(budgets.ratio(median, baseline), 2),
            "runs": len(times[target.name]), "loaded": {name: name in packages[target.name] for name in WATCHED},
            "packages": len(packages[target.name]),
        }
    return {"baseline_ms": round(baseline, 1), "baseline_cpu_ms": round(baseline_cpu, 1), "rounds": rounds,
            "functions": rows}, checks(rows)


def checks(rows: dict[str, dict[str, Any]], pdf_renderers: set[str] | None = None) -> list[budgets.Check]:
    renderers = pdf_renderers if pdf_renderers is not None else set()
    found = []
    for name, row in rows.items():
        if row["kind"] == "client":
            heavy = [p for p in ("fpdf", "jinja2", "argon2", "segno", "pyotp") if row["loaded"].get(p)]
            found.append(budgets.at_most(
                SECTION, f"{name}: import time", row["ratio"], CLIENT_LIMIT, unit="x",
                compared_with="the baseline handler (boto3 + powertools), median CPU time of 15 each",
                cause=f"loads at import: {', '.join(heavy) or 'pynamodb, pydantic models and the domain modules'}",
            ))
        if row["kind"] == "client":
            found.append(budgets.holds(
                SECTION, f"{name}: jinja2 not loaded at import", not row["loaded"].get("jinja2"),
                measured="loaded" if row["loaded"].get("jinja2") else "not loaded", limit="not loaded",
                compared_with="jinja2 loads only while an e-mail is rendered (portal.platform.mail)",
                cause="a module-level import of jinja2 or of the mail templates",
            ))
        if row["kind"] != "baseline" and name not in renderers:
            found.append(budgets.holds(
                SECTION, f"{name}: fpdf not loaded at import", not row["loaded"].get("fpdf"),
                measured="loaded" if row["loaded"].get("fpdf") else "not loaded", limit="not loaded",
                compared_with="only the PDF renderer may load fpdf2", cause="a module-level import of fpdf",
            ))
    return found
