"""Domain errors: one type per failure, each with a stable code and an HTTP status.

Handlers never write try/except for HTTP codes: the resolver factory maps these to JSON problem
responses. Messages are looked up by code in :mod:`portal.platform.texts`.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, code: str | None = None, *, detail: dict[str, Any] | None = None) -> None:
        self.code = code or type(self).code
        self.detail = detail or {}
        super().__init__(self.code)


class BadRequest(DomainError):
    status = 400
    code = "bad_request"


class Unauthenticated(DomainError):
    status = 401
    code = "not_authenticated"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class PayloadTooLarge(DomainError):
    status = 413
    code = "payload_too_large"


class Invalid(DomainError):
    status = 422
    code = "validation_failed"


class Throttled(DomainError):
    status = 429
    code = "too_many_attempts"


class Gone(DomainError):
    status = 410
    code = "gone"
