"""The timing section's budgets and table on made-up figures: `make test` never runs the benchmark."""

from __future__ import annotations

from typing import Any

from benchmarks import report, timing


def result(known_ms: float, unknown_ms: float, lambda_ms: float = 400.0, verify_ratio: float = 2.4) -> dict[str, Any]:
    params = {"memory_kib": 46 * 1024, "time_cost": 2, "parallelism": 1}
    return {
        "password_links": {"n": 300, "known_p50_ms": known_ms, "unknown_p50_ms": unknown_ms, "known_p95_ms": 1.0,
                           "unknown_p95_ms": 1.0, "ratio": known_ms / unknown_ms},
        "passwords": {"deployed": params, "minimum": timing.OWASP_MINIMUM, "verify_deployed_ms": 75.0,
                      "verify_minimum_ms": 75.0 / verify_ratio, "verify_ratio": verify_ratio, "login_p50_ms": 100.0,
                      "login_p95_ms": 120.0, "login_cpu_p50_ms": 95.0, "getitem_p50_ms": 2.0,
                      "login_vs_getitem": 50.0, "logins": 60, "lambda_estimate_ms": lambda_ms},
    }


def failing(figures: dict[str, Any]) -> list[str]:
    return [c.name.split(":")[0] for c in timing.checks(figures) if not c.passed]


def test_the_forgotten_password_budget_holds_either_way_round_within_ten_percent() -> None:
    assert failing(result(100.0, 100.0)) == []
    assert failing(result(109.0, 100.0)) == failing(result(100.0, 109.0)) == []
    assert failing(result(112.0, 100.0)) == failing(result(100.0, 112.0)) == ["forgotten password"]


def test_argon2_must_cost_more_than_the_minimum_and_a_login_stay_under_a_second_on_lambda() -> None:
    assert failing(result(100.0, 100.0, verify_ratio=1.0)) == ["argon2id"]
    assert failing(result(100.0, 100.0, lambda_ms=1001.0)) == ["login with the deployed argon2id, estimated on a 512 MB Lambda"]


def test_the_timing_table_and_headline_render() -> None:
    figures = {"timing": result(100.0, 101.0)}
    titles = [title for title, *_ in report.sections(figures, [])]
    assert any(t.startswith("3b. Timing") for t in titles)
    assert any(row[0].startswith("Forgotten password") for row in report.headline(figures, []))
