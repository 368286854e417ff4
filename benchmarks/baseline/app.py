"""The cold-start baseline: a handler that imports only boto3 and powertools (Logger + REST resolver).

What every client function is compared with: the least a Lambda of this stack loads.
"""

import boto3  # noqa: F401 - the import is what is measured
from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver

logger = Logger(service="baseline")
app = APIGatewayRestResolver(enable_validation=True)


@app.get("/api/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@logger.inject_lambda_context
def lambda_handler(event: dict, context: object) -> dict:
    return app.resolve(event, context)
