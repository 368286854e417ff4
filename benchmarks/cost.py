"""Section 6: the monthly AWS cost of an office, from this run's counts and benchmarks/prices.json.

An office with 2,000 active clients, each a month: 8 logins, 40 page views, 3 messages and 1
upload (the issue's profile). What a login, a page view, a message and an upload cost comes from
this run: the screens' API requests (section 4), each request's DynamoDB units, S3, SES and SNS
calls on the small data set, a typical client's (section 2), its in-process time (section 3) and
the jobs' cost per recipient and per upload (section 5). What the run cannot know is an assumption, listed in
:data:`ASSUMPTIONS` and printed with the table. The prices must be checked (see prices.json).

SMS is the one cost an outsider can drive (every correct password texts a code), so the table also
shows its ceiling: the most the office's SMS budget lets through in a month, whatever happens
(:func:`sms_ceiling`, from template.yaml's SmsOfficeDailyBudget default).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PRICES = Path(__file__).with_name("prices.json")
PROFILE = {"clients": 2000, "logins": 8, "page_views": 40, "messages": 3, "uploads": 1}
ASSUMPTIONS = {
    "sms_login_share": (0.25, "share of logins with an SMS code (2-step by SMS switched on)"),
    "passkey_share": (0.0, "share of logins by passkey (issue 17): they replace password logins, and the SMS codes "
                           "among them in proportion; the table below shows 0%, 50% and 80%"),
    "downloads": (2, "documents a client downloads a month"),
    "digests": (4, "digest e-mails a client receives a month (news from the office)"),
    "page_mix": ({"Home": 0.3, "dossier list": 0.2, "dossier page": 0.5}, "which screens the page views are"),
    "document_mb": (0.5, "average size of a downloaded document, MB"),
    "upload_mb": (1.0, "average size of an upload, MB"),
    "stored_mb_per_client": (20, "documents and attachments kept per client in S3, MB"),
    "table_mb_per_client": (0.5, "DynamoDB items per client (dossiers, documents, messages, audit), MB"),
    "lambda_slowdown": (2.0, "512 MB arm64 Lambda vs this machine: billed time = in-process p50 x this"),
    "cold_share": (0.05, "invocations that start cold (init billed: median import time x slowdown)"),
    "memory_gb": (0.5, "MemorySize in template.yaml Globals (512 MB)"),
}
DIGEST_RUNS, CLEANUP_RUNS = 30 * 24 * 4, 30 * 24  # rate(15 minutes), rate(1 hour)
S3_PUT_CLASS = {"PutObject", "CopyObject", "PostObject", "ListObjectVersions", "ListObjectsV2", "DeleteObject"}


def assumption(name: str) -> Any:
    return ASSUMPTIONS[name][0]


class Usage:
    """Monthly quantities per service, added request by request."""

    def __init__(self) -> None:
        self.q: dict[str, float] = {}

    def add(self, name: str, amount: float) -> None:
        self.q[name] = self.q.get(name, 0.0) + amount

    def request(self, calls: dict[str, Any], times: float, *, duration_ms: float, api: bool = True) -> None:
        """``times`` requests, each with the calls section's counts for its endpoint."""
        self.add("rru", calls["read_units"] * times)
        self.add("wru", calls["write_units"] * times)
        self.add("ses", calls["ses"] * times)
        self.add("sms", calls["sns"] * times)
        for operation, n in calls.get("s3_operations", {}).items():
            self.add("s3_put" if operation in S3_PUT_CLASS else "s3_get", n * times)
        self.add("lambda_requests", times)
        self.add("lambda_gb_s", times * duration_ms / 1000 * assumption("lambda_slowdown") * assumption("memory_gb"))
        if api:
            self.add("api_requests", times)


def _route_of(method: str, path: str, routes: list[Any]) -> str | None:
    for route in routes:
        if route.api == "ClientApi" and route.match(method, path) is not None:
            return f"{route.method} {route.path}"
    return None


PASSKEY_SHARES = (0.0, 0.5, 0.8)
PASSKEY_ROUTES = ("POST /api/session/passkey/options", "POST /api/session/passkey")


