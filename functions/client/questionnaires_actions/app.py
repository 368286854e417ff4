"""GET /api/actions: the caller's open questionnaires, the Acties page (the panel beside every page
gets its first five with GET /api/me).

Kept apart from the filling-in functions so that it stays light: it never imports the PDF code.
"""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.platform.callers import CurrentCaller
from portal.platform.http import SESSION, Router, handler_for
from portal.questionnaires import actions as open_actions

router = Router()


@router.get(
    "/api/actions", summary="Acties: my open questionnaires, soonest due first", tags=["questionnaires"],
    security=SESSION,
)
def list_actions(caller: CurrentCaller, next_token: Annotated[str | None, Query(max_length=2000)] = None) -> dict:
    return open_actions.actions(caller.principal, language=caller.language, next_token=next_token)


lambda_handler = handler_for(router, api="client")
