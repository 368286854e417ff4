"""Download: a presigned link of minutes, issued only after the authorization check.

Downloading marks the item read for the caller's party and lowers the unread count on the grant
in the same transaction (so the tab's count is right on the very next request), and records which
account downloaded it and when, for staff.
"""

from __future__ import annotations

from typing import Any

from portal.accounts.sessions import Principal
from portal.activity import recording
from portal.activity.models import DOCUMENT_OPENED
from portal.audit import trail
from portal.dossiers.authorization import denied, require_ids
from portal.dossiers.models import (
    ITEM_TABS,
    DocumentView,
    Grant,
    ReadRecord,
    dossier_key,
    get_many,
    grant_sk,
    party_key,
    read_sk,
    tab_unread,
    view_sk,
)
from portal.files import storage
from portal.platform import clock
from portal.platform.db import transaction
from portal.platform.races import retry_lost_races


def download(caller: Principal, dossier_id: str, item_id: str, *, source_ip: str) -> dict[str, Any]:
    require_ids(caller, source_ip, dossier=dossier_id, item=item_id)
    grant_key = (party_key(caller.party_id), grant_sk(dossier_id))
    view_keys = [(dossier_key(dossier_id), view_sk(caller.party_id, tab, item_id)) for tab in ITEM_TABS]

    def attempt() -> DocumentView:
        # One BatchGetItem: the grant (may the party see the dossier?) and its view of the item
        # (may it see this item?), whichever tab the item is in.
        found = get_many([grant_key, *view_keys])
        raw_view = next((found[k] for k in view_keys if k in found), None)
        if grant_key not in found or raw_view is None:
            raise denied(caller, source_ip, dossier=dossier_id, item=item_id)
        view = DocumentView.from_raw_data(raw_view)
        _mark_read(caller, view, source_ip=source_ip)
        return view

    # Another account of the party reading it at the same moment: read again, once.
    view = retry_lost_races(attempt, attempts=2)
    link = storage.presigned_get(view.s3_key, file_name=view.file_name, content_type=view.content_type)
    return {**link, "file_name": view.file_name}


def _mark_read(caller: Principal, view: DocumentView, *, source_ip: str) -> None:
    now = clock.now().isoformat()
    record = ReadRecord(pk=view.pk, sk=read_sk(view.item_id, caller.account_id))
    audit = trail.entry(
        "document_downloaded", actor=caller.account_id, subject=caller.account_id, source_ip=source_ip,
        dossier=view.dossier_id, item=view.item_id,
    )
    with transaction() as write:
        if view.read_at is None:
            write.update(
                view, actions=[DocumentView.read_at.set(now), DocumentView.read_by.set(caller.account_id)],
                condition=DocumentView.read_at.does_not_exist(),
            )
            write.update(
                Grant(pk=party_key(caller.party_id), sk=grant_sk(view.dossier_id)),
                actions=[tab_unread(view.tab).add(-1)], condition=Grant.pk.exists(),
            )
            # The party's first open of a document the office published (not its own supplied files).
            if view.tab != "supplied":
                recording.save_in(write, recording.new(
                    DOCUMENT_OPENED, caller, view.dossier_id, document_id=view.item_id, tab=view.tab))
        write.update(
            record,
            actions=[
                ReadRecord.item_id.set(view.item_id), ReadRecord.account_id.set(caller.account_id),
                ReadRecord.party_id.set(caller.party_id),
                ReadRecord.first_read_at.set(ReadRecord.first_read_at | now),
                ReadRecord.last_read_at.set(now), ReadRecord.downloads.add(1),
            ],
        )
        write.save(audit, condition=type(audit).pk.does_not_exist())