def model(results: dict[str, Any], prices: dict[str, Any] | None = None, *, passkey_share: float | None = None,
          _shares: bool = True) -> dict[str, Any]:
    """The month's bill; ``passkey_share`` (default: the assumption) of the logins are by passkey."""
    from portal_local.template import routes

    share = assumption("passkey_share") if passkey_share is None else passkey_share
    prices = prices or json.loads(PRICES.read_text())
    # A typical client has a dossier or two: the small data set's units (the large one's list and Acties
    # pages read more units, never more calls).
    calls = {row["route"]: row["small"] for name, row in results["calls"]["scenarios"].items() if "(" not in name}
    variants = {name: row["small"] for name, row in results["calls"]["scenarios"].items()}
    latency = {name.split(" (")[0]: row["p50_ms"] for name, row in results["latency"]["endpoints"].items()}
    screens = results["screens"]["screens"]
    all_routes = routes()
    clients = PROFILE["clients"]
    usage = Usage()

    def hit(route: str, times: float, variant: str | None = None) -> None:
        usage.request(variants[variant] if variant else calls[route], times, duration_ms=latency.get(route, 10.0))

    def screen_calls(name: str) -> list[str]:
        found = [_route_of(*c.split("?", 1)[0].split(" ", 1), all_routes) for c in screens[name]["api_calls"]]
        return [r for r in found if r]

    logins, views = clients * PROFILE["logins"], clients * PROFILE["page_views"]
    for route in screen_calls("login page"):
        hit(route, logins)
    by_passkey = logins * share
    by_password = logins - by_passkey
    hit("POST /api/session", by_password)
    sms_logins = by_password * assumption("sms_login_share")
    hit("POST /api/session/second-factor", sms_logins)
    usage.add("sms", sms_logins)  # the code itself, sent by POST /api/session
    for route in PASSKEY_ROUTES:  # no SMS, no per-login price: two requests and their DynamoDB units
        # A run from before passkeys has no counts for them: the second step's are the nearest shape.
        hit(route if route in calls else "POST /api/session/second-factor", by_passkey)
    for screen, share in assumption("page_mix").items():
        for route in screen_calls(screen):
            hit(route, views * share)  # GET /api/me included (it carries the Acties panel): on every navigation
    messages, uploads = clients * PROFILE["messages"], clients * PROFILE["uploads"]
    hit("POST /api/dossiers/{dossier_id}/messages", messages - uploads)
    hit("POST /api/dossiers/{dossier_id}/messages", uploads, "POST /api/dossiers/{dossier_id}/messages (with an attachment)")
    hit("POST /api/dossiers/{dossier_id}/attachments", uploads)
    usage.add("s3_put", uploads)  # the browser's presigned POST
    hit("POST /api/dossiers/{dossier_id}/attachments/{upload_id}/check", uploads)
    downloads = clients * assumption("downloads")
    hit("POST /api/dossiers/{dossier_id}/items/{item_id}/download", downloads)
    usage.add("s3_get", downloads)  # the presigned GET itself
    _jobs(usage, results["jobs"], mails=clients * assumption("digests") + messages, uploads=uploads)
    _edge(usage, screens, logins)
    cold = usage.q["lambda_requests"] * assumption("cold_share")
    init_s = results["coldstart"]["baseline_ms"] / 1000 * _mean_ratio(results) * assumption("lambda_slowdown")
    usage.add("lambda_gb_s", cold * init_s * assumption("memory_gb"))
    usage.add("s3_gb", clients * assumption("stored_mb_per_client") / 1024)
    usage.add("s3_out_gb", downloads * assumption("document_mb") / 1024)
    usage.add("ddb_gb", clients * assumption("table_mb_per_client") / 1024)
    rows = _priced(usage.q, prices)
    total = sum(r["usd"] for r in rows)
    result = {"profile": PROFILE, "assumptions": {k: {"value": v, "what": w} for k, (v, w) in ASSUMPTIONS.items()},
              "quantities": usage.q, "rows": rows, "total_usd": total, "per_client_usd": total / clients,
              "prices_as_of": prices["as_of"], "prices_note": prices["note"], "sms_ceiling": sms_ceiling(prices),
              "passkey_share": share}
    if _shares:
        result["passkey_shares"] = [_at_share(results, prices, s) for s in PASSKEY_SHARES]
    return result


def _at_share(results: dict[str, Any], prices: dict[str, Any], share: float) -> dict[str, Any]:
    """One row of the passkey table: the month's bill with this share of logins by passkey."""
    bill = model(results, prices, passkey_share=share, _shares=False)
    sms = sum(r["usd"] for r in bill["rows"] if r["service"].startswith("SNS SMS"))
    return {"share": share, "total_usd": bill["total_usd"], "sms_usd": sms, "sms_messages": bill["quantities"].get("sms", 0)}


def sms_ceiling(prices: dict[str, Any], per_day: int | None = None, per_account_day: int | None = None) -> dict[str, Any]:
    """The most SMS can cost in a month: the office's daily budget x 31 days x the price of one.

    Not an expectation (the profile's SMS row is that) but a bound: SMS pumping, a script with a
    stolen password or a bug cannot cost more than this. One account alone is bounded by its own
    daily budget in the same way.
    """
    if per_day is None:
        from portal_local.template import parameter_default

        per_day = int(parameter_default("SmsOfficeDailyBudget"))
    if per_account_day is None:
        from portal.platform.settings import Settings

        per_account_day = Settings.model_fields["sms_per_account_day"].default  # the deployed value
    price = prices["sns_sms"]["per_message_to_nl"]
    return {"office_per_day": per_day, "days": 31, "messages": per_day * 31, "price": price,
            "usd": per_day * 31 * price, "account_per_day": per_account_day,
            "account_usd": per_account_day * 31 * price}


def _mean_ratio(results: dict[str, Any]) -> float:
    rows = [r["ratio"] for r in results["coldstart"]["functions"].values() if r["kind"] == "client"]
    return sum(rows) / len(rows) if rows else 1.0


