"""Traces show the AWS calls (issue 13), without a cold-start cost: the X-Ray SDK loads on a
function's first invocation in Lambda, never at import, and never outside Lambda."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from portal.platform.log import traced

ROOT = Path(__file__).resolve().parents[2]

# A fresh interpreter that looks like Lambda with active tracing (a sampled trace id), imports a
# job the way Lambda does, invokes it twice, and reports what was loaded when and which X-Ray
# subsegments the second invocation's AWS calls produced.
_LAMBDA = """
import importlib.util, json, sys
from moto import mock_aws
sys.path.insert(0, sys.argv[1])
spec = importlib.util.spec_from_file_location("app", sys.argv[1] + "/app.py")
app = importlib.util.module_from_spec(spec)
spec.loader.exec_module(app)
at_import = "aws_xray_sdk" in sys.modules

class Context:
    function_name, memory_limit_in_mb, aws_request_id = "f", 512, "r"
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:f"
    def get_remaining_time_in_millis(self):
        return 10_000

with mock_aws():
    from portal_local import resources
    from portal.platform.aws import client
    resources.create_all({n: client(n) for n in ("dynamodb", "s3", "ses")}, {"SiteUrl": "https://x.example"})
    app.lambda_handler({"source": "aws.events"}, Context())
    from aws_xray_sdk.core import xray_recorder
    sent = []
    class Emitter:
        def send_entity(self, entity):
            sent.append(entity.name)
        def set_daemon_address(self, address):
            pass
    xray_recorder.emitter = Emitter()
    app.lambda_handler({"source": "aws.events"}, Context())
print(json.dumps({"at_import": at_import, "after": "aws_xray_sdk" in sys.modules, "subsegments": sent}))
"""


def test_in_lambda_the_aws_calls_become_subsegments_and_the_sdk_loads_only_when_invoked(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "POWERTOOLS_TRACE_DISABLED"}
    env.update({
        "AWS_LAMBDA_FUNCTION_NAME": "DigestFunction", "LAMBDA_TASK_ROOT": str(tmp_path),
        "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    job = ROOT / "functions/jobs/digest"
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _LAMBDA, str(job)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr[-1500:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["at_import"] is False  # the init phase of a cold start does not pay for it
    assert found["after"] is True
    assert "dynamodb" in found["subsegments"], found  # the digest's table reads, through pynamodb


def test_outside_lambda_or_with_tracing_disabled_the_handler_is_left_as_it_is(monkeypatch) -> None:
    from portal.platform.settings import reset_settings

    def handler(event, context):
        return event

    loaded = "aws_xray_sdk" in sys.modules
    # The tests run with POWERTOOLS_TRACE_DISABLED and outside Lambda: nothing is patched or loaded.
    assert traced(handler)("event", None) == "event"
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "f")
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "true")
    reset_settings()
    try:
        assert traced(handler)("event", None) == "event"
        assert ("aws_xray_sdk" in sys.modules) == loaded
    finally:
        monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME")
        reset_settings()
