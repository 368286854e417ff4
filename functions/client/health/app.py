"""GET /api/health: liveness of the client API (no AWS calls, no session)."""

from portal.platform.http import Router, handler_for

router = Router()


@router.get("/api/health", summary="Liveness check", tags=["platform"])
def health() -> dict[str, str]:
    return {"status": "ok"}


lambda_handler = handler_for(router, api="client")
