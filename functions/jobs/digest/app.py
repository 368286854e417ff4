"""Scheduled: the notification digest (rate in template.yaml, default every 15 minutes)."""

from typing import Any

from portal.appointments import reminders
from portal.notifications import digest
from portal.platform.log import get_logger, traced

logger = get_logger()


@traced
@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    reminded = reminders.announce_due()  # first: a due reminder goes out in this very run
    report = {**digest.run(remaining_ms=context.get_remaining_time_in_millis).as_dict(), "reminders_announced": reminded}
    logger.info("digest run", extra=report)
    return report
