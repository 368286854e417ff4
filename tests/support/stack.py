"""The local stack as a test fixture: started in its own process on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RunningStack:
    def __init__(self, url: str, process: subprocess.Popen[str]) -> None:
        self.url = url
        self.process = process

    def admin(self):  # noqa: ANN201
        from portal_admin.client import AdminClient

        return AdminClient(self.url + "/admin")

    def mails(self, to: str | None = None) -> list[dict]:
        found = requests.get(self.url + "/_dev/mail", timeout=30).json()
        return [m for m in found if to is None or to in m["to"]]

    def sms(self) -> list[dict]:
        return requests.get(self.url + "/_dev/sms", timeout=30).json()


# How long a stack may take to answer /api/health: a few seconds on an idle machine, but past a
# minute on two cores shared with other test runs; a session stack that gives up fails every test
# of its worker, so wait long (a stack that exits early still fails at once).
START_WITHIN = 300


def start_stack(*extra: str, within: float = START_WITHIN) -> RunningStack:
    """``python -m portal_local`` on a free port, without schedules; ready once /api/health answers.
    The benchmark's screens section starts it too."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["PYTHONUNBUFFERED"] = env["PYTHONDONTWRITEBYTECODE"] = "1"
    # Every test client comes from 127.0.0.1: per-address limits are tested in the unit tier.
    env["LOGIN_FAILURES_PER_ADDRESS"] = env["LINK_REQUESTS_PER_ADDRESS"] = "100000"
    # They are also one office: its SMS budget is tested in the unit tier (each account keeps its own).
    # Template parameters, as a deployment would set them (the template sets these variables).
    budgets = ["--parameter", "SmsOfficeHourlyBudget=100000", "--parameter", "SmsOfficeDailyBudget=100000"]
    env["IBAN_CHECKS_PER_ADDRESS"] = "100000"  # the public check's limit: tests/unit/test_payments.py
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "portal_local", "--port", str(port), "--no-schedules", *budgets, *extra],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"local stack exited: {process.stdout.read() if process.stdout else ''}")
        try:
            if requests.get(url + "/api/health", timeout=1).status_code == 200:
                return RunningStack(url, process)
        except requests.RequestException:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"local stack did not start within {within:.0f} s")


def stop_stack(stack: RunningStack) -> None:
    """Killed, not asked to stop: everything it holds is in its own memory (moto included), and its
    orderly stop took 5-10 s per stack (tests/integration/test_local_stack.py tests that stop)."""
    stack.process.kill()
    stack.process.wait(timeout=30)


@pytest.fixture(scope="session")
def stack() -> Iterator[RunningStack]:
    running = start_stack()
    yield running
    stop_stack(running)
