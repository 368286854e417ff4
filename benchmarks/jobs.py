"""Section 5: the scheduled jobs at scale, through their functions' ``lambda_handler``.

* The digest with 200 accounts that have news among 2,000 accounts, then among 20,000 (the same
  200, fresh news): DynamoDB items read and calls must not grow with the accounts, only with the
  news; e-mails sent = 200.
* The upload cleanup with 200 uploads older than a day among 2,000 uploads, then among 20,000.
* SES events: one permanent bounce, among 2,000 and 20,000 accounts.

Accounts are written as ``registry.create`` writes them (account and e-mail claim; the audit entry
left out), news as ``events.for_parties`` makes it, uploads as ``uploads.offer`` and
``sending.send`` leave them, with their files in S3.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

from benchmarks import budgets
from benchmarks.dataset import put_file, put_items
from benchmarks.inprocess import Handlers, mocked_aws
from benchmarks.recorder import AwsCalls

SECTION = "jobs"
WITH_NEWS = 200
POPULATIONS = (2_000, 20_000)


def _accounts(first: int, count: int) -> list[Any]:
    from portal.accounts.models import ACTIVE, Account, EmailClaim, account_key, email_claim_key
    from portal.platform import clock, ids

    made = []
    for n in range(first, first + count):
        account_id, now = ids.new_id(), clock.now().isoformat()
        address = f"client{n}@example.nl"
        account = Account(
            pk=account_key(account_id), sk="META", id=account_id, email=address, name=f"Klant {n}", language="nl",
            kind="person", party_id=account_id, status=ACTIVE, created_at=now, gsi2pk="ACCOUNTS",
            gsi2sk=f"{now}#{account_id}", first_login_done=True,
        )
        made += [account, EmailClaim(pk=email_claim_key(address), sk="CLAIM", account_id=account_id)]
    return made


def _news(accounts: list[Any]) -> list[Any]:
    from portal.notifications import events

    items = []
    for account in accounts:
        for kind in (events.DOCUMENT, events.MESSAGE):
            items += events.for_parties([account.id], kind=kind, dossier_id="01JBENCHMARKDOSSIER0000000",
                                        dossier_label="2026.0001 Levering Dorpsstraat 1")
    return items


def _uploads(first: int, count: int, old: int) -> list[Any]:
    """``count`` uploads, the first ``old`` of them offered two days ago (half of those sent)."""
    from portal.messages.models import OFFERED, SENT, UPLOADS_INDEX, Upload, upload_key, upload_sk
    from portal.platform import clock, ids

    made = []
    for n in range(first, first + count):
        upload_id, party = ids.new_id(), "01JBENCHMARKPARTY000000000"
        dossier = "01JBENCHMARKDOSSIER0000000"
        age = timedelta(days=2, minutes=n - first) if n - first < old else timedelta(seconds=n % 600)
        created = (clock.now() - age).isoformat()
        sent = n % 2 == 0
        made.append(Upload(
            pk=f"DOSSIER#{dossier}", sk=upload_sk(party, upload_id), id=upload_id, dossier_id=dossier,
            party_id=party, account_id=party, file_name="paspoort.pdf", content_type="application/pdf",
            declared_size=1000, s3_key=upload_key(dossier, party, upload_id), status=SENT if sent else OFFERED,
            created_at=created, gsi2pk=UPLOADS_INDEX, gsi2sk=f"{created}#{upload_id}",
            message_id="01JBENCHMARKMESSAGE0000000" if sent else None,
        ))
    return made


def _run(handlers: Handlers, function: str, event: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    from portal_local.invoke import scheduled_event

    fn = handlers.functions[function]
    handlers.warm(function)
    with AwsCalls() as recording:
        started = time.perf_counter()
        result = handlers.invoker.invoke(fn, event or scheduled_event(fn))
        seconds = time.perf_counter() - started
    return result, {**recording.summary(), "seconds": round(seconds, 3)}


def bounce_event(address: str) -> dict[str, Any]:
    message = {"notificationType": "Bounce", "bounce": {"bounceType": "Permanent",
                                                        "bouncedRecipients": [{"emailAddress": address}]}}
    return {"Records": [{"EventSource": "aws:sns", "Sns": {"Message": json.dumps(message)}}]}


def run(log: Any = print) -> tuple[dict[str, Any], list[budgets.Check]]:
    handlers = Handlers()
    phases: list[dict[str, Any]] = []
    with mocked_aws():
        total_accounts = total_uploads = 0
        for population in POPULATIONS:
            made = _accounts(total_accounts, population - total_accounts)
            put_items(made)
            accounts = [m for m in made if m.sk == "META"]
            total_accounts = population
            put_items(_news(accounts[:WITH_NEWS]))  # 200 accounts of this phase get news
            digest, digest_calls = _run(handlers, "DigestFunction", {})
            uploads = _uploads(total_uploads, population - total_uploads, WITH_NEWS)
            put_items(uploads)
            for upload in uploads[:WITH_NEWS]:
                put_file(upload.s3_key, scanned=True)
            total_uploads = population
            cleanup, cleanup_calls = _run(handlers, "UploadCleanupFunction", {})
            marked, bounce_calls = _run(handlers, "SesEventsFunction", bounce_event(accounts[-1].email))
            phases.append({
                "accounts": population, "uploads": population, "with_news": WITH_NEWS, "old_uploads": WITH_NEWS,
                "digest": {"report": digest, "calls": digest_calls, "seconds": digest_calls["seconds"]},
                "cleanup": {"report": cleanup, "calls": cleanup_calls, "seconds": cleanup_calls["seconds"]},
                "ses_events": {"report": marked, "calls": bounce_calls},
            })
            log(f"  jobs: {population:,} accounts: digest read {digest_calls['items_read']} items, "
                f"sent {digest_calls['ses']} mails; cleanup read {cleanup_calls['items_read']} items")
    return {"phases": phases}, checks(phases)


def checks(phases: list[dict[str, Any]]) -> list[budgets.Check]:
    small, large = phases
    found = []
    for job in ("digest", "cleanup", "ses_events"):
        a, b = small[job]["calls"], large[job]["calls"]
        found.append(budgets.equal(
            SECTION, f"{job}: DynamoDB items read", a["items_read"], b["items_read"],
            compared_with=f"{small['accounts']:,} vs {large['accounts']:,} accounts (and uploads), same work",
            cause=f"operations {a['dynamodb_operations']} vs {b['dynamodb_operations']}",
        ))
        found.append(budgets.equal(
            SECTION, f"{job}: DynamoDB calls", a["dynamodb"], b["dynamodb"],
            compared_with=f"{small['accounts']:,} vs {large['accounts']:,} accounts (and uploads)",
            cause=f"operations {a['dynamodb_operations']} vs {b['dynamodb_operations']}",
        ))
        scans = a["dynamodb_operations"].get("Scan", 0) + b["dynamodb_operations"].get("Scan", 0)
        found.append(budgets.holds(SECTION, f"{job}: no Scan", scans == 0, measured=f"{scans} Scan calls",
                                   limit="0", compared_with="the design: nothing scans the table",
                                   cause="a Scan reads the whole table"))
    for phase in phases:
        sent = phase["digest"]["calls"]["ses"]
        found.append(budgets.equal(SECTION, f"digest at {phase['accounts']:,} accounts: e-mails sent", sent, WITH_NEWS,
                                   compared_with="accounts with news", cause="one digest per recipient expected"))
        read = phase["digest"]["calls"]["items_read"]
        news = WITH_NEWS * 2
        found.append(budgets.at_most(
            SECTION, f"digest at {phase['accounts']:,} accounts: items read per account with news",
            read / WITH_NEWS, 2 * news / WITH_NEWS + 2, compared_with=f"{WITH_NEWS} accounts with {news} news items",
            cause="the digest reads more than the news and its recipients",
        ))
    return found
