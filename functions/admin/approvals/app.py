"""Staff: put a published draft deed up for approval by named parties; the state per party (evidence)."""

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.approvals import requesting
from portal.platform.http import Router, handler_for
from portal.platform.types import Line
from portal.web.callers import CurrentStaff
from portal.web.responses import json_response
from pydantic import BaseModel, Field

router = Router()


class ApprovalRequest(BaseModel):
    document_id: Line
    parties: list[Line] = Field(min_length=1, max_length=20, description="account ids of the parties asked")
    respond_by: Line | None = Field(default=None, description="YYYY-MM-DD")


@router.post(
    "/admin/dossiers/<dossier_id>/approval", summary="Put a document up for approval (a new version resets)",
    tags=["approvals"], status_code=201,
)
def request(dossier_id: str, body: ApprovalRequest, signer: CurrentStaff):
    asked = requesting.request(dossier_id, document_id=body.document_id, parties=body.parties,
                               respond_by=body.respond_by, **signer.who)
    return json_response(201, asked)


@router.get(
    "/admin/dossiers/<dossier_id>/approval", summary="State per party, with the evidence", tags=["approvals"],
)
def state(dossier_id: str) -> dict:
    return requesting.state(dossier_id)


@router.get(
    "/admin/dossiers/<dossier_id>/approval/receipt", summary="The evidence as a PDF receipt (base64), nl or en",
    tags=["approvals"],
)
def receipt(dossier_id: str, language: Annotated[Literal["nl", "en"], Query()] = "nl") -> dict:
    from portal.approvals.receipt import receipt as pdf_receipt  # fpdf2 only for this route

    return pdf_receipt(dossier_id, language=language)


lambda_handler = handler_for(router, api="admin")
