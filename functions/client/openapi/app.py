"""GET /api/openapi.json: the client API's OpenAPI document, built from the endpoints' routers."""

from functools import lru_cache
from pathlib import Path

from portal.platform.http import Router, handler_for
from portal.platform.openapi import build_document

router = Router()


@lru_cache(maxsize=1)
def _document() -> dict:
    return build_document("client", Path(__file__).resolve().parent.parent, "Notary client portal: client API")


@router.get("/api/openapi.json", summary="This API's OpenAPI document", tags=["platform"])
def openapi() -> dict:
    return _document()


lambda_handler = handler_for(router, api="client")
