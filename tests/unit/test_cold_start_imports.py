"""The cold-start guard, without a clock: what each function's handler module loads at import.

``make bench`` times cold starts; this tier only counts. Every function of template.yaml is imported
the way Lambda does it (its CodeUri first on ``sys.path``, the template's Handler module) in a fresh
interpreter, and the modules it loaded are compared with those of the baseline handler
(``benchmarks/baseline``: boto3 and powertools' REST resolver). A function fails when it loads a
module on the deny-list, or more modules beyond the baseline than its kind's budget, and the failure
names the chain of imports that pulled the module in (issue 21: a handler that imported
``portal.platform.openapi`` for one constant paid ~120 ms of powertools' OpenAPI models).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from benchmarks.coldstart import BASELINE, Target, targets

# Who imported what: builtins.__import__ sees the importing module's globals, so each newly loaded
# module is credited to the innermost module whose import statement loaded it.
_PROBE = """
import builtins, importlib, json, sys
sys.path.insert(0, sys.argv[1])
importer_of, real, opened = {}, builtins.__import__, []
def audit(event, args):
    if event == "open" and isinstance(args[0], str) and args[0].endswith((".ttf", ".otf")):
        opened.append(args[0])
sys.addaudithook(audit)
def tracking(name, globals=None, locals=None, fromlist=(), level=0):
    before, known = len(sys.modules), set(sys.modules)
    try:
        return real(name, globals, locals, fromlist, level)
    finally:
        if len(sys.modules) != before:
            who = (globals or {}).get("__name__") or "?"
            for module in set(sys.modules) - known:
                importer_of.setdefault(module, who)
builtins.__import__ = tracking
importlib.import_module(sys.argv[2])
builtins.__import__ = real
print(json.dumps({"modules": sorted(sys.modules), "importer_of": importer_of, "fonts": opened}))
"""

OPENAPI_MODELS = "aws_lambda_powertools.event_handler.openapi.models"
# Loaded at import by no request function: the OpenAPI models belong to the OpenAPI functions (which
# build the document), fpdf (and the PDF fonts, files the probe watches being opened) are loaded
# while a PDF is rendered, and jinja2 while an e-mail is rendered.
DENIED = {
    "client": (OPENAPI_MODELS, "fpdf", "jinja2"),
    "admin": (OPENAPI_MODELS, "fpdf"),
    "job": (OPENAPI_MODELS, "fpdf"),
}
OPENAPI_FUNCTIONS = {"ClientOpenApiFunction", "AdminOpenApiFunction"}
# The sign-in functions answer with Me (portal.composed.profile.login_response): the Acties panel in it
# (questionnaires over the dossiers' grants) loads at the first successful sign-in, not at import, and
# the 2-step and passkey settings only where they are changed. PasswordFunction loaded all of them at
# import until 2026-11-30 (it and SessionsFunction were then measured at 1.31x against 1.3x, though
# much of that was a loaded machine's noise: see benchmarks/coldstart.py).
_SIGN_IN_DENIED = ("portal.questionnaires", "portal.dossiers", "portal.accounts.passkeys", "portal.accounts.two_factor",
                   "email.headerregistry")
DENIED_FOR = {
    "PasswordFunction": _SIGN_IN_DENIED,
    "SessionFunction": _SIGN_IN_DENIED,
    "SecondFactorFunction": _SIGN_IN_DENIED,
    # The list of signed-in devices reads sessions: nothing of Me, of the dossiers or of the device cookie.
    "SessionsFunction": ("portal.composed", "portal.questionnaires", "portal.dossiers",
                         "portal.accounts.trusted_devices", "email.headerregistry"),
}
# Modules beyond the baseline's (ours, pynamodb, a few standard ones): 9 to 78 per function on
# 2026-11-29 (QuestionnairesCompleteFunction the most); a jump past this means a new dependency
# loaded at import, which the failure names.
EXTRA_BUDGET = {"client": 95, "admin": 95, "job": 95}
# Tighter for the two functions whose cold start was over budget: 66 and 51 on 2026-11-30 (80 and 52
# before the Acties panel, the 2-step and passkey modules, trusted devices and email.headerregistry
# became lazy), with a little room.
EXTRA_BUDGET_FOR = {"PasswordFunction": 70, "SessionsFunction": 55}


@cache
def _all_targets() -> dict[str, Target]:
    return {target.name: target for target in targets()}


@cache
def loaded(name: str) -> dict:
    target = _all_targets()[name]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", _PROBE, str(target.code_uri), target.module],
        cwd=target.code_uri, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, f"importing {name} failed: {done.stderr.strip()[-800:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def chain(found: dict, module: str) -> str:
    """``jinja2 <- portal.platform.mail <- portal.accounts.links <- app``: who pulled it in."""
    steps, seen = [module], {module}
    while (who := found["importer_of"].get(steps[-1])) and who not in seen:
        steps.append(who)
        seen.add(who)
    return " <- ".join(steps)


def denied_loaded(found: dict, kind: str, name: str) -> list[str]:
    denied = [d for d in DENIED[kind] if not (d == OPENAPI_MODELS and name in OPENAPI_FUNCTIONS)]
    denied += DENIED_FOR.get(name, ())
    modules = found["modules"]
    hits = [m for m in modules if any(m == d or m.startswith(d + ".") for d in denied)]
    roots = [m for m in hits if not any(m.startswith(other + ".") for other in hits)]
    return [chain(found, module) for module in roots] + [f"font {path}" for path in found["fonts"]]


FUNCTIONS = sorted(name for name in _all_targets() if name != BASELINE)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_handler_import_loads_nothing_denied_and_stays_in_budget(name: str) -> None:
    target = _all_targets()[name]
    found = loaded(name)
    assert denied_loaded(found, target.kind, name) == [], (
        f"{name} loads at import what only rendering, the OpenAPI document or a later request needs")
    extra = sorted(set(found["modules"]) - set(loaded(BASELINE)["modules"]))
    budget = EXTRA_BUDGET_FOR.get(name, EXTRA_BUDGET[target.kind])
    assert len(extra) <= budget, (
        f"{name} loads {len(extra)} modules beyond the baseline (budget {budget}): "
        + ", ".join(chain(found, m) for m in extra if "." not in m))


def test_the_guard_names_the_openapi_models_and_who_pulled_them_in(tmp_path: Path) -> None:
    """The change that caused issue 21, replayed: a handler importing portal.platform.openapi fails."""
    (tmp_path / "app.py").write_text(
        "from portal.platform.http import Router, handler_for\n"
        "from portal.platform.openapi import SESSION\n"
        "router = Router()\nlambda_handler = handler_for(router, api='client')\n")
    _all_targets()["Regression"] = Target("Regression", tmp_path, "app", "client")
    try:
        found = loaded("Regression")
        assert denied_loaded(found, "client", "Regression") == [
            f"{OPENAPI_MODELS} <- portal.platform.openapi <- app"]
    finally:
        del _all_targets()["Regression"]


def test_the_openapi_functions_may_load_the_models_and_still_not_jinja2() -> None:
    found = loaded("ClientOpenApiFunction")
    assert OPENAPI_MODELS in found["modules"]
    assert denied_loaded(found, "client", "ClientOpenApiFunction") == []
