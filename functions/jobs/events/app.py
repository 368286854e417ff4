"""DynamoDB stream: each activity item written (the filter passes only those INSERTs) published as
an event on the stack's bus; the records PutEvents did not take are reported back, so the stream
retries them (and those after them) with the same ``detail.id``."""

from typing import Any

from portal.activity import events
from portal.platform.log import get_logger, traced

logger = get_logger()


@traced
@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, list[dict[str, str]]]:
    records = event.get("Records", [])
    failed = events.publish_records(records)
    logger.info("activity events", extra={"records": len(records), "failed": len(failed)})
    return {"batchItemFailures": [{"itemIdentifier": sequence} for sequence in failed]}
