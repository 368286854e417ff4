"""GET /api/site: what the login page shows before anyone is logged in (the office's name)."""

from portal.platform.http import Router, handler_for
from portal.platform.settings import get_settings

router = Router()


@router.get("/api/site", summary="The office's public details for the login page", tags=["platform"])
def site() -> dict[str, str]:
    return {"office_name": get_settings().office_name}


lambda_handler = handler_for(router, api="client")
