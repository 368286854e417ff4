"""Section 3b: what an attacker can time, and what a password costs (issue 14, finding 8 and argon2id).

Forgotten password: POST /api/password-links for an address with an account and for one without,
through the function's ``lambda_handler`` against moto in this process, alternating one of each so
both see the same moments of the machine; the budget is on the ratio of their p50 (either way
round). Both answers must do the same work; the unknown address waits a typical SES send instead of
sending, so what is compared is the portal's own work plus SES's time.

Passwords: one argon2id verification with the deployed parameters (settings' defaults) beside one
with OWASP's minimum (19 MiB, 2 passes), alternating; and POST /api/session (a login: the verify,
the reads and writes, the session) with the deployed parameters, as a ratio to one moto GetItem
sampled between the logins. A 512 MB Lambda gets 512/1769 of a vCPU, so the CPU time a login
spends (this thread's, which other jobs on a shared machine do not inflate; moto's share of it
included, so on the safe side) takes about 1769/512 times as long there: shown as an estimate,
with a budget. Argon2 with one lane computes in the calling thread, so its CPU time is counted.
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks import budgets
from benchmarks.dataset import PASSWORD, World, build, site_headers
from benchmarks.inprocess import SOURCE_IP, Handlers, Request, mocked_aws

SECTION = "timing"
LINK_PAIRS = 300  # requests per address (known and unknown), alternating
LOGINS = 60
VERIFIES = 30  # per parameter set
OWASP_MINIMUM = {"memory_kib": 19 * 1024, "time_cost": 2, "parallelism": 1}
LAMBDA_MB, FULL_VCPU_MB = 512, 1769  # Lambda's CPU share grows with memory: one vCPU at 1,769 MB
EQUAL_WITHIN = 1.1
LOGIN_BUDGET_MS = 1000.0  # the estimated login on a 512 MB Lambda


def _route(method: str, path: str) -> str:
    from benchmarks.scenarios import client_routes

    return client_routes()[(method, path)]


def _link_request(world: World, address: str) -> Request:
    from portal.accounts import throttle

    throttle.reset(throttle.LINKS_PER_EMAIL, address)  # 5 an hour per address: the window is not measured
    throttle.reset(throttle.LINKS_PER_ADDRESS, SOURCE_IP)
    return Request("POST", "/api/password-links", headers=site_headers(), body={"email": address}, expect=202)


def _timed(handlers: Handlers, function: str, request: Request) -> float:
    started = time.perf_counter()
    status, body = handlers.call(function, request)
    elapsed = time.perf_counter() - started
    if status != request.expect:
        raise RuntimeError(f"{request.method} {request.path}: status {status}, expected {request.expect}: {body}")
    return elapsed


def password_links(handlers: Handlers, world: World, pairs: int = LINK_PAIRS) -> dict[str, Any]:
    function = _route("POST", "/api/password-links")
    handlers.warm(function)
    known_address, unknown_address = world.accounts["links"].email, "niemand-bekend@example.nl"
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for number in range(pairs + 5):
        order = ("known", "unknown") if number % 2 == 0 else ("unknown", "known")
        for which in order:
            request = _link_request(world, known_address if which == "known" else unknown_address)
            elapsed = _timed(handlers, function, request)
            if number >= 5:  # the first few warm the code paths and the send-time median
                times[which].append(elapsed)
    known, unknown = (budgets.percentile(times[k], 50) * 1000 for k in ("known", "unknown"))
    return {"n": pairs, "known_p50_ms": known, "unknown_p50_ms": unknown,
            "known_p95_ms": budgets.percentile(times["known"], 95) * 1000,
            "unknown_p95_ms": budgets.percentile(times["unknown"], 95) * 1000,
            "ratio": round(budgets.ratio(known, unknown), 3)}


def _verify_ms(memory_kib: int, time_cost: int, parallelism: int, samples: list[float]) -> None:
    """One verify's CPU time in ms (this thread's: a busy machine does not inflate it)."""
    from argon2 import PasswordHasher

    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)
    stored = hasher.hash(PASSWORD)
    started = time.thread_time()
    hasher.verify(stored, PASSWORD)
    samples.append((time.thread_time() - started) * 1000)


def passwords(handlers: Handlers, world: World, logins: int = LOGINS, verifies: int = VERIFIES) -> dict[str, Any]:
    from portal.platform.settings import get_settings

    from benchmarks.latency import Sampler

    settings = get_settings()
    deployed = {"memory_kib": settings.password_memory_kib, "time_cost": settings.password_time_cost,
                "parallelism": settings.password_parallelism}
    verify: dict[str, list[float]] = {"deployed": [], "minimum": []}
    for _ in range(verifies):
        _verify_ms(**deployed, samples=verify["deployed"])
        _verify_ms(**OWASP_MINIMUM, samples=verify["minimum"])
    function = _route("POST", "/api/session")
    handlers.warm(function)
    sampler = Sampler(world)
    login = Request("POST", "/api/session", headers=site_headers(), body={"email": world.person.email,
                                                                          "password": PASSWORD})
    wall, cpu = [], []
    for number in range(logins + 3):
        sampler.getitem(keep=number >= 3)
        started_cpu = time.thread_time()
        elapsed = _timed(handlers, function, login)
        if number >= 3:
            wall.append(elapsed * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
    deployed_ms, minimum_ms = budgets.percentile(verify["deployed"], 50), budgets.percentile(verify["minimum"], 50)
    login_ms, getitem_ms = budgets.percentile(wall, 50), budgets.percentile(sampler.wall, 50) * 1000
    login_cpu_ms = budgets.percentile(cpu, 50)
    lambda_ms = login_cpu_ms * FULL_VCPU_MB / LAMBDA_MB
    return {
        "deployed": deployed, "minimum": OWASP_MINIMUM, "verify_deployed_ms": deployed_ms,
        "verify_minimum_ms": minimum_ms, "verify_ratio": round(budgets.ratio(deployed_ms, minimum_ms), 2),
        "login_p50_ms": login_ms, "login_p95_ms": budgets.percentile(wall, 95), "login_cpu_p50_ms": login_cpu_ms,
        "getitem_p50_ms": getitem_ms,
        "login_vs_getitem": round(budgets.ratio(login_ms, getitem_ms), 1), "logins": logins,
        "lambda_estimate_ms": lambda_ms,
    }


def checks(result: dict[str, Any]) -> list[budgets.Check]:
    links, hashing = result["password_links"], result["passwords"]
    spread = max(links["ratio"], 1 / links["ratio"])
    return [
        budgets.at_most(SECTION, "forgotten password: known vs unknown address, p50 (either way round)", spread,
                        EQUAL_WITHIN, unit="x", compared_with="the other address's p50, alternating requests",
                        cause="one path does work the other skips (portal.accounts.links)"),
        budgets.holds(SECTION, "argon2id: deployed parameters cost more than OWASP's minimum",
                      hashing["verify_ratio"] > 1.0, measured=f"{hashing['verify_ratio']:.2f}x",
                      limit="> 1x", compared_with="one verify at m=19 MiB, t=2, p=1",
                      cause="settings' password_* defaults at or below the minimum"),
        budgets.at_most(SECTION, "login with the deployed argon2id, estimated on a 512 MB Lambda",
                        hashing["lambda_estimate_ms"], LOGIN_BUDGET_MS, unit=" ms", digits=0,
                        compared_with="this machine's login CPU time p50, scaled by 1769/512 (CPU share)",
                        cause="argon2id parameters too costly for the function's memory"),
    ]


def run() -> tuple[dict[str, Any], list[budgets.Check]]:
    handlers = Handlers()
    with mocked_aws():
        world = build("small")
        result = {"password_links": password_links(handlers, world), "passwords": passwords(handlers, world)}
    return result, checks(result)
