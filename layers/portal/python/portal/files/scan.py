"""The check of a client's upload before it may be attached: malware scan, size, real type.

A client posts straight to S3, so until this check the object is whatever they sent. In order:

1. Malware, decided from GuardDuty's tag alone: GuardDuty Malware Protection scans every new
   object and tags it ``GuardDutyMalwareScanStatus``; only ``NO_THREATS_FOUND`` passes, no tag yet
   means "come back in a moment". Nothing else is read before that verdict: the bucket policy
   denies reading an upload's bytes or metadata (GetObject, HeadObject) unless it is tagged clean,
   so reading first would turn every refusal into AccessDenied. Locally a stand-in for GuardDuty
   (portal_local.guardduty) tags each posted upload at once, recognising the EICAR test file.
2. Size: at least one byte, at most ``settings.max_upload_bytes``.
3. Type: the first bytes must be those of the declared type, which the upload policy fixed and
   which must fit the file name's extension (a PNG named ``.pdf`` is refused).

Every read names the version read first, so a second upload to the same key (possible while the
presigned POST is valid) cannot slip in between the check and the copy the caller makes of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.files import kinds
from portal.platform.aws import client
from portal.platform.errors import Conflict, Invalid, NotFound
from portal.platform.settings import get_settings

TAG = "GuardDutyMalwareScanStatus"
CLEAN, INFECTED = "NO_THREATS_FOUND", "THREATS_FOUND"

# What a client may attach: content type -> the file name extensions it may carry.
CLIENT_TYPES: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/heic": (".heic", ".heif"),
    "application/msword": (".doc",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.ms-excel": (".xls",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "text/plain": (".txt",),
}
EXTENSIONS = {ext: content_type for content_type, exts in CLIENT_TYPES.items() for ext in exts}
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
# A ".txt" that starts like one of these is a binary file in disguise.
_BINARY_STARTS = (b"%PDF-", b"PK\x03\x04", b"MZ", b"\x7fELF", b"\x89PNG", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0")
SNIFF_BYTES = 512


@dataclass(frozen=True)
class CheckedObject:
    key: str
    version_id: str | None
    size: int
    content_type: str


def _extension(file_name: str) -> str:
    stem, dot, ext = file_name.rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


def allowed_extensions() -> list[str]:
    return sorted(EXTENSIONS)


def client_limits() -> dict[str, Any]:
    """What the message form shows before a file is chosen, and checks in the browser (the server
    checks again): sent with the dossier page, where the form lives, so it costs no request."""
    settings = get_settings()
    return {
        "max_size": settings.max_upload_bytes, "max_attachments": settings.max_attachments,
        "extensions": allowed_extensions(), "content_types": sorted(CLIENT_TYPES),
    }


def content_type_for(file_name: str, declared: str | None) -> str:
    """The type the upload policy will require: the declared one when it fits the name.

    Browsers leave ``File.type`` empty for some types (HEIC on most systems) or say
    ``application/octet-stream``; then the extension decides.
    """
    by_name = EXTENSIONS.get(_extension(file_name))
    if by_name is None:
        raise Invalid("attachment_type_not_allowed", detail={"allowed": allowed_extensions()})
    normalised = (declared or "").split(";")[0].strip().lower()
    if normalised in ("", "application/octet-stream"):
        return by_name
    if normalised == "image/heif":
        normalised = "image/heic"
    if normalised not in CLIENT_TYPES:
        raise Invalid("attachment_type_not_allowed", detail={"allowed": allowed_extensions()})
    if normalised != by_name:
        raise Invalid("upload_type_mismatch")
    return normalised


def looks_like(content_type: str, head: bytes) -> bool:
    """Whether a file's first bytes are those of its declared type."""
    if content_type == "image/heic":
        return head[4:8] == b"ftyp" and head[8:12] in _HEIC_BRANDS
    if content_type == "text/plain":
        # Any 8-bit text (old Windows files are not UTF-8), but no NUL and no binary in disguise.
        return b"\x00" not in head and not head.startswith(_BINARY_STARTS)
    return kinds.matches(content_type, head)


def _scan_status(key: str) -> tuple[str | None, str | None]:
    """(GuardDuty's verdict or None while it is pending, the current version id)."""
    from botocore.exceptions import ClientError  # lazy: botocore loads with the first client

    try:
        tagging = client("s3").get_object_tagging(Bucket=get_settings().documents_bucket, Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            raise NotFound("upload_missing") from None
        raise
    tags = {t["Key"]: t["Value"] for t in tagging.get("TagSet", [])}
    return tags.get(TAG), tagging.get("VersionId")


def _versioned(version_id: str | None) -> dict[str, str]:
    return {"VersionId": version_id} if version_id else {}


def check(key: str, *, content_type: str) -> CheckedObject:
    """Check the current version of an uploaded object; raise the refusal's error otherwise.

    Raises 409 ``upload_scan_pending`` (ask again shortly), 422 ``upload_infected`` /
    ``upload_scan_failed`` / ``upload_type_mismatch`` / ``file_empty`` / ``file_too_large``.
    The verdict comes first and alone (see the module's note on the bucket policy).
    """
    s3, settings = client("s3"), get_settings()
    bucket = settings.documents_bucket
    status, version_id = _scan_status(key)
    if status is None:
        raise Conflict("upload_scan_pending", detail={"retry_after": 5})
    if status == INFECTED:
        raise Invalid("upload_infected")
    if status != CLEAN:  # UNSUPPORTED (encrypted archive...), ACCESS_DENIED, FAILED: not known clean
        raise Invalid("upload_scan_failed")
    head = s3.head_object(Bucket=bucket, Key=key, **_versioned(version_id))
    size = int(head["ContentLength"])
    if size < 1:
        raise Invalid("file_empty")
    if size > settings.max_upload_bytes:
        raise Invalid("file_too_large", detail={"max_size": settings.max_upload_bytes})
    first = s3.get_object(
        Bucket=bucket, Key=key, Range=f"bytes=0-{SNIFF_BYTES - 1}", **_versioned(version_id)
    )["Body"].read()
    if not looks_like(content_type, first):
        raise Invalid("upload_type_mismatch")
    return CheckedObject(key=key, version_id=version_id, size=size, content_type=content_type)


def copy_checked(checked: CheckedObject, target_key: str) -> None:
    """Copy exactly the checked version to a key only the server writes.

    No tags are carried over (REPLACE with none given): writing tags would need s3:PutObjectTagging,
    and GuardDuty scans and tags the copy as a new object anyway.
    """
    source = {"Bucket": get_settings().documents_bucket, "Key": checked.key, **_versioned(checked.version_id)}
    client("s3").copy_object(
        Bucket=get_settings().documents_bucket, Key=target_key, CopySource=source,
        MetadataDirective="REPLACE", ContentType=checked.content_type, TaggingDirective="REPLACE",
        ServerSideEncryption="AES256",
    )


def purge(key: str) -> None:
    """Delete every version of one object (a versioned bucket would otherwise keep the bytes)."""
    s3, bucket = client("s3"), get_settings().documents_bucket
    listing = s3.list_object_versions(Bucket=bucket, Prefix=key)
    doomed = [
        {"Key": v["Key"], "VersionId": v["VersionId"]}
        for v in listing.get("Versions", []) + listing.get("DeleteMarkers", [])
        if v["Key"] == key
    ]
    for version in doomed:
        s3.delete_object(Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])
