"""POST /api/dossiers/{id}/items/{item_id}/download: a short-lived link; marks the item read."""

from portal.dossiers import downloads
from portal.platform.callers import CurrentCaller
from portal.platform.http import SESSION, Router, handler_for

router = Router()


@router.post(
    "/api/dossiers/<dossier_id>/items/<item_id>/download",
    summary="A download link valid for minutes; the item is marked read", tags=["dossiers"],
    security=SESSION,
)
def download(dossier_id: str, item_id: str, caller: CurrentCaller) -> dict:
    return downloads.download(caller.principal, dossier_id, item_id, source_ip=caller.source_ip)


lambda_handler = handler_for(router, api="client")
