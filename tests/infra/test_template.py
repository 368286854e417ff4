"""The template is deployable: cfn-lint clean, translates offline, and matches the code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from portal_local import template

from tests.support.sam import translated_template

ROOT = Path(__file__).resolve().parents[2]


def test_template_passes_cfn_lint() -> None:
    result = subprocess.run(  # noqa: S603
        [str(Path(os.sys.executable).parent / "cfn-lint"), str(ROOT / "template.yaml")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_template_translates_offline_with_sam_translator() -> None:
    translated = translated_template()
    types = {resource["Type"] for resource in translated["Resources"].values()}
    assert "AWS::Lambda::Function" in types
    assert "AWS::ApiGateway::RestApi" in types
    assert "AWS::Lambda::LayerVersion" in types
    json.dumps(translated)  # fully resolved into plain CloudFormation


def test_every_template_function_has_its_handler_file() -> None:
    for function in template.functions():
        assert function.handler_file.is_file(), f"{function.logical_id}: {function.handler_file} is missing"
        assert f"def {function.handler_attribute}" in function.handler_file.read_text() or (
            f"{function.handler_attribute} =" in function.handler_file.read_text()
        ), f"{function.logical_id}: no {function.handler_attribute} in {function.handler_file}"


def test_every_handler_file_is_in_the_template() -> None:
    declared = {function.handler_file.resolve() for function in template.functions()}
    on_disk = {path.resolve() for path in (ROOT / "functions").glob("*/*/app.py")}
    assert on_disk - declared == set(), "handlers not deployed by template.yaml"


def test_every_api_route_is_served_by_exactly_one_function() -> None:
    seen: dict[tuple[str, str, str], str] = {}
    for route in template.routes():
        key = (route.api, route.method, route.path)
        assert key not in seen, f"{key} is routed to {seen[key]} and {route.function}"
        seen[key] = route.function
        expected_prefix = "/api/" if route.api == "ClientApi" else "/admin/"
        assert route.path.startswith(expected_prefix), route


@pytest.mark.slow
@pytest.mark.xdist_group("sam")
def test_sam_build_succeeds() -> None:
    sam = os.environ.get("SAM_CLI") or shutil.which("sam")
    assert sam, "the SAM CLI is not installed: run the tests through `make test`"
    env = {**os.environ, "PYENV_VERSION": os.environ.get("SAM_PYENV", "3.12.1"), "SAM_CLI_TELEMETRY": "0"}
    # --cached needs SAM's build graph (build.toml, the cache's keys), which it keeps beside the build
    # folder: in tmp_path it was lost, and every run built the layer and every function from scratch
    # (230 s). Here (.aws-sam/, ignored by git) it persists; the folder itself is emptied first, so
    # only this build's output can satisfy the checks below.
    built = ROOT / ".aws-sam" / "test-build" / "build"
    shutil.rmtree(built, ignore_errors=True)
    result = subprocess.run(  # noqa: S603
        [sam, "build", "--template-file", str(ROOT / "template.yaml"), "--build-dir", str(built),
         "--cache-dir", str(ROOT / ".aws-sam" / "cache"), "--cached"],
        cwd=ROOT, capture_output=True, text=True, env=env, check=False, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (built / "PortalLayer" / "python" / "portal" / "platform" / "http.py").is_file()
    assert (built / "PortalLayer" / "python" / "aws_lambda_powertools").is_dir()
    assert (built / "HealthFunction" / "app.py").is_file()
