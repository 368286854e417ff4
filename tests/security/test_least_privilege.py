"""The table permissions in template.yaml against what the code really does: every client endpoint
and the scheduled jobs run once each (tests/support/table_operations.py), and each DynamoDB call
they make must be allowed to the function that makes it, while none of them ever changes an audit
entry, so the template's deny on AUDIT# keys costs the portal nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.security.test_template_rules import function_statements, listed, table_actions
from tests.support.sam import translated_template

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def observed() -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    done = subprocess.run(  # noqa: S603 - our own module, in its own interpreter
        [sys.executable, "-m", "tests.support.table_operations"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def resources() -> dict[str, Any]:
    return translated_template()["Resources"]


@pytest.mark.slow
def test_every_endpoint_and_job_ran_and_succeeded(observed) -> None:
    assert observed["failed"] == []
    assert len(observed["actions"]) >= 18  # the client functions with table access, and three jobs
    assert {"DigestFunction", "UploadCleanupFunction", "SesEventsFunction", "MeFunction"} <= set(observed["actions"])


@pytest.mark.slow
def test_each_function_is_allowed_every_table_action_it_makes(observed, resources) -> None:
    allowed = table_actions(resources)
    missing = {name: sorted(set(made) - allowed.get(name, set())) for name, made in observed["actions"].items()}
    assert {name: gap for name, gap in missing.items() if gap} == {}


@pytest.mark.slow
def test_no_function_ever_changes_an_audit_entry_it_did_not_just_add(observed, resources) -> None:
    audit = [(name, action) for name, action, pk in observed["changed_keys"] if pk.startswith("AUDIT#")]
    assert audit, "the run writes audit entries (sign-ins, sends): the check below must see them"
    assert {action for _, action in audit} <= {"dynamodb:PutItem"}
    # ... which is why the template can deny the rest on AUDIT# keys to every function.
    denied = {name for name, statement in function_statements(resources, "Deny")
              if "dynamodb:UpdateItem" in listed(statement["Action"])}
    assert {name for name, _ in audit} <= denied
