"""Staff: the office's dossier statuses. List them, add one (statuses are never changed or removed)."""

from portal.accounts.web import json_response
from portal.audit import trail
from portal.dossiers import statuses
from portal.platform.http import Router, handler_for, source_ip, staff_actor
from portal.platform.types import Line
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
def add(body: NewStatus):
    added = statuses.add(body.key, body.label_nl, body.label_en, body.in_progress)
    event = router.current_event
    actor, ip = staff_actor(event), source_ip(event)
    trail.record("status_added", actor=actor, subject="STATUSES", source_ip=ip, key=added.key)
    return json_response(201, added.as_dict())


lambda_handler = handler_for(router, api="admin")
