"""The results as tables: printed, and written to benchmarks/results/latest.md (and .json).

Every table says what its figures are compared with; the budgets come first, exceeded ones on top.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import budgets
from benchmarks.budgets import Check, failed, kib

RESULTS = Path(__file__).with_name("results")
_ULID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, markdown: bool = False) -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    if markdown:
        lines = ["| " + " | ".join(cells[0]) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells[1:]]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _ms(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def sections(results: dict[str, Any], checks: list[Check]) -> list[tuple[str, str, list[str], list[list[Any]]]]:
    """(title, what it is compared with, headers, rows) per table."""
    out = []
    exceeded = failed(checks)
    out.append((
        f"Budgets: {len(checks) - len(exceeded)} held, {len(exceeded)} exceeded",
        "each budget names what it is compared with; both sides measured in this run",
        ["", "section", "budget", "measured", "limit", "compared with", "cause"],
        [["EXCEEDED" if not c.passed else "ok", c.section, c.name, c.measured, c.limit, c.compared_with, c.cause]
         for c in sorted(checks, key=lambda c: c.passed)],
    ))
    if "coldstart" in results:
        cs = results["coldstart"]
        rows = [[name, r["kind"], _ms(r["median_cpu_ms"]), f"{r['ratio']:.2f}x", _ms(r["median_ms"]),
                 f"{r['wall_ratio']:.2f}x",
                 ", ".join(k for k in ("fpdf", "jinja2", "argon2", "segno", "pyotp") if r["loaded"].get(k)) or "-",
                 "<= 1.3x" if r["kind"] == "client" else "-"]
                for name, r in sorted(cs["functions"].items(), key=lambda kv: (kv[1]["kind"], -kv[1]["ratio"]))]
        out.append(("1. Cold start: import of the handler module in a fresh interpreter",
                    f"median of {cs['rounds']} per function vs the baseline handler (boto3 + powertools Logger and "
                    f"REST resolver: {cs['baseline_cpu_ms']} ms CPU, {cs['baseline_ms']} ms wall), measured in the "
                    "same shuffled rounds; the budget is on CPU time",
                    ["function", "kind", "CPU ms", "CPU vs baseline", "wall ms", "wall vs baseline",
                     "heavy packages at import", "budget"], rows))
    if "shipping" in results:
        sh = results["shipping"]
        layer = sh["layer"]
        rows = [["layer (portal package)", f"{kib(layer['portal_package_bytes']):,} KB", ""]]
        rows += [[f"layer: {name}", f"{kib(size):,} KB", "runtime has it too" if name in layer["runtime_duplicates"] else ""]
                 for name, size in sorted(layer["installs"].items(), key=lambda kv: -kv[1])]
        rows += [["layer total", f"{kib(layer['size_bytes']):,} KB", ""]]
        rows += [[name, f"{kib(r['size_bytes']):,} KB", (", ".join(r["installs"]) or "code only") + (
                    f"; reaches {', '.join(r['reachable_not_shipped'])} through a lazy import without shipping it"
                    if r["reachable_not_shipped"] else "")]
                 for name, r in sorted(sh["functions"].items(), key=lambda kv: -kv[1]["size_bytes"])[:6]]
        out.append(("1b. What the layer and the functions ship",
                    f"bytes on disk ({sh['source']}); the six largest functions (the rest ship only their app.py); "
                    f"{kib(sum(layer['installs'][d] for d in layer['runtime_duplicates'])):,} KB of the layer is what "
                    "the Lambda runtime already has (pynamodb requires botocore, so pip installs it)",
                    ["artefact", "size", "note"], rows))
    if "calls" in results:
        rows = []
        for name, r in results["calls"]["scenarios"].items():
            s, large = r["small"], r["large"]
            ops = ", ".join(f"{k} {v}" for k, v in large["dynamodb_operations"].items())
            rows.append([name, f"{s['dynamodb']} / {large['dynamodb']}", large["s3"], large["ses"], large["sns"],
                         f"{s['read_units']:g} / {large['read_units']:g}", f"{large['write_units']:g}", ops or "-"])
        refresh = results["calls"].get("session_refresh") or {}
        if refresh:
            rows.append(["(session refresh, at most once a minute) GET /api/me", f"{refresh['dynamodb']}", 0, 0, 0,
                         f"{refresh['read_units']:g}", f"{refresh['write_units']:g}",
                         ", ".join(f"{k} {v}" for k, v in refresh["dynamodb_operations"].items())])
        sizes = results["calls"]["data_sets"]
        out.append(("2. AWS calls per request",
                    "small data set ({small}) vs large ({large}); S3/SES/SNS and write units on the large one; "
                    "DynamoDB read and write units as on-demand billing counts them: the calls stay constant, the "
                    "units of a query grow with what one page of it returns".format(
                        small=", ".join(f"{v:,} {k}" for k, v in sizes["small"].items()),
                        large=", ".join(f"{v:,} {k}" for k, v in sizes["large"].items())),
                    ["endpoint", "DynamoDB calls small / large", "S3", "SES", "SNS", "RRU small / large", "WRU",
                     "DynamoDB operations (large)"],
                    rows))
    if "latency" in results:
        lat = results["latency"]
        calls = {n: r["large"]["dynamodb"] for n, r in results.get("calls", {}).get("scenarios", {}).items()}
        rows = [[name, r["n"], _ms(r["p50_ms"]), _ms(r["p95_ms"]), f"{r['p50_ratio']:.1f}x", f"{r['p95_ratio']:.1f}x",
                 f"{r['cpu_ratio']:.1f}x", calls.get(name, "")] for name, r in lat["endpoints"].items()]
        g = ", ".join(f"p50 {_ms(x['p50_ms'])} ms, p95 {_ms(x['p95_ms'])} ms, CPU p50 {_ms(x['cpu_p50_ms'])} ms "
                      f"({x['n']} samples)" for x in lat["getitem"])
        out.append(("3. Latency in process (lambda_handler against moto, small data set)",
                    f"one moto GetItem sampled between the requests, in each of the {lat['workers']} workers: {g}; "
                    f"n = requests measured ({lat['target']} asked, at least {lat['floor']}; {len(lat['reduced'])} "
                    "endpoints got fewer within the section's time)",
                    ["endpoint", "n", "p50 ms", "p95 ms", "p50 vs GetItem", "p95 vs GetItem", "CPU p50 vs GetItem",
                     "DynamoDB calls"], rows))
    if "timing" in results:
        links, pw = results["timing"]["password_links"], results["timing"]["passwords"]

        def params(p: dict[str, int]) -> str:
            return f"m={p['memory_kib'] // 1024} MiB, t={p['time_cost']}, p={p['parallelism']}"

        rows = [
            ["POST /api/password-links, address with an account", links["n"], _ms(links["known_p50_ms"]),
             _ms(links["known_p95_ms"]), f"{links['ratio']:.2f}x", "the address without one (p50)"],
            ["POST /api/password-links, address without an account", links["n"], _ms(links["unknown_p50_ms"]),
             _ms(links["unknown_p95_ms"]), "1.00x", "-"],
            [f"argon2id verify, deployed ({params(pw['deployed'])}), CPU", "", _ms(pw["verify_deployed_ms"]), "",
             f"{pw['verify_ratio']:.2f}x", f"OWASP's minimum ({params(pw['minimum'])}): {_ms(pw['verify_minimum_ms'])} ms"],
            ["POST /api/session with the deployed argon2id", pw["logins"], _ms(pw["login_p50_ms"]),
             _ms(pw["login_p95_ms"]), f"{pw['login_vs_getitem']:.1f}x",
             f"one moto GetItem (p50 {_ms(pw['getitem_p50_ms'])} ms)"],
            ["the same login, CPU time", pw["logins"], _ms(pw["login_cpu_p50_ms"]), "", "", "-"],
            ["the same login, estimated on a 512 MB Lambda", "", _ms(pw["lambda_estimate_ms"]), "", "",
             "its CPU time scaled by 1769/512 (CPU share); budget 1 s"],
        ]
        out.append(("3b. Timing an attacker could read, and what a password costs",
                    "forgotten password: both addresses alternating, budget on the p50 ratio (<= 1.1x either way); "
                    "argon2id: the deployed parameters against OWASP's minimum, and the login against one GetItem",
                    ["measurement", "n", "p50 ms", "p95 ms", "ratio", "compared with"], rows))
    if "screens" in results:
        rows = [[name, s["address"],
                 f"{s['api_total']} ({', '.join(_ULID.sub('<id>', c.split(' ', 1)[1]) for c in s['api_calls'])})",
                 f"{kib(s['bytes'])} KB", f"{kib(s['gzip_bytes'])} KB", s["requests"], s["problem"] or "-"]
                for name, s in results["screens"]["screens"].items()]
        out.append(("4. Screens in Chromium, first visit (empty cache), against the local stack",
                    "budget: <= 2 API requests in all (the frame's /api/me included), first visit < 150 KB as served "
                    "(uncompressed); gzip = what CloudFront would send",
                    ["screen", "address", "API requests", "bytes", "gzip", "requests", "problem"],
                    rows))
    if "jobs" in results:
        rows = []
        for phase in results["jobs"]["phases"]:
            for job in ("digest", "cleanup", "ses_events"):
                c = phase[job]["calls"]
                rows.append([job, f"{phase['accounts']:,}", c["items_read"], c["dynamodb"],
                             ", ".join(f"{k} {v}" for k, v in c["dynamodb_operations"].items()),
                             f"{c['read_units']:g}", c["ses"], c["s3"]])
        out.append(("5. Jobs at scale",
                    "2,000 vs 20,000 accounts (and uploads); 200 accounts with 2 news items each, 200 uploads older "
                    "than a day (half of them sent), one bounce",
                    ["job", "accounts", "items read", "DynamoDB calls", "operations", "RRU", "e-mails", "S3 calls"], rows))
    if "cost" in results:
        cost = results["cost"]
        rows = [[r["service"], r["what"], f"${r['usd']:,.2f}"] for r in cost["rows"]]
        rows.append(["total", f"{cost['profile']['clients']:,} clients: ${cost['per_client_usd']:.4f} each", f"${cost['total_usd']:,.2f}"])
        if "sms_ceiling" in cost:
            rows.append(sms_ceiling_row(cost["sms_ceiling"]))
        out.append(("6. Monthly AWS cost of an office (eu-west-1)",
                    "2,000 active clients x (8 logins, 40 page views, 3 messages, 1 upload) a month, each request "
                    "with its calls and units on the small data set (a typical client) and the screens' API requests; "
                    f"prices of {cost['prices_as_of']} from benchmarks/prices.json, to be checked; assumptions below",
                    ["service", "quantity a month", "USD a month"], rows))
        if cost.get("passkey_shares"):
            out.append(("6a. The bill with passkeys (issue 17)",
                        "the same month with 0%, 50% and 80% of logins by passkey instead of the password and its code",
                        ["logins by passkey", "text messages", "SMS USD a month", "total USD a month"],
                        passkey_rows(cost["passkey_shares"])))
        out.append(("6b. Cost assumptions", "what the run cannot measure",
                    ["assumption", "value", "what"],
                    [[k, json.dumps(v["value"]), v["what"]] for k, v in cost["assumptions"].items()]))
    return out


def passkey_rows(shares: list[dict[str, Any]]) -> list[list[str]]:
    return [[f"{row['share']:.0%}", f"{row['sms_messages']:,.0f}", f"${row['sms_usd']:,.2f}", f"${row['total_usd']:,.2f}"]
            for row in shares]


def sms_ceiling_row(ceiling: dict[str, Any]) -> list[str]:
    """Not part of the total: the most SMS can cost in a month, whatever happens (SMS budgets)."""
    return ["SNS SMS ceiling (not in the total)",
            f"office budget {ceiling['office_per_day']:,} a day x {ceiling['days']} days = {ceiling['messages']:,} "
            f"text messages at most (one account: {ceiling['account_per_day']} a day, ${ceiling['account_usd']:,.2f})",
            f"${ceiling['usd']:,.2f} at most"]


def headline(results: dict[str, Any], checks: list[Check]) -> list[list[Any]]:
    """The README's table: one line per measurement, with what it is compared with."""
    rows = []
    if "coldstart" in results:
        client = [r["ratio"] for r in results["coldstart"]["functions"].values() if r["kind"] == "client"]
        rows.append(["Cold start, client functions", f"{min(client):.2f}x to {max(client):.2f}x",
                     "baseline handler (boto3 + powertools), median CPU time of 15", "<= 1.3x"])
    if "calls" in results:
        scenarios = results["calls"]["scenarios"].values()
        reads = [r["large"]["dynamodb"] for r in scenarios if r["read"]]
        constant = all(r["small"]["dynamodb"] == r["large"]["dynamodb"] for r in scenarios)
        rows.append(["DynamoDB calls per read request", f"at most {max(reads)}", "session check included", "<= 3"])
        rows.append(["Calls per request, small vs large data", "equal" if constant else "NOT equal",
                     "1 dossier vs 500 dossiers, 5,000 documents, 20,000 messages", "equal"])
    if "latency" in results:
        calls = {n: r["large"]["dynamodb"] for n, r in results.get("calls", {}).get("scenarios", {}).items()}
        reads = {n: r["p50_ratio"] for n, r in results["latency"]["endpoints"].items()
                 if n.startswith("GET") and calls.get(n, 1) > 0}
        ratios = sorted(reads.values())
        slowest = max(reads, key=reads.__getitem__)
        rows.append(["Latency of read endpoints (1 to 3 DynamoDB calls), p50",
                     f"{ratios[0]:.1f}x to {ratios[-1]:.1f}x (median {budgets.median(ratios):.1f}x; slowest {slowest})",
                     "one moto GetItem, sampled in the same run", "-"])
    if "timing" in results:
        links, pw = results["timing"]["password_links"], results["timing"]["passwords"]
        rows.append(["Forgotten password, known vs unknown address, p50", f"{links['ratio']:.2f}x",
                     "the same request for an address without an account, alternating", "<= 1.1x"])
        rows.append(["Login with argon2id m={} MiB, t={}, p={}, p50".format(
                        pw["deployed"]["memory_kib"] // 1024, pw["deployed"]["time_cost"], pw["deployed"]["parallelism"]),
                     f"{_ms(pw['login_p50_ms'])} ms ({pw['login_vs_getitem']:.0f}x a GetItem; verify "
                     f"{pw['verify_ratio']:.1f}x OWASP's minimum)", "one moto GetItem; one verify at m=19 MiB, t=2",
                     f"<= 1 s est. on 512 MB Lambda ({_ms(pw['lambda_estimate_ms'])} ms)"])
    if "screens" in results:
        screens = results["screens"]["screens"].values()
        rows.append(["Screens, first visit", f"{max(kib(s['bytes']) for s in screens)} KB at most "
                     f"({max(kib(s['gzip_bytes']) for s in screens)} KB gzip)", "uncompressed, as served", "< 150 KB"])
        rows.append(["Screens, API requests", f"at most {max(s['api_total'] for s in screens)} per first visit",
                     "every request counted, the frame's GET /api/me included", "<= 2"])
    if "jobs" in results:
        a, b = results["jobs"]["phases"]
        rows.append(["Digest, items read", f"{a['digest']['calls']['items_read']} vs {b['digest']['calls']['items_read']}",
                     "2,000 vs 20,000 accounts, 200 with news", "equal"])
    if "cost" in results:
        cost = results["cost"]
        biggest = max(cost["rows"], key=lambda r: r["usd"])
        rows.append(["Monthly AWS cost, 2,000 clients", f"${cost['total_usd']:,.2f} (of which {biggest['service']} "
                     f"${biggest['usd']:,.2f})", f"prices of {cost['prices_as_of']} (to be checked), assumptions in "
                     "latest.md", "-"])
        if "sms_ceiling" in cost:
            ceiling = cost["sms_ceiling"]
            rows.append(["Monthly SMS cost, ceiling", f"${ceiling['usd']:,.2f} ({ceiling['messages']:,} SMS)",
                         f"office SMS budget {ceiling['office_per_day']} a day x {ceiling['days']} days x "
                         f"${ceiling['price']:.2f}", "-"])
    rows.append(["Budgets", f"{len(checks) - len(failed(checks))} held, {len(failed(checks))} exceeded", "", ""])
    return rows


def markdown(results: dict[str, Any], checks: list[Check], meta: dict[str, Any], notes: list[str]) -> str:
    parts = [
        "# Benchmarks: the latest run",
        "",
        f"`make bench` on {meta['when']}, commit {meta['commit']}, {meta['machine']}; it took {meta['seconds']:.0f} s.",
        "Every figure names what it is compared with, and both sides were measured in this run.",
        "",
        table(["measurement", "result", "compared with", "budget"], headline(results, checks), markdown=True),
        "",
    ]
    for title, compared, headers, rows in sections(results, checks):
        parts += [f"## {title}", "", f"Compared with: {compared}.", "", table(headers, rows, markdown=True), ""]
    parts += ["## How it is measured", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(parts)


def console(results: dict[str, Any], checks: list[Check]) -> str:
    parts = []
    for title, compared, headers, rows in sections(results, checks):
        parts += ["", title, f"  compared with: {compared}", table(headers, rows)]
    return "\n".join(parts)


def write(results: dict[str, Any], checks: list[Check], meta: dict[str, Any], notes: list[str]) -> None:
    RESULTS.mkdir(exist_ok=True)
    data = {"meta": meta, "budgets": [c.as_dict() for c in checks], "results": results, "notes": notes}
    (RESULTS / "latest.json").write_text(json.dumps(data, indent=1, sort_keys=False, default=str) + "\n")
    (RESULTS / "latest.md").write_text(markdown(results, checks, meta, notes))
