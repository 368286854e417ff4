"""Staff: documents of a dossier. Upload (presigned POST), publish, list, withdraw, who read them."""

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.dossiers import publishing
from portal.platform.callers import CurrentStaff
from portal.platform.http import Router, handler_for
from portal.platform.types import Line
from portal.platform.web import json_response
from pydantic import BaseModel, Field

router = Router()


class UploadRequest(BaseModel):
    file_name: Line
    content_type: Line
    size: int = Field(ge=1)


class Publication(BaseModel):
    upload_key: Line
    title: Line
    tab: Literal["correspondence", "documents"]
    file_name: Line
    visible_to: list[Line] | None = Field(default=None, max_length=40)


@router.post(
    "/admin/dossiers/<dossier_id>/uploads", summary="A presigned POST to upload a file", tags=["documents"],
    status_code=201,
)
def upload(dossier_id: str, body: UploadRequest):
    offer = publishing.request_upload(
        dossier_id, file_name=body.file_name, content_type=body.content_type, size=body.size
    )
    return json_response(201, offer)


@router.post(
    "/admin/dossiers/<dossier_id>/documents", summary="Publish an uploaded file to a tab", tags=["documents"],
    status_code=201,
)
def publish(dossier_id: str, body: Publication, signer: CurrentStaff):
    published = publishing.publish(
        dossier_id, upload_key=body.upload_key, title=body.title, tab=body.tab, file_name=body.file_name,
        visible_to=body.visible_to, **signer.who,
    )
    return json_response(201, published)


@router.get("/admin/dossiers/<dossier_id>/documents", summary="The documents, withdrawn ones too", tags=["documents"])
def list_documents(dossier_id: str, next_token: Annotated[str | None, Query(max_length=2000)] = None) -> dict:
    return publishing.list_documents(dossier_id, next_token)


@router.delete("/admin/dossiers/<dossier_id>/documents/<item_id>", summary="Withdraw a document", tags=["documents"])
def withdraw(dossier_id: str, item_id: str, signer: CurrentStaff) -> dict:
    return publishing.withdraw(dossier_id, item_id, **signer.who)


@router.get(
    "/admin/dossiers/<dossier_id>/documents/<item_id>/reads", summary="Who read or downloaded it, and when",
    tags=["documents"],
)
def reads(dossier_id: str, item_id: str) -> dict:
    return publishing.reads(dossier_id, item_id)


lambda_handler = handler_for(router, api="admin")
