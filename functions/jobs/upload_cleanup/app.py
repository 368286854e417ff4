"""Scheduled: delete uploads that were never sent, a day after they were offered."""

from dataclasses import asdict
from typing import Any

from portal.messages import cleanup
from portal.platform.log import get_logger, traced

logger = get_logger()


@traced
@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return asdict(cleanup.run(time_left_ms=context.get_remaining_time_in_millis))
