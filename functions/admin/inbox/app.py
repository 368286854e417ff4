"""Staff: the office inbox (everything clients did that needs the office), handled, assigned."""

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.activity import inbox
from portal.activity.models import KINDS
from portal.platform.http import Router, handler_for
from portal.platform.types import Line
from portal.web.callers import CurrentStaff
from pydantic import BaseModel, StringConstraints

router = Router()

Kind = Literal[KINDS]  # type: ignore[valid-type]


class AssigneeIn(BaseModel):
    staff: Annotated[Line, StringConstraints(min_length=1, max_length=200)]


@router.get("/admin/inbox", summary="The office inbox, newest first (filters: dossier or client, kind, state)",
            tags=["inbox"])
def list_inbox(
    dossier: Annotated[str | None, Query(max_length=64)] = None,
    client: Annotated[str | None, Query(max_length=64)] = None,
    kind: Annotated[Kind | None, Query()] = None,
    state: Annotated[Literal["open", "handled"] | None, Query()] = None,
    next_token: Annotated[str | None, Query(max_length=4096)] = None,
    limit: Annotated[int, Query(ge=1, le=inbox.MAX_LIMIT)] = 50,
) -> dict:
    return inbox.page(dossier=dossier, client=client, kind=kind, state=state, next_token=next_token, limit=limit)


@router.post("/admin/inbox/<item_id>/handled", summary="Mark an inbox item handled (by the signer, now)",
             tags=["inbox"])
def handled(item_id: str, signer: CurrentStaff) -> dict:
    return inbox.handle(item_id, **signer.who)


@router.put("/admin/inbox/<item_id>/assignee", summary="Assign an inbox item to a staff identity", tags=["inbox"])
def assignee(item_id: str, body: AssigneeIn, signer: CurrentStaff) -> dict:
    return inbox.assign(item_id, body.staff, **signer.who)


lambda_handler = handler_for(router, api="admin")
