"""Call a function's ``lambda_handler`` the way API Gateway and EventBridge would.

Each handler module is imported once (a warm Lambda) and invoked under its own lock: like a Lambda
instance, a module handles one event at a time. Each invocation runs as the function's own role
(portal_local.iam): an AWS call its policy in template.yaml does not allow fails as in AWS.
"""

from __future__ import annotations

import importlib.util
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from portal_local import iam
from portal_local.template import Function


@dataclass
class LambdaContext:
    """The context Lambda passes to a handler (what powertools and the portal read of it)."""

    function_name: str = "test"
    timeout_seconds: int = 30
    memory_limit_in_mb: int = 512
    aws_request_id: str = ""

    def __post_init__(self) -> None:
        self.aws_request_id = self.aws_request_id or str(uuid.uuid4())
        self.invoked_function_arn = f"arn:aws:lambda:eu-west-1:123456789012:function:{self.function_name}"
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self.log_stream_name = "local"
        self._deadline = datetime.now(UTC).timestamp() + self.timeout_seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - datetime.now(UTC).timestamp()) * 1000))


def load_handler_module(path: Path, name: str) -> Any:
    """Import a function's handler file by path, as Lambda loads it: a module of its own, outside
    any package (the local stack, the tests and the benchmarks all load handlers so)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Invoker:
    def __init__(self) -> None:
        self._modules: dict[str, Any] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        iam.install()

    def _handler(self, function: Function) -> tuple[Any, threading.Lock]:
        with self._guard:
            if function.logical_id not in self._modules:
                name = f"_portal_fn_{function.logical_id}"
                self._modules[function.logical_id] = load_handler_module(function.handler_file, name)
                self._locks[function.logical_id] = threading.Lock()
            module = self._modules[function.logical_id]
            return getattr(module, function.handler_attribute), self._locks[function.logical_id]

    def invoke(self, function: Function, event: dict[str, Any]) -> Any:
        handler, lock = self._handler(function)
        with lock, iam.acting_as(function.logical_id):
            return handler(event, LambdaContext(function.logical_id, function.timeout))


def scheduled_event(function: Function) -> dict[str, Any]:
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "123456789012",
        "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": "eu-west-1",
        "resources": [f"arn:aws:events:eu-west-1:123456789012:rule/{function.logical_id}"],
        "detail": {},
    }
