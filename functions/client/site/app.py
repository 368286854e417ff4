"""GET /api/site: what the pages before login show (the office's name, logo and colour, the portal's version)."""

from portal.platform.http import Router, handler_for
from portal.platform.settings import get_settings

router = Router()


@router.get("/api/site", summary="The office's public details for the login page", tags=["platform"])
def site() -> dict[str, str]:
    settings = get_settings()
    return {"office_name": settings.office_name, "office_logo": settings.office_logo_path,
            "brand_colour": settings.brand_colour, "version": settings.portal_version}


lambda_handler = handler_for(router, api="client")