def _jobs(usage: Usage, jobs: dict[str, Any], *, mails: float, uploads: float) -> None:
    phase = jobs["phases"][-1]
    digest, cleanup = phase["digest"], phase["cleanup"]
    per_mail = {k: digest["calls"][k] / max(1, digest["calls"]["ses"]) for k in ("read_units", "write_units")}
    usage.add("rru", per_mail["read_units"] * mails)
    usage.add("wru", per_mail["write_units"] * mails)
    usage.add("ses", mails)
    usage.add("lambda_requests", DIGEST_RUNS + CLEANUP_RUNS)
    usage.add("rru", 0.5 * (DIGEST_RUNS + CLEANUP_RUNS))  # an idle run still queries its index once
    seconds = digest.get("seconds", 0) / max(1, digest["calls"]["ses"]) * mails
    seconds += cleanup.get("seconds", 0) / max(1, phase["old_uploads"]) * uploads
    usage.add("lambda_gb_s", seconds * assumption("lambda_slowdown") * assumption("memory_gb"))
    cleaned = max(1, phase["old_uploads"])
    usage.add("rru", cleanup["calls"]["read_units"] / cleaned * uploads)
    usage.add("wru", cleanup["calls"]["write_units"] / cleaned * uploads)
    for operation, n in cleanup["calls"]["s3_operations"].items():
        usage.add("s3_put" if operation in S3_PUT_CLASS else "s3_get", n / cleaned * uploads)


def _edge(usage: Usage, screens: dict[str, Any], logins: float) -> None:
    """CloudFront: every request passes it; static files once per login (the largest first visit:
    every module once, an upper bound), JSON with each API request."""
    largest = max(screens.values(), key=lambda s: s["gzip_bytes"])
    static_requests = largest["requests"] - largest["api_total"]
    api_json = sum(s["bytes_by_type"].get("json", 0) for s in screens.values())
    per_api = api_json / max(1, sum(s["api_total"] for s in screens.values()))
    usage.add("cf_requests", logins * static_requests + usage.q.get("api_requests", 0))
    static_gb = logins * (largest["gzip_bytes"] - largest["bytes_by_type"].get("json", 0)) / 1024**3
    usage.add("cf_gb", static_gb + usage.q.get("api_requests", 0) * per_api / 1024**3)


def _priced(q: dict[str, float], p: dict[str, Any]) -> list[dict[str, Any]]:
    def row(service: str, what: str, usd: float) -> dict[str, Any]:
        return {"service": service, "what": what, "usd": usd}

    return [
        row("Lambda", f"{q.get('lambda_requests', 0):,.0f} invocations, {q.get('lambda_gb_s', 0):,.0f} GB-s",
            q.get("lambda_requests", 0) / 1e6 * p["lambda"]["per_million_requests"]
            + q.get("lambda_gb_s", 0) * p["lambda"]["arm64_per_gb_second"]),
        row("API Gateway (REST)", f"{q.get('api_requests', 0):,.0f} requests",
            q.get("api_requests", 0) / 1e6 * p["api_gateway"]["rest_per_million_requests"]),
        row("DynamoDB on-demand", f"{q.get('rru', 0):,.0f} read units, {q.get('wru', 0):,.0f} write units, "
            f"{q.get('ddb_gb', 0):,.1f} GB",
            q.get("rru", 0) / 1e6 * p["dynamodb"]["on_demand_per_million_read_units"]
            + q.get("wru", 0) / 1e6 * p["dynamodb"]["on_demand_per_million_write_units"]
            + q.get("ddb_gb", 0) * p["dynamodb"]["storage_per_gb_month"]),
        row("S3", f"{q.get('s3_put', 0):,.0f} PUT-class, {q.get('s3_get', 0):,.0f} GET-class, "
            f"{q.get('s3_gb', 0):,.1f} GB stored, {q.get('s3_out_gb', 0):,.1f} GB out",
            q.get("s3_put", 0) / 1000 * p["s3"]["put_copy_post_list_per_1000"]
            + q.get("s3_get", 0) / 1000 * p["s3"]["get_and_other_per_1000"]
            + q.get("s3_gb", 0) * p["s3"]["standard_storage_per_gb_month"]
            + q.get("s3_out_gb", 0) * p["s3"]["transfer_out_per_gb"]),
        row("SES", f"{q.get('ses', 0):,.0f} e-mails", q.get("ses", 0) / 1000 * p["ses"]["per_1000_emails"]),
        row("SNS SMS (NL)", f"{q.get('sms', 0):,.0f} text messages", q.get("sms", 0) * p["sns_sms"]["per_message_to_nl"]),
        row("CloudFront", f"{q.get('cf_requests', 0):,.0f} requests, {q.get('cf_gb', 0):,.2f} GB",
            q.get("cf_requests", 0) / 10_000 * p["cloudfront"]["https_per_10000_requests"]
            + q.get("cf_gb", 0) * p["cloudfront"]["per_gb_europe"]),
    ]
