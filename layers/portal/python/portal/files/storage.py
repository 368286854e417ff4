"""Presigned uploads and downloads in the documents bucket, and inspection of uploaded objects.

Files never pass through a Lambda: the browser (or portal-admin) posts straight to S3 with a
presigned POST whose policy fixes the key (chosen here, by the server), the content type and a
content-length range; the server then inspects the object before anything refers to it. Downloads
are presigned GETs valid for minutes, issued only after the caller's authorization was checked.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from portal.files import kinds
from portal.files.names import attachment_disposition
from portal.platform import ids
from portal.platform.aws import client
from portal.platform.errors import Invalid, NotFound
from portal.platform.settings import get_settings

UPLOAD_SECONDS = 15 * 60
DOWNLOAD_SECONDS = 5 * 60


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    content_type: str


def new_key(prefix: str) -> str:
    """A fresh object key under ``prefix``: the last part is a ULID, usable as the item's id."""
    if not prefix or prefix.startswith("/") or ".." in prefix:
        raise ValueError("prefix must be a relative key prefix")
    return f"{prefix.rstrip('/')}/{ids.new_id()}"


def presigned_post(
    key: str, *, content_type: str, size: int, expires_in: int = UPLOAD_SECONDS,
    allowed: Collection[str] = kinds.ALLOWED_CONTENT_TYPES,
) -> dict[str, Any]:
    """A form upload that S3 accepts only for this key, this content type and at most ``size`` bytes.

    ``allowed``: the content types this kind of upload may have (default: the office's document types).
    """
    content_type = kinds.check_declared(content_type, allowed)
    check_size(size)
    settings = get_settings()
    post = client("s3").generate_presigned_post(
        Bucket=settings.documents_bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, size]],
        ExpiresIn=expires_in,
    )
    return {"url": post["url"], "fields": post["fields"], "key": key, "expires_in": expires_in, "max_size": size}


def check_size(size: int) -> None:
    if size < 1:
        raise Invalid("file_empty")
    if size > get_settings().max_upload_bytes:
        raise Invalid("file_too_large", detail={"max_size": get_settings().max_upload_bytes})


def inspect(key: str) -> StoredObject:
    """Size and type of an uploaded object, after checking them; 404 upload_missing if absent.

    The type must be one the portal accepts and the first bytes must match it (S3 stores whatever
    Content-Type the uploader sent; the bytes are what a reader's software will actually open).
    """
    from botocore.exceptions import ClientError  # lazy: botocore loads with the first client

    s3 = client("s3")
    bucket = get_settings().documents_bucket
    try:
        head = s3.head_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            raise NotFound("upload_missing") from None
        raise
    size = int(head["ContentLength"])
    content_type = kinds.check_declared(head.get("ContentType", ""))
    check_size(size)
    first = s3.get_object(Bucket=bucket, Key=key, Range=f"bytes=0-{kinds.SNIFF_BYTES - 1}")["Body"].read()
    if not kinds.matches(content_type, first):
        raise Invalid("file_type_mismatch")
    return StoredObject(key=key, size=size, content_type=content_type)


def presigned_get(key: str, *, file_name: str, content_type: str, expires_in: int = DOWNLOAD_SECONDS) -> dict[str, Any]:
    """A short-lived download link that makes the browser save the file under its original name."""
    url = client("s3").generate_presigned_url(
        "get_object",
        Params={
            "Bucket": get_settings().documents_bucket,
            "Key": key,
            "ResponseContentDisposition": attachment_disposition(file_name),
            "ResponseContentType": content_type,
        },
        ExpiresIn=expires_in,
    )
    return {"url": url, "expires_in": expires_in}
