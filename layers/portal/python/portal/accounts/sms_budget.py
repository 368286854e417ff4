"""SMS budgets: how many text messages one account, and the whole office, may cause per hour and day.

Every SMS costs money and a correct password is enough to trigger one, so a stolen or shared
password (or a script pumping premium numbers) could otherwise send without end. Each scope has one
item per UTC day holding the day's count and one count per hour; spending one SMS is ONE conditional
``UpdateItem`` on it (both windows checked and raised together), never a read followed by a write,
so N concurrent requests spend exactly what is left. The account is charged before the office; if
the office refuses, the account's charge is given back (an atomic ``ADD -1``).

When a budget is spent the office is alerted once per scope and window: an audit entry and a
CloudWatch metric (``SmsBudgetSpent``) that the template's alarm mails to the office (see
:func:`_alert` for why a metric and not an e-mail).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.expressions.operand import Path

from portal.audit import trail
from portal.platform import clock
from portal.platform.db import PortalModel
from portal.platform.errors import Throttled
from portal.platform.settings import get_settings

OFFICE = "office"
METRIC_NAMESPACE = "NotaryPortal"
METRIC_NAME = "SmsBudgetSpent"


class SmsBudget(PortalModel):
    """``SMSBUDGET#<account id | office> / DAY#<yyyymmdd>``: ``day`` plus ``h00``..``h23`` counts."""

    day = NumberAttribute(default=0)
    expires_at = NumberAttribute()


@dataclass(frozen=True)
class Spent:
    """Why no SMS was sent: whose budget (account | office), which window (hour | day), until when."""

    scope: str
    window: str
    retry_after: int


class BudgetSpent(Throttled):
    """429 ``sms_budget_spent``: no SMS now; the second step offers the other ways in."""

    def __init__(self, spent: Spent, methods: list[str]) -> None:
        super().__init__("sms_budget_spent", detail={"retry_after": spent.retry_after, "methods": methods})
        self.spent = spent


def _key(scope: str) -> str:
    return f"SMSBUDGET#{scope}"


def _windows() -> tuple[str, str, int]:
    now = clock.now()
    return f"DAY#{now:%Y%m%d}", f"h{now:%H}", int(clock.epoch())


def _charge(scope: str, per_hour: int, per_day: int, windows: tuple[str, str, int], amount: int = 1) -> bool:
    """Add ``amount`` to the scope's day and hour counts if both stay within their limits."""
    day_sk, hour, now = windows
    hour_attr = Path(hour)
    item = SmsBudget(pk=_key(scope), sk=day_sk)
    condition = None
    if amount > 0:
        condition = (SmsBudget.day.does_not_exist() | (SmsBudget.day <= per_day - amount)) & (
            hour_attr.does_not_exist() | (hour_attr <= per_hour - amount)
        )
    try:
        item.update(
            actions=[SmsBudget.day.add(amount), hour_attr.add(amount), SmsBudget.expires_at.set(now + 2 * 86400)],
            condition=condition,
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def spend(account_id: str, *, source_ip: str) -> Spent | None:
    """Take one SMS from the account's and the office's budgets; ``None`` if it may be sent."""
    settings = get_settings()
    windows = _windows()  # one moment for every update: a refund goes back to the hour it was taken from
    if not _charge(account_id, settings.sms_per_account_hour, settings.sms_per_account_day, windows):
        return _refused(account_id, "account", settings.sms_per_account_hour, settings.sms_per_account_day,
                        source_ip=source_ip)
    if not _charge(OFFICE, settings.sms_per_office_hour, settings.sms_per_office_day, windows):
        _charge(account_id, settings.sms_per_account_hour, settings.sms_per_account_day, windows, amount=-1)
        return _refused(OFFICE, "office", settings.sms_per_office_hour, settings.sms_per_office_day,
                        source_ip=source_ip, account_id=account_id)
    return None


def _refused(scope: str, kind: str, per_hour: int, per_day: int, *, source_ip: str,
             account_id: str | None = None) -> Spent:
    # This read only words the answer (which window, how long); the decision was the update's.
    day_sk, hour, now = _windows()
    try:
        counts = SmsBudget.get(_key(scope), day_sk, consistent_read=True).attribute_values
    except DoesNotExist:
        counts = {}
    if int(counts.get("day", 0)) >= per_day:
        window, retry_after = "day", 86400 - now % 86400
    else:
        window, retry_after = "hour", 3600 - now % 3600
    spent = Spent(kind, window, retry_after)
    marker = "alerted_day" if window == "day" else f"alerted_{hour}"
    if _first_refusal(scope, day_sk, marker):
        _alert(spent, subject=account_id or scope, source_ip=source_ip)
    return spent


def _first_refusal(scope: str, day_sk: str, marker: str) -> bool:
    """True for exactly one refusal per scope and window (a conditional set of a marker)."""
    attr = Path(marker)
    try:
        SmsBudget(pk=_key(scope), sk=day_sk).update(actions=[attr.set(1)], condition=attr.does_not_exist())
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _alert(spent: Spent, *, subject: str, source_ip: str) -> None:
    """Tell the office: an audit entry for the history, and a metric the template alarms on.

    A metric rather than a staff e-mail: the login functions then need no mail permission and no
    extra call on the login path, the alarm (not the attacker) decides how often the office is
    mailed, and it still arrives when mail itself is the thing being abused. The metric is an
    Embedded Metric Format log line: CloudWatch extracts it from the function's log, no API call.
    """
    trail.record("sms_budget_spent", actor="system", subject=subject, source_ip=source_ip,
                 scope=spent.scope, window=spent.window)
    print(json.dumps({  # noqa: T201 - EMF is read from stdout by design
        "_aws": {
            "Timestamp": int(clock.epoch() * 1000),
            "CloudWatchMetrics": [{
                "Namespace": METRIC_NAMESPACE,
                "Dimensions": [["Service"]],
                "Metrics": [{"Name": METRIC_NAME, "Unit": "Count"}],
            }],
        },
        "Service": "portal",
        METRIC_NAME: 1,
        "scope": spent.scope,
        "window": spent.window,
    }))
