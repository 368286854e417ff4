"""Section 3: latency in process, p50 and p95 per client endpoint, as a ratio to one moto GetItem.

Each endpoint is called through its function's ``lambda_handler`` (imported once, like a warm
Lambda) against moto in this process, on the small data set; only the call is timed, never the
scenario's preparation. The baseline is a single strongly consistent GetItem of an account item
through the same moto, sampled between the endpoint's own requests (one every few requests), so
both sides see the same moments of the machine; the ratio says how much our code adds over one
storage round trip. Beside the wall-clock ratio, the ratio of CPU time (this thread's), which a
busy machine does not inflate.

Two worker processes (one per core, each with its own moto, data set and GetItem samples: an
endpoint's ratio is to its own worker's GetItem) take the endpoints from one queue: the reads
first (writes grow the data they touch), then the writes, the heaviest first (argon2, the PDF), so
both finish together. Requests per endpoint: 1,000 asked, never fewer than 200; an endpoint gets
at most its share of the section's time (see :func:`requests_for`), and the table shows n.
Argon2 (password checks), the PDF and the QR code make some endpoints cost many GetItems by
design; their ratio shows it, there is no latency budget.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import budgets
from benchmarks.dataset import World, build
from benchmarks.inprocess import Handlers, mocked_aws
from benchmarks.scenarios import Scenario, client_routes

TARGET = 1000  # requests per endpoint, as the issue asks
FLOOR = 200  # never fewer
GETITEM_EVERY = 4  # one baseline sample per this many endpoint requests
WARM, ESTIMATE = 2, 3  # untimed first requests (lazy imports, caches), then timed ones to learn the cost
WORKERS = 2  # one per core: the section runs alone
ROOT = Path(__file__).resolve().parents[1]


class Sampler:
    def __init__(self, world: World) -> None:
        from portal.platform.aws import client
        from portal.platform.settings import get_settings

        self.dynamodb, self.table = client("dynamodb"), get_settings().table_name
        self.key = {"pk": {"S": world.person.pk}, "sk": {"S": "META"}}
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def getitem(self, keep: bool = True) -> None:
        started, cpu = time.perf_counter(), time.thread_time()
        self.dynamodb.get_item(TableName=self.table, Key=self.key, ConsistentRead=True)
        if keep:
            self.wall.append(time.perf_counter() - started)
            self.cpu.append(time.thread_time() - cpu)


def requests_for(seconds_per_request: float, share_seconds: float, target: int = TARGET, floor: int = FLOOR) -> int:
    """The target, unless the endpoint's share of the time runs out first; never below the floor."""
    if seconds_per_request <= 0:
        return target
    return max(floor, min(target, int(share_seconds / seconds_per_request)))


def queue_order(scenarios: list[Scenario]) -> list[Scenario]:
    # moto answers a GSI query by reading the whole table: reads that add items come after the rest.
    reads = sorted((s for s in scenarios if s.is_read), key=lambda s: s.grows)
    writes = sorted((s for s in scenarios if not s.is_read), key=lambda s: -s.heavy)
    return reads + writes


def _measure(handlers: Handlers, function: str, scenario: Scenario, world: World, n: int,
             sampler: Sampler | None) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for number in range(n):
        request = scenario.prepare(world)
        if sampler is not None and number % GETITEM_EVERY == 0:
            sampler.getitem()
        started, started_cpu = time.perf_counter(), time.thread_time()
        status, body = handlers.call(function, request)
        wall.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
        if status != request.expect:
            raise RuntimeError(f"{scenario.name}: status {status}, expected {request.expect}: {str(body)[:200]}")
    return wall, cpu


