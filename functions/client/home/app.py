"""GET /api/home: what Home shows beside Me (the appointments to come, the payment instructions)."""

from portal.composed import home as home_view
from portal.platform.http import SESSION, Router, handler_for
from portal.web.callers import CurrentCaller

router = Router()


@router.get(
    "/api/home", summary="Home: my upcoming appointments and my payment instructions", tags=["dossiers"],
    security=SESSION,
)
def home(caller: CurrentCaller) -> dict:
    return home_view.home(caller.principal)


lambda_handler = handler_for(router, api="client")
