"""POST /api/dossiers/{id}/items/{item_id}/download: a short-lived link; marks the item read."""

from portal.accounts.web import principal
from portal.dossiers import downloads
from portal.platform.http import SESSION, Router, handler_for, source_ip

router = Router()


@router.post(
    "/api/dossiers/<dossier_id>/items/<item_id>/download",
    summary="A download link valid for minutes; the item is marked read", tags=["dossiers"],
    security=SESSION,
)
def download(dossier_id: str, item_id: str) -> dict:
    caller = principal(router.current_event)
    return downloads.download(caller, dossier_id, item_id, source_ip=source_ip(router.current_event))


lambda_handler = handler_for(router, api="client")
