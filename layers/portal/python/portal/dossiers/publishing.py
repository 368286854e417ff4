"""Staff publish documents to a dossier's Correspondentie or Documenten tab, and withdraw them.

Publishing is two steps: staff get a presigned POST for a key the server chooses
(``dossiers/<dossier>/staff/<item>``), upload the file straight to S3, then confirm. Only on
confirmation is the object checked (size, type, first bytes) and the document written, with a view
and a raised unread count for each party that may see it, in one TransactWrite.
"""

from __future__ import annotations

from typing import Any

from portal.accounts.models import Account, account_key
from portal.activity import unopened
from portal.activity.models import DOCUMENT_NOT_OPENED
from portal.activity.unopened import UnopenedWatch
from portal.audit import trail
from portal.dossiers import access, registry
from portal.dossiers.models import (
    ITEM_PREFIX,
    ITEM_TABS,
    STAFF_TABS,
    Document,
    DocumentView,
    Dossier,
    Grant,
    ReadRecord,
    dossier_key,
    get_many,
    grant_sk,
    is_id,
    item_sk,
    party_key,
    reads_prefix,
    tab_count,
    tab_unread,
    view_sk,
)
from portal.files import storage
from portal.files.names import clean_file_name
from portal.notifications import events
from portal.notifications.models import PendingNotification
from portal.platform import clock, pages
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Invalid, NotFound
from portal.platform.races import retry_lost_races

PAGE_SIZE = 50
TRANSACTION_LIMIT = 100


def upload_prefix(dossier_id: str) -> str:
    return f"dossiers/{dossier_id}/staff/"


def request_upload(dossier_id: str, *, file_name: str, content_type: str, size: int) -> dict[str, Any]:
    registry.load(dossier_id)
    upload = storage.presigned_post(storage.new_key(upload_prefix(dossier_id)), content_type=content_type, size=size)
    return {**upload, "upload_key": upload["key"], "file_name": clean_file_name(file_name)}


def find(dossier_id: str, item_id: str) -> Document:
    """A published document by id, whichever tab it is in; 404 otherwise."""
    if not is_id(dossier_id) or not is_id(item_id):
        raise NotFound()
    found = get_many([(dossier_key(dossier_id), item_sk(tab, item_id)) for tab in ITEM_TABS])
    if not found:
        raise NotFound()
    return Document.from_raw_data(next(iter(found.values())))


def publish(
    dossier_id: str, *, upload_key: str, title: str, tab: str, file_name: str,
    visible_to: list[str] | None = None, actor: str, source_ip: str,
) -> dict[str, Any]:
    if tab not in STAFF_TABS:
        raise Invalid("tab_invalid", detail={"fields": [{"field": "tab", "type": "tab"}]})
    item_id = upload_key.removeprefix(upload_prefix(dossier_id))
    if not upload_key.startswith(upload_prefix(dossier_id)) or not is_id(item_id):
        raise Invalid("upload_invalid")
    title, file_name = registry.clean_text(title, "title"), clean_file_name(file_name)
    registry.load(dossier_id)
    if get_many([(dossier_key(dossier_id), item_sk(t, item_id)) for t in ITEM_TABS]):
        raise Conflict("already_published")
    stored = storage.inspect(upload_key)
    chosen = registry.parties_of(visible_to) if visible_to else None

    def attempt() -> None:
        dossier = registry.load(dossier_id)
        if chosen is not None and not set(chosen) <= set(dossier.parties):
            raise Invalid("visible_to_not_granted", detail={"fields": [{"field": "visible_to", "type": "granted"}]})
        now = clock.now().isoformat()
        document = Document(
            pk=dossier_key(dossier_id), sk=item_sk(tab, item_id), id=item_id, dossier_id=dossier_id, tab=tab,
            title=title, file_name=file_name, content_type=stored.content_type, size=stored.size,
            s3_key=stored.key, published_at=now, published_by=actor, visible_to=chosen,
        )
        readers = chosen if chosen is not None else list(dossier.parties)
        audit = trail.entry("document_published", actor=actor, subject=dossier_id, source_ip=source_ip, item=item_id)
        label = f"{dossier.number} {dossier.description}"
        news = events.for_parties(readers, kind=events.DOCUMENT, dossier_id=dossier_id, dossier_label=label)
        # The office inbox's "not opened for N days" watches, one per party.
        watches = [unopened.watch(DOCUMENT_NOT_OPENED, dossier_id=dossier_id, party_id=party, item_id=item_id,
                                  target=(dossier_key(dossier_id), view_sk(party, tab, item_id))) for party in readers]
        # The news and the watches go in the same transaction as the document, unless a dossier with
        # many company accounts would push it past DynamoDB's 100 writes: then right after it (a
        # crash there costs a notice or a reminder, never a document).
        inside = 3 + 2 * len(readers) + len(news) + len(watches) <= TRANSACTION_LIMIT
        with transaction() as write:
            write.update(dossier, actions=[Dossier.updated_at.set(now)])  # the version: no grant slips past
            write.save(document, condition=Document.pk.does_not_exist())
            for party in readers:
                write.save(access.view_of(document, party))
                write.update(
                    Grant(pk=party_key(party), sk=grant_sk(dossier_id)),
                    actions=[tab_count(tab).add(1), tab_unread(tab).add(1)], condition=Grant.pk.exists(),
                )
            write.save(audit, condition=type(audit).pk.does_not_exist())
            for extra in [*news, *watches] if inside else []:
                write.save(extra)
        if not inside:
            with PendingNotification.batch_write() as batch:
                for pending in news:
                    batch.save(pending)
            with UnopenedWatch.batch_write() as batch:
                for watch in watches:
                    batch.save(watch)

    retry_lost_races(attempt)
    return summary(find(dossier_id, item_id))


