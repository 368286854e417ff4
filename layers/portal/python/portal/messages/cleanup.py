"""The scheduled cleanup of uploads: what was uploaded but never sent is deleted after a day.

Every upload item carries ``gsi2pk = UPLOADS`` with its creation time as sort key until this job
deletes it, so a run reads only uploads older than a day, oldest first: its cost grows with the
uploads, never with the table (no Scan). For an upload that was sent, only the raw object under
``uploads/`` goes (the message refers to the checked copy, which stays); for one never sent, both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from pynamodb.exceptions import DeleteError

from portal.files import scan
from portal.messages.models import SENT, UPLOADS_INDEX, Upload
from portal.platform import clock
from portal.platform.log import get_logger

MAX_AGE = timedelta(days=1)
PAGE = 100


@dataclass
class CleanupResult:
    deleted: int = 0  # unsent uploads removed with their files
    sent_tidied: int = 0  # sent uploads whose raw object was removed
    finished: bool = True  # False when the run stopped for time; the next run continues


def run(time_left_ms: Callable[[], int] = lambda: 60_000) -> CleanupResult:
    cutoff = (clock.now() - MAX_AGE).isoformat()
    result = CleanupResult()
    logger = get_logger()
    for upload in Upload.waiting.query(UPLOADS_INDEX, Upload.gsi2sk < cutoff, page_size=PAGE):
        if time_left_ms() < 10_000:
            result.finished = False
            break
        try:
            _clean(upload, result)
        except Exception:  # one bad upload must not stop the others; it is tried again next run
            logger.exception("upload cleanup failed", extra={"upload_id": upload.id})
    logger.info("upload cleanup", extra={"deleted": result.deleted, "sent_tidied": result.sent_tidied})
    return result


def _clean(upload: Upload, result: CleanupResult) -> None:
    if upload.status == SENT:
        scan.purge(upload.s3_key)
        upload.delete(condition=Upload.status == SENT)
        result.sent_tidied += 1
        return
    # The item first, on the status read: a send committing right now makes this fail, and the
    # checked copy it refers to is kept. Only then the files.
    try:
        upload.delete(condition=Upload.status == upload.status)
    except DeleteError:
        return
    for key in (upload.s3_key, upload.checked_key):
        if key:
            scan.purge(key)
    result.deleted += 1
