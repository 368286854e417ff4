"""GET /api/invitations/{token}: is this invitation link still good? (the first e-mail's page)"""

from portal.accounts import links
from portal.platform.http import Router, handler_for
from portal.platform.types import Token

router = Router()


@router.get("/api/invitations/<token>", summary="Check an invitation link", tags=["accounts"])
def check(token: Token) -> dict:
    _link, account = links.inspect(token, links.INVITATION)
    return {"valid": True, "language": account.language}


lambda_handler = handler_for(router, api="client")
