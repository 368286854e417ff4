"""The benchmark's pure parts on tiny inputs: `make test` never runs the benchmarks themselves.

Every ClientApi route has a call-count scenario (a new endpoint without one fails here, before
anyone waits for `make bench`), and the arithmetic behind the budgets says what it should.
"""

from __future__ import annotations

import json

import pytest

from benchmarks import budgets, capacity, coldstart, cost, latency, report, shipping
from benchmarks.scenarios import Scenario, all_scenarios, client_routes, coverage


def test_every_client_api_route_has_a_call_count_scenario() -> None:
    missing, stale = coverage(client_routes(), all_scenarios())
    assert missing == [], f"add a scenario in benchmarks/scenarios/ for: {missing}"
    assert stale == [], f"scenarios for routes that are gone: {stale}"


def test_coverage_names_missing_routes_and_stale_scenarios() -> None:
    def prepare(world):  # noqa: ANN001, ANN202 - never called
        raise AssertionError

    scenarios = [Scenario("GET", "/api/me", prepare), Scenario("GET", "/api/gone", prepare)]
    missing, stale = coverage([("GET", "/api/me"), ("post", "/api/session")], scenarios)
    assert missing == ["POST /api/session"] and stale == ["GET /api/gone"]


def test_percentiles_and_ratios() -> None:
    values = list(range(1, 101))
    assert budgets.percentile(values, 50) == pytest.approx(50.5)
    assert budgets.percentile(values, 95) == pytest.approx(95.05)
    assert budgets.percentile([7.0], 95) == 7.0
    assert budgets.ratio(3.9, 3.0) == pytest.approx(1.3)
    with pytest.raises(ValueError):
        budgets.ratio(1.0, 0.0)


def test_budgets_pass_at_the_limit_and_fail_past_it() -> None:
    assert budgets.at_most("s", "n", 1.3, 1.3, compared_with="baseline").passed
    assert not budgets.at_most("s", "n", 1.31, 1.3, compared_with="baseline").passed
    assert not budgets.below("s", "n", 150.0, 150.0, compared_with="budget").passed
    assert budgets.equal("s", "n", (3, 0), (3, 0), compared_with="small vs large").passed
    failing = budgets.equal("s", "n", 3, 4, compared_with="small vs large", cause="a query per dossier")
    assert budgets.failed([failing]) == [failing] and failing.cause == "a query per dossier"


def test_request_units_follow_on_demand_billing() -> None:
    item = {"pk": {"S": "ACCOUNT#1"}, "sk": {"S": "META"}, "n": {"N": "12345"}, "ok": {"BOOL": True}}
    assert capacity.item_size(item) == 2 + 9 + 2 + 4 + 1 + 4 + 2 + 1
    assert capacity.read_units_per_item([100, 0], consistent=True) == 2  # a missing item still costs a unit
    assert capacity.read_units_per_item([5000], consistent=False) == 1  # 2 x 4 KB, eventually consistent
    assert capacity.read_units_for_page(25 * 300, consistent=True) == 2  # a page is rounded up once
    assert capacity.write_units(1500, 200, transactional=True) == 4


def test_latency_asks_the_target_and_never_falls_below_the_floor() -> None:
    assert latency.requests_for(0.004, 6.0) == 1000
    assert latency.requests_for(0.010, 6.0) == 600
    assert latency.requests_for(0.300, 6.0) == 200


def test_latency_queue_measures_reads_first_then_the_heaviest_writes() -> None:
    def prepare(world):  # noqa: ANN001, ANN202 - never called
        raise AssertionError

    queue = latency.queue_order([Scenario("POST", "/a", prepare), Scenario("GET", "/e", prepare, grows=True),
                                 Scenario("GET", "/b", prepare), Scenario("POST", "/c", prepare, heavy=3),
                                 Scenario("POST", "/d", prepare, heavy=1)])
    assert [s.path for s in queue] == ["/b", "/e", "/c", "/d", "/a"]


