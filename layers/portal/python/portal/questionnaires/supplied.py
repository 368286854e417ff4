"""Filing a completed questionnaire's PDF under the dossier's "Door mij aangeleverd" tab.

The dossiers package has no public function for a client-supplied item yet (it publishes staff
documents only), so this writes the same items its ``publishing.publish`` does, with its models
and key functions: the ``Document`` (tab ``supplied``, visible to the party only), the party's
``DocumentView`` and the grant's item count, under the dossier's version so that a grant or
revocation racing it is retried. The view is created read: the client wrote it, it is no news to
them; only ``items_supplied`` goes up. Also the S3 put and delete, which ``portal.files.storage``
does not offer (it presigns only).
"""

from __future__ import annotations

from typing import Any

from portal.dossiers.access import view_of
from portal.dossiers.models import (
    Document,
    DocumentView,
    Dossier,
    Grant,
    dossier_key,
    grant_sk,
    item_sk,
    party_key,
    tab_count,
)
from portal.platform.aws import client
from portal.platform.log import get_logger
from portal.platform.settings import get_settings
from portal.questionnaires.models import Questionnaire

TAB = "supplied"
PDF = "application/pdf"


def object_key(dossier_id: str, item_id: str) -> str:
    """Next to the staff uploads (``dossiers/<dossier>/staff/<item>``), under the client's part."""
    return f"dossiers/{dossier_id}/supplied/{item_id}"


def put_pdf(key: str, data: bytes) -> None:
    client("s3").put_object(
        Bucket=get_settings().documents_bucket, Key=key, Body=data, ContentType=PDF, ServerSideEncryption="AES256"
    )


def delete_object(key: str) -> None:
    """Best effort: an orphan object is harmless (nothing refers to it), a second error is not."""
    try:
        client("s3").delete_object(Bucket=get_settings().documents_bucket, Key=key)
    except Exception:  # noqa: BLE001 - the original error is what matters to the caller
        get_logger().warning("could not delete an unfiled questionnaire PDF", extra={"key": key})


def pdf_item(
    questionnaire: Questionnaire, *, item_id: str, title: str, file_name: str, s3_key: str, size: int, at: str, by: str
) -> tuple[Document, DocumentView]:
    document = Document(
        pk=dossier_key(questionnaire.dossier_id), sk=item_sk(TAB, item_id), id=item_id,
        dossier_id=questionnaire.dossier_id, tab=TAB, title=title, file_name=file_name, content_type=PDF,
        size=size, s3_key=s3_key, published_at=at, published_by=by, visible_to=[questionnaire.party_id],
    )
    view = view_of(document, questionnaire.party_id)
    view.read_at, view.read_by = at, by
    return document, view


def add_to(write: Any, dossier: Dossier, document: Document, view: DocumentView, *, at: str) -> None:
    """Within a TransactWrite: the item, the party's view and the grant's count, under the dossier's version."""
    write.update(dossier, actions=[Dossier.updated_at.set(at)])
    write.save(document, condition=Document.pk.does_not_exist())
    write.save(view)
    party = (document.visible_to or [])[0]
    write.update(
        Grant(pk=party_key(party), sk=grant_sk(document.dossier_id)),
        actions=[tab_count(TAB).add(1)], condition=Grant.pk.exists(),
    )
