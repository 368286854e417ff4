"""The one powertools Logger, and X-Ray tracing of the AWS calls.

The Logger never logs request bodies, headers or cookies: no secrets in logs (the origin secret
travels in a header). Tracing: template.yaml switches on active tracing for every function and
both API stages; :func:`traced` adds the AWS calls (DynamoDB through pynamodb, S3, SES, SNS,
EventBridge: everything botocore sends) to each trace.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

from aws_lambda_powertools import Logger

from portal.platform.settings import get_settings

Handler = TypeVar("Handler", bound=Callable[..., Any])


@lru_cache(maxsize=1)
def get_logger() -> Logger:
    return Logger(service="portal", log_uncaught_exceptions=False)


def traced(handler: Handler) -> Handler:
    """The handler, recording its AWS calls as X-Ray subsegments when it runs in Lambda.

    The X-Ray SDK costs about 60 modules and 45 ms of CPU to load (15% of the baseline handler's
    import): it is loaded on the first invocation, never at import, so a cold start's init is
    unchanged, and only in Lambda with tracing on (POWERTOOLS_TRACE_DISABLED locally and in tests;
    outside Lambda the SDK would even create its own AWS clients to fetch sampling rules). Only
    botocore is patched: no response bodies, request payloads or headers go into a trace. Settings
    are read at the first invocation too, not when the module applies this decorator."""
    tracing: bool | None = None

    @wraps(handler)
    def traced_handler(event: Any, context: Any) -> Any:
        nonlocal tracing
        if tracing is None:
            settings = get_settings()
            tracing = bool(settings.aws_lambda_function_name) and not settings.powertools_trace_disabled
            if tracing:
                from aws_xray_sdk.core import patch, xray_recorder

                # A missing trace context (an unsampled request) is not an error worth an exception.
                xray_recorder.configure(context_missing="IGNORE_ERROR")
                patch(["botocore"])
        return handler(event, context)

    return traced_handler  # type: ignore[return-value]