def test_cold_start_budget_applies_to_client_functions_and_fpdf_to_all_but_the_renderer() -> None:
    def row(kind: str, ratio: float, fpdf: bool = False) -> dict:
        return {"kind": kind, "ratio": ratio, "loaded": {"fpdf": fpdf}}

    rows = {"Me": row("client", 1.5), "Digest": row("job", 2.0), "Pdf": row("client", 1.1, fpdf=True),
            "Admin": row("admin", 1.0, fpdf=True)}
    failing = {c.name for c in coldstart.checks(rows, pdf_renderers={"Pdf"}) if not c.passed}
    assert failing == {"Me: import time", "Admin: fpdf not loaded at import"}


def test_requirements_and_lazy_imports_are_read_as_pip_and_python_would(tmp_path) -> None:
    assert shipping._name("fpdf2>=2.7,<3  # PDFs") == "fpdf2"
    assert shipping._name('pytest; extra == "test"') is None
    module = tmp_path / "app.py"
    module.write_text("import json\n\ndef render():\n    from fpdf import FPDF\n    return FPDF\n")
    assert shipping.reach([module]) == {"fpdf"}


def test_tables_render_as_text_and_markdown() -> None:
    text = report.table(["endpoint", "calls"], [["GET /api/me", 2]])
    assert text.splitlines()[0].startswith("endpoint") and "GET /api/me" in text
    md = report.table(["a", "b"], [["x|y", 1]], markdown=True)
    assert md.splitlines()[1] == "|---|---|" and "x\\|y" in md


def test_prices_are_dated_and_priced_per_service() -> None:
    prices = json.loads(cost.PRICES.read_text())
    assert prices["region"] == "eu-west-1" and prices["as_of"] and "checked" in prices["note"]
    rows = cost._priced({"lambda_requests": 1e6, "api_requests": 1e6, "rru": 1e6, "wru": 1e6, "ses": 1000,
                         "sms": 1, "cf_requests": 10_000}, prices)
    usd = {r["service"]: r["usd"] for r in rows}
    assert usd["API Gateway (REST)"] == pytest.approx(prices["api_gateway"]["rest_per_million_requests"])
    assert usd["SES"] == pytest.approx(prices["ses"]["per_1000_emails"])
    assert set(usd) == {"Lambda", "API Gateway (REST)", "DynamoDB on-demand", "S3", "SES", "SNS SMS (NL)", "CloudFront"}


def test_the_cost_table_shows_the_sms_budgets_ceiling() -> None:
    prices = json.loads(cost.PRICES.read_text())
    ceiling = cost.sms_ceiling(prices)  # the template's SmsOfficeDailyBudget default
    price = prices["sns_sms"]["per_message_to_nl"]
    assert ceiling["office_per_day"] == 300 and ceiling["messages"] == 300 * 31
    assert ceiling["usd"] == pytest.approx(300 * 31 * price)
    assert ceiling["account_usd"] == pytest.approx(10 * 31 * price)
    row = report.sms_ceiling_row(cost.sms_ceiling(prices, per_day=50, per_account_day=10))
    assert row[0].startswith("SNS SMS ceiling") and "1,550 text messages" in row[1]
    assert row[2] == f"${50 * 31 * price:,.2f} at most"


def test_the_cost_model_takes_the_passkey_share_and_shows_0_50_and_80_percent() -> None:
    from pathlib import Path

    results = json.loads((Path(cost.__file__).parent / "results" / "latest.json").read_text())["results"]
    bill = cost.model(results)
    shares = bill["passkey_shares"]
    assert [row["share"] for row in shares] == [0.0, 0.5, 0.8]
    assert shares[0]["total_usd"] == pytest.approx(bill["total_usd"])  # the default assumption is 0%
    sms = [row["sms_usd"] for row in shares]
    assert sms[1] == pytest.approx(sms[0] * 0.5) and sms[2] == pytest.approx(sms[0] * 0.2)
    assert shares[0]["total_usd"] > shares[1]["total_usd"] > shares[2]["total_usd"]
    table = report.passkey_rows(shares)
    assert [row[0] for row in table] == ["0%", "50%", "80%"]
