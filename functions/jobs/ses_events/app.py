"""SNS: SES bounce and complaint events mark the address so the portal stops mailing it."""

from typing import Any

from portal.notifications import bounces
from portal.platform.log import get_logger, traced

logger = get_logger()


@traced
@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    marked = bounces.handle_sns_event(event)
    logger.info("ses events", extra={"marked": marked})
    return {"marked": marked}
