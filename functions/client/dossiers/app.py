"""GET /api/dossiers (list, search, filter), /api/dossiers/{id} (the dossier page, with the open tab's
first page when ?tab= names it), /api/dossiers/{id}/items (further pages, other tabs)."""

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.dossiers import browsing
from portal.platform.callers import CurrentCaller
from portal.platform.http import SESSION, Router, handler_for

router = Router()


@router.get(
    "/api/dossiers", summary="My dossiers: search number or description, filter status", tags=["dossiers"],
    security=SESSION,
)
def list_dossiers(
    caller: CurrentCaller,
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[str | None, Query(max_length=400, description="status keys, comma-separated")] = None,
    next_token: Annotated[str | None, Query(max_length=2000)] = None,
) -> dict:
    wanted = [s.strip() for s in status.split(",")] if status else None
    return browsing.list_dossiers(caller.principal, q=q, status=wanted, next_token=next_token)


@router.get(
    "/api/dossiers/<dossier_id>", summary="A dossier: header, progress, tabs with counts (and the open tab's first page)",
    tags=["dossiers"], security=SESSION,
)
def show(
    dossier_id: str,
    caller: CurrentCaller,
    tab: Annotated[Literal["correspondence", "documents", "supplied", "messages"] | None, Query()] = None,
) -> dict:
    return browsing.dossier_page(caller.principal, dossier_id, tab=tab, source_ip=caller.source_ip)


@router.get(
    "/api/dossiers/<dossier_id>/items", summary="A page of one tab's items", tags=["dossiers"],
    security=SESSION,
)
def items(
    dossier_id: str,
    tab: Annotated[Literal["correspondence", "documents", "supplied"], Query()],
    caller: CurrentCaller,
    next_token: Annotated[str | None, Query(max_length=2000)] = None,
) -> dict:
    return browsing.items(caller.principal, dossier_id, tab, next_token=next_token, source_ip=caller.source_ip)


lambda_handler = handler_for(router, api="client")
