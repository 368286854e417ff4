"""A client's attachments on their way to a message: offer a presigned POST, check, discard.

The browser asks for an upload (name, type, size) and gets a presigned POST whose policy fixes the
key (chosen here: ``dossiers/<dossier>/uploads/<party>/<upload>``), the content type and the size
range. After posting the file it asks for the check (portal.files.scan); a file that passes is
copied to ``dossiers/<dossier>/attachments/<party>/<upload>``, where only the server writes, and
only that copy is ever attached, downloaded or shown to staff. Each upload is an item under the
dossier keyed by the party, so another client's (or another dossier's) upload id is simply not
found: 404, never "not yours".
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DeleteError, DoesNotExist, TransactWriteError, UpdateError

from portal.accounts.sessions import Principal
from portal.dossiers.authorization import denied, grant_for, require_ids
from portal.dossiers.models import dossier_key
from portal.files import scan
from portal.files.names import clean_file_name
from portal.messages.models import (
    CHECKED,
    OFFERED,
    SENT,
    UPLOADS_INDEX,
    Upload,
    UploadQuota,
    attachment_key,
    quota_key,
    upload_key,
    upload_sk,
)
from portal.platform import clock, ids
from portal.platform.aws import client
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Invalid
from portal.platform.settings import get_settings

UPLOAD_SECONDS = 15 * 60


def _presigned_post(key: str, content_type: str, size: int) -> dict[str, Any]:
    # Not portal.files.storage.presigned_post: that one accepts the staff's document types, and
    # clients may also send HEIC photos. Same shape, same policy conditions.
    post = client("s3").generate_presigned_post(
        Bucket=get_settings().documents_bucket, Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, size]],
        ExpiresIn=UPLOAD_SECONDS,
    )
    return {"url": post["url"], "fields": post["fields"]}


def offer(
    caller: Principal, dossier_id: str, *, file_name: str, content_type: str | None, size: int, source_ip: str
) -> dict[str, Any]:
    grant_for(caller, dossier_id, source_ip=source_ip)
    name = clean_file_name(file_name)
    chosen = scan.content_type_for(name, content_type)
    settings = get_settings()
    if size < 1:
        raise Invalid("file_empty")
    if size > settings.max_upload_bytes:
        raise Invalid("file_too_large", detail={"max_size": settings.max_upload_bytes})
    upload_id, now = ids.new_id(), clock.now().isoformat()
    key = upload_key(dossier_id, caller.party_id, upload_id)
    upload = Upload(
        pk=dossier_key(dossier_id), sk=upload_sk(caller.party_id, upload_id), id=upload_id, dossier_id=dossier_id,
        party_id=caller.party_id, account_id=caller.account_id, file_name=name, content_type=chosen,
        declared_size=size, s3_key=key, status=OFFERED, created_at=now,
        gsi2pk=UPLOADS_INDEX, gsi2sk=f"{now}#{upload_id}",
    )
    _offer_within_quota(upload, size)
    post = _presigned_post(key, chosen, size)
    return {
        "upload_id": upload_id, "url": post["url"], "fields": post["fields"], "file_name": name,
        "content_type": chosen, "max_size": size, "expires_in": UPLOAD_SECONDS,
    }


def _offer_within_quota(upload: Upload, size: int) -> None:
    """Record the offer and count it against the party's day, together, or 422 ``upload_quota_exceeded``.

    The declared size counts (the POST policy caps the file at it), and a discarded upload is not
    given back: the quota bounds what a client can make the office store and scan in a day.
    """
    settings = get_settings()
    files, total = settings.uploads_per_day, settings.upload_bytes_per_day
    pk, sk = quota_key(upload.party_id, clock.now().date().isoformat())
    within = UploadQuota.files.does_not_exist() | (
        (UploadQuota.files < files) & (UploadQuota.bytes <= total - size))
    try:
        with transaction() as write:
            write.save(upload, condition=Upload.pk.does_not_exist())
            write.update(
                UploadQuota(pk=pk, sk=sk),
                actions=[UploadQuota.files.add(1), UploadQuota.bytes.add(size),
                         UploadQuota.expires_at.set(clock.epoch() + 2 * 86400)],
                condition=within,
            )
    except TransactWriteError as error:
        reasons = error.cancellation_reasons
        if len(reasons) > 1 and reasons[1] is not None and reasons[1].code == "ConditionalCheckFailed":
            raise Invalid("upload_quota_exceeded", detail={"files_per_day": files, "bytes_per_day": total}) from None
        raise


def mine(caller: Principal, dossier_id: str, upload_id: str, *, source_ip: str) -> Upload:
    """The caller's own upload in this dossier, or 404 (audited) for anything else."""
    require_ids(caller, source_ip, dossier=dossier_id, upload=upload_id)
    try:
        upload = Upload.get(dossier_key(dossier_id), upload_sk(caller.party_id, upload_id), consistent_read=True)
    except DoesNotExist:
        raise denied(caller, source_ip, dossier=dossier_id, upload=upload_id) from None
    if upload.account_id != caller.account_id:
        raise denied(caller, source_ip, dossier=dossier_id, upload=upload_id)
    return upload


