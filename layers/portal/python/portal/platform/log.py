"""The one powertools Logger. It never logs request bodies, headers or cookies: no secrets in logs."""

from __future__ import annotations

from functools import lru_cache

from aws_lambda_powertools import Logger


@lru_cache(maxsize=1)
def get_logger() -> Logger:
    return Logger(service="portal", log_uncaught_exceptions=False)
