"""GET /api/dossiers (list, search, filter), /api/dossiers/{id} (the dossier page, with the open tab's
first page when ?tab= names it), /api/dossiers/{id}/items (further pages, other tabs)."""

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.accounts.web import principal
from portal.composed import browsing
from portal.platform.http import SESSION, Router, handler_for, source_ip

router = Router()


@router.get(
    "/api/dossiers", summary="My dossiers: search number or description, filter status", tags=["dossiers"],
    security=SESSION,
)
def list_dossiers(
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[str | None, Query(max_length=400, description="status keys, comma-separated")] = None,
    next_token: Annotated[str | None, Query(max_length=2000)] = None,
) -> dict:
    caller = principal(router.current_event)
    wanted = [s.strip() for s in status.split(",")] if status else None
    return browsing.list_dossiers(caller, q=q, status=wanted, next_token=next_token)


@router.get(
    "/api/dossiers/<dossier_id>", summary="A dossier: header, progress, tabs with counts (and the open tab's first page)",
    tags=["dossiers"], security=SESSION,
)
def show(
    dossier_id: str,
    tab: Annotated[Literal["correspondence", "documents", "supplied", "messages"] | None, Query()] = None,
) -> dict:
    caller = principal(router.current_event)
    return browsing.dossier_page(caller, dossier_id, tab=tab, source_ip=source_ip(router.current_event))


@router.get(
    "/api/dossiers/<dossier_id>/items", summary="A page of one tab's items", tags=["dossiers"],
    security=SESSION,
)
def items(
    dossier_id: str,
    tab: Annotated[Literal["correspondence", "documents", "supplied"], Query()],
    next_token: Annotated[str | None, Query(max_length=2000)] = None,
) -> dict:
    caller = principal(router.current_event)
    return browsing.items(caller, dossier_id, tab, next_token=next_token, source_ip=source_ip(router.current_event))


lambda_handler = handler_for(router, api="client")
