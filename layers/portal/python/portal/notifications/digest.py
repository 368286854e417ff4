"""The scheduled digest: at most one e-mail per recipient per run, summing up what is new.

Exactly once in effect: a recipient is mailed only under a lease taken with a conditional write;
after SES accepted the mail the watermark advances (conditional on still holding the lease),
recording exactly which notifications were mailed, and those are deleted. A failure before that
leaves them pending for the next run; any of the recorded ones still there (an interrupted delete)
are deleted unsent before anything new is mailed.
The run reads only the sparse pending index, page by page, and stops well before the Lambda's
time limit, leaving the rest for the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError

from portal.accounts.lookup import by_id
from portal.accounts.models import ACTIVE
from portal.notifications.events import CLIENT_SWITCHES
from portal.notifications.models import PAYMENT, PENDING, STAFF, DigestState, PendingNotification, state_key
from portal.platform import clock, ids, mail
from portal.platform.errors import NotFound
from portal.platform.log import get_logger
from portal.platform.settings import get_settings

LEASE_SECONDS = 120
SAFETY_MS = 15_000  # stop this long before the Lambda's limit: one recipient's work fits easily


@dataclass
class RunReport:
    notifications_read: int = 0
    emails_sent: int = 0
    notifications_sent: int = 0
    notifications_dropped: int = 0
    recipients_skipped: int = 0
    failures: int = 0
    stopped_early: bool = False
    reminders_announced: int = 0  # news written just before the run by its caller (appointments)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Target:
    email: str
    language: str
    name: str
    kinds: frozenset[str]
    template: str


def _target(recipient: str) -> Target | None:
    if recipient == STAFF:
        kinds = frozenset({"client_message", "questionnaire_completed"})
        return Target(get_settings().staff_email, "nl", get_settings().office_name, kinds, "staff_notice")
    try:
        account = by_id(recipient)
    except NotFound:
        return None
    if account.status != ACTIVE or account.mail_status != "ok":
        return None  # blocked, removed, not yet activated, or an address that bounced
    kinds = frozenset(kind for kind, switch in CLIENT_SWITCHES.items() if getattr(account, switch)) | {PAYMENT}
    return Target(account.email, account.language, account.name, kinds, "digest")


def _state(recipient: str) -> DigestState:
    try:
        return DigestState.get(state_key(recipient), "META", consistent_read=True)
    except DoesNotExist:
        return DigestState(pk=state_key(recipient), sk="META", watermark="")


def _delete(items: Iterable[PendingNotification]) -> None:
    with PendingNotification.batch_write() as batch:
        for item in items:
            batch.delete(item)


def _claim(state: DigestState, run_id: str) -> bool:
    now = clock.epoch()
    unchanged = DigestState.watermark.does_not_exist() | (DigestState.watermark == state.watermark)
    free = DigestState.lease_until.does_not_exist() | (DigestState.lease_until < now)
    try:
        state.update(
            actions=[DigestState.lease_until.set(now + LEASE_SECONDS), DigestState.lease_owner.set(run_id)],
            condition=unchanged & free,
        )
        return True
    except UpdateError:
        return False


def _release(state: DigestState, run_id: str, sent: list[PendingNotification] | None = None) -> None:
    actions = [DigestState.lease_until.remove(), DigestState.lease_owner.remove()]
    if sent:
        actions += [
            DigestState.watermark.set(max(n.sk for n in sent)),
            DigestState.sent_ids.set({n.sk for n in sent}),
            DigestState.last_sent_at.set(clock.now().isoformat()),
        ]
    state.update(actions=actions, condition=DigestState.lease_owner == run_id)


# Per kind, whether the item a notification names is still news (e.g. a questionnaire not yet
# completed). The packages that own those items sit above notifications, so the caller passes the
# checks in (portal.composed.digest); a kind without one is always news.
StillNews = Mapping[str, Callable[[str], bool]]


def _still_news(item: PendingNotification, checks: StillNews) -> bool:
    """News is what the client has not seen. One read per checked notification: the cost grows with
    the news, not with the office."""
    check = checks.get(item.kind)
    return check is None or not item.item_id or check(item.item_id)


def summarise(items: list[PendingNotification]) -> list[dict[str, Any]]:
    """Per dossier, how many of each kind: all the e-mail says (no contents, only that and where)."""
    lines: dict[str, dict[str, Any]] = {}
    for item in items:
        line = lines.setdefault(item.dossier_id, {"dossier": item.dossier_label, "counts": {}})
        line["counts"][item.kind] = line["counts"].get(item.kind, 0) + 1
    return list(lines.values())


def _process(recipient: str, items: list[PendingNotification], run_id: str, report: RunReport,
             checks: StillNews) -> None:
    state = _state(recipient)
    mailed = state.sent_ids or set()
    done = [n for n in items if n.sk in mailed]
    fresh = [n for n in items if n.sk not in mailed]
    if done:
        _delete(done)  # must succeed before anything new goes out: an error here aborts this recipient
    target = _target(recipient) if fresh else None
    wanted = [n for n in fresh if target and n.kind in target.kinds and _still_news(n, checks)]
    if not wanted:
        _delete(fresh)  # switched off, or nobody to mail: consumed without a mail
        report.notifications_dropped += len(fresh)
        return
    if not _claim(state, run_id):
        report.recipients_skipped += 1  # an overlapping run is mailing this recipient right now
        return
    try:
        mail.send(target.email, target.template, target.language, name=target.name, lines=summarise(wanted))
    except Exception as error:  # SES refused or failed: keep everything pending for the next run
        get_logger().warning("digest mail failed", extra={"recipient": recipient, "error_type": type(error).__name__})
        _release(state, run_id)
        report.failures += 1
        return
    _release(state, run_id, sent=fresh)
    _delete(fresh)
    report.emails_sent += 1
    report.notifications_sent += len(wanted)
    report.notifications_dropped += len(fresh) - len(wanted)


def run(remaining_ms: Callable[[], int] | None = None, page_size: int = 100, still_news: StillNews | None = None) -> RunReport:
    report = RunReport()
    run_id = ids.new_id()

    def counted(found: Iterable[PendingNotification]) -> Iterable[PendingNotification]:
        for item in found:
            report.notifications_read += 1
            yield item

    # Sorted by recipient#ulid, so one recipient's news arrives together, page after page.
    pending = counted(PendingNotification.pending.query(PENDING, page_size=page_size))
    for recipient, group in groupby(pending, key=lambda n: n.recipient):
        if remaining_ms is not None and remaining_ms() < SAFETY_MS:
            report.stopped_early = True
            break
        try:
            _process(recipient, list(group), run_id, report, still_news or {})
        except Exception as error:  # one recipient's storage error must not hold up the others
            get_logger().warning("digest recipient failed", extra={"recipient": recipient, "error_type": type(error).__name__})
            report.failures += 1
    return report
