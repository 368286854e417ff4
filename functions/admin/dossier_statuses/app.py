"""Staff: the office's dossier statuses. List them, add one (statuses are never changed or removed)."""

from portal.dossiers import statuses
from portal.platform.callers import CurrentStaff
from portal.platform.http import Router, handler_for
from portal.platform.types import Line
from portal.platform.web import json_response
from pydantic import BaseModel

router = Router()


class NewStatus(BaseModel):
    key: Line
    label_nl: Line
    label_en: Line
    in_progress: bool = False


@router.get("/admin/statuses", summary="The dossier statuses", tags=["dossiers"])
def list_statuses() -> dict:
    return {"items": [s.as_dict() for s in statuses.all_statuses()], "next_token": None}


@router.post("/admin/statuses", summary="Add a dossier status", tags=["dossiers"], status_code=201)
def add(body: NewStatus, signer: CurrentStaff):
    added = statuses.add(body.key, body.label_nl, body.label_en, body.in_progress, **signer.who)
    return json_response(201, added.as_dict())


lambda_handler = handler_for(router, api="admin")