def _claim(claims: Path, index: int) -> bool:
    try:
        os.close(os.open(claims / f"{index}", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        return True
    except FileExistsError:
        return False


def measure(queue: list[Scenario], *, share_seconds: float, claims: Path, target: int = TARGET) -> dict[str, Any]:
    """One worker: its own moto, small data set and GetItem samples; endpoints claimed from the queue."""
    routes = client_routes()
    handlers = Handlers()
    rows: dict[str, dict[str, Any]] = {}
    with mocked_aws():
        world = build("small")
        sampler = Sampler(world)
        for _ in range(50):
            sampler.getitem(keep=False)  # the client's first calls
        for index, scenario in enumerate(queue):
            if not _claim(claims, index):
                continue
            function = routes[scenario.route]
            handlers.warm(function)
            _measure(handlers, function, scenario, world, WARM, None)
            started = time.perf_counter()
            _measure(handlers, function, scenario, world, ESTIMATE, None)
            cost = (time.perf_counter() - started) / ESTIMATE
            wall, cpu = _measure(handlers, function, scenario, world, requests_for(cost, share_seconds, target), sampler)
            rows[scenario.name] = {
                "function": function, "n": len(wall), "p50_ms": budgets.percentile(wall, 50) * 1000,
                "p95_ms": budgets.percentile(wall, 95) * 1000, "cpu_p50_ms": budgets.percentile(cpu, 50) * 1000,
                "seconds_per_request": round(cost, 4), "queue": index,
            }
    base = {"p50_ms": budgets.percentile(sampler.wall, 50) * 1000, "p95_ms": budgets.percentile(sampler.wall, 95) * 1000,
            "cpu_p50_ms": budgets.percentile(sampler.cpu, 50) * 1000, "n": len(sampler.wall)}
    for row in rows.values():
        row["p50_ratio"] = round(budgets.ratio(row["p50_ms"], base["p50_ms"]), 2)
        row["p95_ratio"] = round(budgets.ratio(row["p95_ms"], base["p95_ms"]), 2)
        row["cpu_ratio"] = round(budgets.ratio(row["cpu_p50_ms"], base["cpu_p50_ms"]), 2)
    return {"getitem": base, "endpoints": rows}


def run(scenarios: list[Scenario], *, budget_seconds: float, target: int = TARGET, workers: int = WORKERS,
        log: Any = print) -> tuple[dict[str, Any], list[budgets.Check]]:
    """The workers, one per core, on one queue; each endpoint's share is the budget over the endpoints."""
    queue = queue_order([s for s in scenarios if s.latency])
    share = budget_seconds * workers / len(queue)
    claims = Path(tempfile.mkdtemp(prefix="portal-bench-latency-"))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        running = [subprocess.Popen(  # noqa: S603 - this interpreter, this module
            [sys.executable, "-m", "benchmarks.latency", "--share", str(share), "--target", str(target),
             "--claims", str(claims), *(s.name for s in queue)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) for _ in range(workers)]
        answers = []
        for process in running:
            out, _ = process.communicate()
            if process.returncode != 0:
                raise RuntimeError(f"latency worker failed (exit {process.returncode})")
            answers.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        shutil.rmtree(claims, ignore_errors=True)
    rows: dict[str, dict[str, Any]] = {}
    for number, answer in enumerate(answers):
        for name, row in answer["endpoints"].items():
            rows[name] = {**row, "worker": number}
    rows = dict(sorted(rows.items(), key=lambda kv: kv[1]["queue"]))
    reduced = sorted(name for name, row in rows.items() if row["n"] < target)
    log(f"  latency: {len(rows)} endpoints in {workers} workers; GetItem p50 "
        + ", ".join(f"{a['getitem']['p50_ms']:.2f} ms" for a in answers)
        + f"; {len(reduced)} endpoints measured with fewer than {target}")
    return {"getitem": [a["getitem"] for a in answers], "endpoints": rows, "target": target, "floor": FLOOR,
            "budget_seconds": budget_seconds, "share_seconds": share, "reduced": reduced, "data_set": "small",
            "workers": workers}, []


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.latency --share S --claims DIR NAME...``: one worker, JSON on stdout."""
    import argparse

    from benchmarks.inprocess import prepare_environment

    parser = argparse.ArgumentParser()
    parser.add_argument("--share", type=float, required=True)
    parser.add_argument("--target", type=int, default=TARGET)
    parser.add_argument("--claims", type=Path, required=True)
    parser.add_argument("names", nargs="+")
    args = parser.parse_args(argv)
    sys.dont_write_bytecode = True
    prepare_environment()
    from benchmarks.scenarios import all_scenarios

    by_name = {s.name: s for s in all_scenarios()}
    queue = [by_name[name] for name in args.names]
    print(json.dumps(measure(queue, share_seconds=args.share, claims=args.claims, target=args.target)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
