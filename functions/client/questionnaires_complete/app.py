"""POST /api/questionnaires/{id}/complete ("Afronden"): the one client function that renders PDFs.

It alone ships fpdf2 (requirements.txt here); fpdf2 is imported only while rendering, so loading
this module (the OpenAPI function loads every router) costs nothing extra.
"""

from portal.platform.callers import CurrentCaller
from portal.platform.http import SESSION, Router, handler_for
from portal.questionnaires import completion
from pydantic import BaseModel, Field

router = Router()


class Completion(BaseModel):
    version: int = Field(ge=1)


@router.post(
    "/api/questionnaires/<questionnaire_id>/complete",
    summary="Check every page, complete, file the PDF under Door mij aangeleverd", tags=["questionnaires"],
    security=SESSION,
)
def complete(questionnaire_id: str, body: Completion, caller: CurrentCaller) -> dict:
    return completion.complete(
        caller.principal, questionnaire_id, body.version, language=caller.language, source_ip=caller.source_ip
    )


lambda_handler = handler_for(router, api="client")
