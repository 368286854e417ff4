"""What S3 does with a presigned POST and moto does not: check its signed policy.

moto stores any form upload it receives, whatever key, type or size, and never looks at the
policy. The portal's safety rests on that policy (the server chooses the key, fixes the content
type and the size range), so the local stack puts this WSGI guard in front of moto's S3: a form
POST whose policy is unsigned, expired, or not met by the form is refused with S3's own answers
(403 AccessDenied, 400 EntityTooLarge / EntityTooSmall), before moto sees it. Everything else
passes through untouched.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from werkzeug.formparser import parse_form_data

# Form fields that S3 does not require the policy to mention.
_EXEMPT = {"policy", "x-amz-signature", "file", "awsaccesskeyid", "signature"}


class PolicyError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _signing_key(secret: str, date: str, region: str) -> bytes:
    key = ("AWS4" + secret).encode("utf-8")
    for part in (date, region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    return key


def _check_signature(fields: dict[str, str], secret: str) -> None:
    credential = fields.get("x-amz-credential", "").split("/")
    if len(credential) != 5 or "policy" not in fields:
        raise PolicyError(403, "AccessDenied", "Missing or malformed credential or policy")
    expected = hmac.new(_signing_key(secret, credential[1], credential[2]), fields["policy"].encode("ascii"),
                        hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, fields.get("x-amz-signature", "")):
        raise PolicyError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match")


def check(fields: dict[str, str], bucket: str, size: int, secret: str, now: datetime | None = None) -> None:
    """Raise PolicyError unless the form meets its signed policy, as S3 decides."""
    _check_signature(fields, secret)
    policy = json.loads(base64.b64decode(fields["policy"]))
    expires = datetime.strptime(policy["expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    if (now or datetime.now(UTC)) > expires:
        raise PolicyError(403, "AccessDenied", "Invalid according to Policy: Policy expired.")
    values = {k.lower(): v for k, v in fields.items()} | {"bucket": bucket}
    covered = set()
    for condition in policy.get("conditions", []):
        if isinstance(condition, dict):
            (name, expected), = condition.items()
            operator, name = "eq", name.lower()
        elif condition[0] == "content-length-range":
            low, high = int(condition[1]), int(condition[2])
            if size > high:
                raise PolicyError(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
            if size < low:
                raise PolicyError(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size")
            continue
        else:
            operator, name, expected = condition[0].lower(), condition[1].lstrip("$").lower(), condition[2]
        covered.add(name)
        actual = values.get(name)
        met = actual == expected if operator == "eq" else actual is not None and actual.startswith(expected)
        if not met:
            raise PolicyError(403, "AccessDenied", f"Invalid according to Policy: Policy Condition failed: {name}")
    extra = [n for n in values if n not in covered and n not in _EXEMPT and n != "bucket" and not n.startswith("x-ignore-")]
    if extra:
        raise PolicyError(403, "AccessDenied", f"Invalid according to Policy: Extra input fields: {extra[0]}")


def _error(error: PolicyError, origin: str | None, start_response: Callable[..., Any]) -> Iterable[bytes]:
    body = f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{error.code}</Code><Message>{error.message}</Message></Error>'
    headers = [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))]
    if origin:  # as S3 does for a CORS-allowed origin: the site's script may read why it failed
        headers.append(("Access-Control-Allow-Origin", origin))
    start_response(f"{error.status} {'Bad Request' if error.status == 400 else 'Forbidden'}", headers)
    return [body.encode("utf-8")]


class PostPolicyGuard:
    """WSGI middleware around moto's server app: form POSTs to a bucket must meet their policy."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        content_type = environ.get("CONTENT_TYPE", "")
        path = environ.get("PATH_INFO", "").strip("/")
        if environ.get("REQUEST_METHOD") != "POST" or not content_type.startswith("multipart/form-data") or "/" in path:
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        probe = {**environ, "wsgi.input": io.BytesIO(body)}
        _, form, files = parse_form_data(probe)
        upload = files.get("file")
        size = len(upload.read()) if upload else 0
        try:
            check(form.to_dict(), path, size, os.environ.get("AWS_SECRET_ACCESS_KEY", ""))
        except PolicyError as error:
            return _error(error, environ.get("HTTP_ORIGIN"), start_response)
        environ["wsgi.input"] = io.BytesIO(body)  # moto reads the body again from the start
        return self.app(environ, start_response)


def guard(moto_server: Any) -> None:
    """Put the guard in front of a started ThreadedMotoServer (its werkzeug server reads ``.app`` per request)."""
    server = moto_server._server  # noqa: SLF001 - moto offers no public hook for this
    server.app = PostPolicyGuard(server.app)
