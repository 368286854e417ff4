"""GET /api/actions: the caller's open questionnaires ("Acties"), shown on every page of the site.

Called on every page view, so it stays the lightest of the questionnaire functions: it never
imports the PDF code.
"""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from portal.accounts.web import principal
from portal.platform.http import Router, handler_for, request_language
from portal.questionnaires import actions as open_actions

router = Router()


@router.get("/api/actions", summary="Acties: my open questionnaires, soonest due first", tags=["questionnaires"])
def list_actions(next_token: Annotated[str | None, Query(max_length=2000)] = None) -> dict:
    event = router.current_event
    return open_actions.actions(principal(event), language=request_language(event), next_token=next_token)


lambda_handler = handler_for(router, api="client")
