"""Staff: questionnaire templates. Create (a new version when the id exists), list, show."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body, Query
from portal.platform.callers import CurrentStaff
from portal.platform.http import Router, handler_for
from portal.platform.web import json_response
from portal.questionnaires import templates

router = Router()


@router.post(
    "/admin/questionnaire-templates", summary="Store a template: 201 new version, 200 unchanged", tags=["questionnaires"],
    responses={201: {"description": "Stored as a new version"}, 200: {"description": "Unchanged: the stored version"}},
)
def create(body: Annotated[dict[str, Any], Body(description="the template (see docs/api.md)")], signer: CurrentStaff):
    stored, created = templates.create(body, actor=signer.actor)
    return json_response(201 if created else 200, {**stored, "created": created})


@router.get("/admin/questionnaire-templates", summary="List templates (newest version of each)", tags=["questionnaires"])
def list_templates(next_token: Annotated[str | None, Query(max_length=2000)] = None) -> dict:
    return templates.list_templates(next_token)


@router.get(
    "/admin/questionnaire-templates/<template_id>", summary="One template (newest, or ?version=)", tags=["questionnaires"]
)
def show(template_id: str, version: Annotated[int | None, Query(ge=1)] = None) -> dict:
    return templates.show(template_id, version)


lambda_handler = handler_for(router, api="admin")
