"""Attachments on their way to a message: presigned POST, the upload check, discard.

The accepted types and sizes come with the dossier page (GET /api/dossiers/{id}), where the form is.
"""

from portal.messages import uploads
from portal.platform.callers import CurrentCaller
from portal.platform.http import SESSION, Router, handler_for
from portal.platform.web import json_response
from pydantic import BaseModel, Field

router = Router()


class UploadRequest(BaseModel):
    file_name: str = Field(min_length=1, max_length=1000)
    content_type: str | None = Field(default=None, max_length=200, description="the browser's File.type; may be empty")
    size: int = Field(ge=0, description="File.size in bytes")


@router.post(
    "/api/dossiers/<dossier_id>/attachments", summary="A presigned POST for one file", tags=["messages"],
    security=SESSION, status_code=201,
)
def offer(dossier_id: str, body: UploadRequest, caller: CurrentCaller):
    offered = uploads.offer(
        caller.principal, dossier_id, file_name=body.file_name, content_type=body.content_type, size=body.size,
        source_ip=caller.source_ip,
    )
    return json_response(201, offered)


@router.post(
    "/api/dossiers/<dossier_id>/attachments/<upload_id>/check",
    summary="Check an uploaded file (virus scan, size, type); it can be attached once checked", tags=["messages"],
    security=SESSION,
)
def check(dossier_id: str, upload_id: str, caller: CurrentCaller) -> dict:
    return uploads.check(caller.principal, dossier_id, upload_id, source_ip=caller.source_ip)


@router.delete(
    "/api/dossiers/<dossier_id>/attachments/<upload_id>", summary="Remove an upload that was not sent",
    tags=["messages"], security=SESSION, status_code=204,
)
def discard(dossier_id: str, upload_id: str, caller: CurrentCaller):
    uploads.discard(caller.principal, dossier_id, upload_id, source_ip=caller.source_ip)
    return json_response(204, None)


lambda_handler = handler_for(router, api="client")