def withdraw(dossier_id: str, item_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    """The document disappears from every client's tab and counts at once. The file is kept (the
    office's retention rules apply to it), but no new download link is ever issued for it."""

    def attempt() -> None:
        dossier = registry.load(dossier_id)
        document = find(dossier_id, item_id)
        if document.withdrawn:
            return
        readers = [p for p in dossier.parties if access.visible_to(document, p)]
        view_keys = [(dossier_key(dossier_id), view_sk(p, document.tab, item_id)) for p in readers]
        views = get_many(view_keys) if view_keys else {}
        now = clock.now().isoformat()
        audit = trail.entry("document_withdrawn", actor=actor, subject=dossier_id, source_ip=source_ip, item=item_id)
        with transaction() as write:
            write.update(dossier, actions=[Dossier.updated_at.set(now)])
            write.update(
                document, actions=[Document.withdrawn.set(True), Document.withdrawn_at.set(now)],
                condition=Document.withdrawn == False,  # noqa: E712 - a pynamodb condition, not a comparison
            )
            for party in readers:
                raw = views.get((dossier_key(dossier_id), view_sk(party, document.tab, item_id)))
                if raw is None:
                    continue
                view = DocumentView.from_raw_data(raw)
                unread = view.read_at is None
                # Conditioned on the read mark seen here: a download in between makes us retry.
                seen = DocumentView.read_at.does_not_exist() if unread else DocumentView.read_at.exists()
                write.delete(view, condition=seen)
                actions = [tab_count(document.tab).add(-1)] + ([tab_unread(document.tab).add(-1)] if unread else [])
                write.update(
                    Grant(pk=party_key(party), sk=grant_sk(dossier_id)), actions=actions, condition=Grant.pk.exists()
                )
            write.save(audit, condition=type(audit).pk.does_not_exist())

    retry_lost_races(attempt)
    return summary(find(dossier_id, item_id))


def summary(document: Document) -> dict[str, Any]:
    return {
        "id": document.id, "tab": document.tab, "title": document.title, "file_name": document.file_name,
        "content_type": document.content_type, "size": int(document.size), "published_at": document.published_at,
        "published_by": document.published_by, "visible_to": document.visible_to,
        "withdrawn": bool(document.withdrawn), "withdrawn_at": document.withdrawn_at,
    }


def list_documents(dossier_id: str, next_token: str | None = None) -> dict[str, Any]:
    registry.load(dossier_id)
    start = pages.table_start(next_token, partition=dossier_key(dossier_id), sort_prefix=ITEM_PREFIX)
    found = Document.query(
        dossier_key(dossier_id), Document.sk.startswith(ITEM_PREFIX), limit=PAGE_SIZE, last_evaluated_key=start,
        consistent_read=True,
    )
    items = [summary(d) for d in found]
    return {"items": items, "next_token": pages.encode(found.last_evaluated_key)}


def reads(dossier_id: str, item_id: str) -> dict[str, Any]:
    """Who has read (downloaded) the document, and when: one entry per account."""
    document = find(dossier_id, item_id)
    records = list(ReadRecord.query(dossier_key(dossier_id), ReadRecord.sk.startswith(reads_prefix(document.id))))
    names: dict[str, Account] = {}
    if records:
        keys = list(dict.fromkeys((account_key(r.account_id), "META") for r in records))
        names = {a.id: a for a in Account.batch_get(keys)}
    return {
        "item": summary(document),
        "items": [
            {
                "account_id": r.account_id, "party_id": r.party_id,
                "name": names[r.account_id].name if r.account_id in names else None,
                "email": names[r.account_id].email if r.account_id in names else None,
                "first_read_at": r.first_read_at, "last_read_at": r.last_read_at, "downloads": int(r.downloads),
            }
            for r in records
        ],
    }