def summary(upload: Upload) -> dict[str, Any]:
    return {
        "upload_id": upload.id, "file_name": upload.file_name, "content_type": upload.content_type,
        "size": int(upload.size if upload.size is not None else upload.declared_size), "status": upload.status,
    }


def check(caller: Principal, dossier_id: str, upload_id: str, *, source_ip: str) -> dict[str, Any]:
    """Run the upload check; a refused file is deleted at once, so it never reaches the office."""
    grant_for(caller, dossier_id, source_ip=source_ip)
    upload = mine(caller, dossier_id, upload_id, source_ip=source_ip)
    if upload.status == CHECKED:
        return summary(upload)  # asking twice is harmless
    if upload.status != OFFERED:
        raise Conflict("upload_already_sent")
    try:
        checked = scan.check(upload.s3_key, content_type=upload.content_type)
    except Invalid:
        scan.purge(upload.s3_key)
        upload.delete(condition=Upload.status == OFFERED)
        raise
    target = attachment_key(dossier_id, caller.party_id, upload_id)
    scan.copy_checked(checked, target)
    try:
        upload.update(
            actions=[Upload.status.set(CHECKED), Upload.checked_key.set(target), Upload.size.set(checked.size)],
            condition=Upload.status == OFFERED,
        )
    except UpdateError:
        raise Conflict("upload_already_sent") from None
    return summary(upload)


def discard(caller: Principal, dossier_id: str, upload_id: str, *, source_ip: str) -> None:
    """Remove an upload that was not sent (the bin next to an attachment, or "Annuleer")."""
    upload = mine(caller, dossier_id, upload_id, source_ip=source_ip)
    if upload.status == SENT:
        raise Conflict("upload_already_sent")
    try:
        upload.delete(condition=Upload.status == upload.status)
    except DeleteError:
        raise Conflict("upload_already_sent") from None
    for key in (upload.s3_key, upload.checked_key):
        if key:
            scan.purge(key)


def keys_of(caller: Principal, dossier_id: str, upload_ids: list[str]) -> list[tuple[str, str]]:
    return [(dossier_key(dossier_id), upload_sk(caller.party_id, upload_id)) for upload_id in upload_ids]


def ready_for_sending(
    caller: Principal, dossier_id: str, upload_ids: list[str], found: dict[tuple[str, str], Any], *, source_ip: str
) -> list[Upload]:
    """The caller's checked uploads, in the order given, from a batch read of :func:`keys_of`.

    404 for any upload that is not the caller's own in this dossier; 409 for one not checked yet
    or already sent with another message.
    """
    require_ids(caller, source_ip, dossier=dossier_id, **{f"upload{n}": u for n, u in enumerate(upload_ids)})
    ready = []
    for key, upload_id in zip(keys_of(caller, dossier_id, upload_ids), upload_ids, strict=True):
        upload = Upload.from_raw_data(found[key]) if key in found else None
        if upload is None or upload.account_id != caller.account_id:
            raise denied(caller, source_ip, dossier=dossier_id, upload=upload_id)
        if upload.status == SENT:
            raise Conflict("upload_already_sent", detail={"upload_id": upload.id})
        if upload.status != CHECKED:
            raise Conflict("upload_not_checked", detail={"upload_id": upload.id})
        ready.append(upload)
    return ready
