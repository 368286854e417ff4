"""AWS client factory.

The same code talks to moto locally and to AWS in the cloud: the endpoint comes from settings
(``AWS_ENDPOINT_URL``, which boto3 also honours natively). Clients are cached per service, like
a warm Lambda keeps them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from portal.platform.settings import get_settings


@lru_cache(maxsize=16)
def client(service: str) -> Any:
    import boto3  # lazy: a function that never calls AWS directly does not pay for it
    from botocore.config import Config

    settings = get_settings()
    config = Config(
        retries={"max_attempts": 3, "mode": "standard"},
        signature_version="s3v4" if service == "s3" else None,
        s3={"addressing_style": "path"} if settings.aws_endpoint_url else None,
    )
    return boto3.client(
        service, region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url, config=config
    )


def reset_clients() -> None:
    client.cache_clear()
