"""Ingelogde apparaten: GET /api/me/sessions, DELETE /api/me/sessions/{id}, POST .../end-others."""

from portal.accounts import session_list
from portal.accounts.sessions import COOKIE
from portal.platform.callers import CurrentCaller
from portal.platform.http import SESSION, Router, handler_for
from portal.platform.web import cleared, json_response

router = Router()


@router.get(
    "/api/me/sessions", summary="The account's signed-in devices (live sessions)", tags=["accounts"],
    security=SESSION,
)
def list_sessions(caller: CurrentCaller) -> dict:
    return session_list.list_sessions(caller.principal)


@router.delete(
    "/api/me/sessions/<session_id>", summary="End one session at once", tags=["accounts"],
    security=SESSION, status_code=204,
)
def end_session(session_id: str, caller: CurrentCaller):
    own = session_list.end_session(caller.principal, session_id, source_ip=caller.source_ip)
    # Ending the session this browser is using is logging out: the cookie goes too.
    return json_response(204, None, [cleared(COOKIE)] if own else None)


@router.post(
    "/api/me/sessions/end-others", summary="End every other session, keep this one", tags=["accounts"],
    security=SESSION,
)
def end_others(caller: CurrentCaller) -> dict:
    return {"ended": session_list.end_others(caller.principal, source_ip=caller.source_ip)}


lambda_handler = handler_for(router, api="client")
