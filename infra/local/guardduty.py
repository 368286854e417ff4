"""The local stand-in for GuardDuty Malware Protection for S3.

In AWS, GuardDuty scans every new object and tags it ``GuardDutyMalwareScanStatus`` with its
verdict; the bucket policy lets nobody but the scanner read a client upload before it is tagged
``NO_THREATS_FOUND``, and the upload check (portal.files.scan) decides from that tag. Locally moto
stores the object and this stand-in tags it at once, in the same request, with the verdict of a
scanner that knows one virus: the EICAR test file. So the portal's code runs the same path as in
AWS, under the same bucket policy, and the refusal is testable with EICAR.

Every new object is tagged, however written (a browser's presigned POST, a PUT, a copy), as GuardDuty
scans every new object. Set ``PORTAL_ENVIRONMENT=aws`` to switch the stand-in off and tag objects
by hand, as GuardDuty would, later (the benchmarks and some tests do).
"""

from __future__ import annotations

import os
from functools import wraps
from typing import Any

TAG = "GuardDutyMalwareScanStatus"
CLEAN, INFECTED = "NO_THREATS_FOUND", "THREATS_FOUND"
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def verdict(data: bytes) -> str:
    """The stand-in scanner: finds the EICAR test signature anywhere in the file."""
    return INFECTED if EICAR in data else CLEAN


def _read(value: Any) -> bytes:
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    position = value.tell() if hasattr(value, "tell") else None
    data = value.read()
    if position is not None:
        value.seek(position)
    return data


def _active() -> bool:
    return os.environ.get("PORTAL_ENVIRONMENT", "local") != "aws"


def install() -> None:
    """Wrap moto's S3 backend (in this process: the in-process mock and the embedded server alike)."""
    from moto.s3.models import S3Backend

    original_put, original_tagging = S3Backend.put_object, S3Backend.put_object_tagging
    if getattr(original_put, "_portal_guardduty", False):
        return

    @wraps(original_put)
    def put_object(self: Any, bucket_name: str, key_name: str, value: Any, *args: Any, **kwargs: Any) -> Any:
        scanned = verdict(_read(value)) if _active() else None
        key = original_put(self, bucket_name, key_name, value, *args, **kwargs)
        if scanned is not None:
            key.portal_scan_verdict = scanned
            original_tagging(self, key, {TAG: scanned})
        return key

    @wraps(original_tagging)
    def put_object_tagging(self: Any, key: Any, tags: dict[str, str] | None, *args: Any, **kwargs: Any) -> Any:
        # moto's PUT and copy paths set the request's tags (often none) right after storing the
        # object; the scanner's verdict stays, as GuardDuty's does beside the writer's own tags.
        scanned = getattr(key, "portal_scan_verdict", None)
        if scanned is not None and TAG not in (tags or {}):
            tags = {**(tags or {}), TAG: scanned}
        return original_tagging(self, key, tags, *args, **kwargs)

    put_object._portal_guardduty = True  # type: ignore[attr-defined]
    S3Backend.put_object = put_object
    S3Backend.put_object_tagging = put_object_tagging
