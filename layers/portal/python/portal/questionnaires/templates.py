"""Questionnaire templates: created by staff, versioned, never changed once written.

Creating a template whose id exists writes the next version; questionnaires already sent keep the
copy they were sent with. Sending the same content again changes nothing (so seeding and scripts can
run twice).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pynamodb.exceptions import DoesNotExist, TransactWriteError

from portal.platform import clock, pages
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Invalid, NotFound
from portal.questionnaires.models import (
    LATEST,
    TEMPLATES_LISTING,
    TemplateHead,
    TemplateVersion,
    template_key,
    version_sk,
)
from portal.questionnaires.schema import Template

DATA = Path(__file__).parent / "data"
SHIPPED = ("testament", "levering-woning")
# A sent questionnaire stores its template next to the answers in one item (400 KB at most).
MAX_TEMPLATE_BYTES = 120_000
PAGE_SIZE = 50


def parse(raw: dict[str, Any]) -> Template:
    """A template from JSON, or 422 ``template_invalid`` with what is wrong."""
    try:
        template = Template.model_validate(raw)
    except ValidationError as error:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]) or "template", "message": e["msg"]} for e in error.errors()
        ]
        raise Invalid("template_invalid", detail={"problems": problems[:20]}) from None
    if len(canonical(template)) > MAX_TEMPLATE_BYTES:
        raise Invalid("template_too_large")
    return template


def canonical(template: Template) -> str:
    return json.dumps(template.model_dump(mode="json", exclude_none=True), ensure_ascii=False, sort_keys=True)


def shipped(template_id: str) -> dict[str, Any]:
    """One of the templates that ship with the portal (data/<id>.json)."""
    return json.loads((DATA / f"{template_id}.json").read_text(encoding="utf-8"))


def _head(template_id: str) -> TemplateHead | None:
    try:
        return TemplateHead.get(template_key(template_id), LATEST, consistent_read=True)
    except DoesNotExist:
        return None


def load(template_id: str, version: int | None = None) -> TemplateVersion:
    """A stored version (the newest when ``version`` is None), or 404 ``template_not_found``."""
    if version is None:
        head = _head(template_id)
        if head is None:
            raise NotFound("template_not_found")
        version = int(head.latest)
    try:
        return TemplateVersion.get(template_key(template_id), version_sk(version), consistent_read=True)
    except DoesNotExist:
        raise NotFound("template_not_found") from None


def summary(stored: TemplateVersion | TemplateHead) -> dict[str, Any]:
    version = stored.latest if isinstance(stored, TemplateHead) else stored.version
    at = stored.updated_at if isinstance(stored, TemplateHead) else stored.created_at
    return {
        "id": stored.template_id, "version": int(version),
        "title": {"nl": stored.title_nl, "en": stored.title_en}, "updated_at": at,
    }


def create(raw: dict[str, Any], *, actor: str) -> tuple[dict[str, Any], bool]:
    """Store a template as a new version; (summary, created). Unchanged content is not stored again."""
    template = parse(raw)
    body = canonical(template)
    head = _head(template.id)
    if head is not None:
        latest = load(template.id, int(head.latest))
        if latest.body == body:
            return summary(latest), False
    number = int(head.latest) + 1 if head else 1
    now = clock.now().isoformat()
    version = TemplateVersion(
        pk=template_key(template.id), sk=version_sk(number), template_id=template.id, version=number,
        title_nl=template.title.nl, title_en=template.title.en, body=body, created_at=now, created_by=actor,
    )
    new_head = TemplateHead(
        pk=template_key(template.id), sk=LATEST, template_id=template.id, latest=number,
        title_nl=template.title.nl, title_en=template.title.en, updated_at=now,
        gsi2pk=TEMPLATES_LISTING, gsi2sk=template.id,
    )
    # Two staff members saving at once must not both become version n+1.
    head_unchanged = TemplateHead.latest == head.latest if head else TemplateHead.pk.does_not_exist()
    try:
        with transaction() as write:
            write.save(version, condition=TemplateVersion.pk.does_not_exist())
            write.save(new_head, condition=head_unchanged)
    except TransactWriteError:
        raise Conflict("conflict") from None
    return summary(version), True


def list_templates(next_token: str | None = None) -> dict[str, Any]:
    start = pages.index_start(next_token, index="gsi2", partition=TEMPLATES_LISTING)
    found = TemplateHead.listing.query(TEMPLATES_LISTING, limit=PAGE_SIZE, last_evaluated_key=start)
    items = [summary(head) for head in found]
    return {"items": items, "next_token": pages.encode(found.last_evaluated_key)}


def show(template_id: str, version: int | None = None) -> dict[str, Any]:
    stored = load(template_id, version)
    return {**summary(stored), "template": json.loads(stored.body)}


def pinned(stored_json: str) -> Template:
    """The template copy a questionnaire was sent with (checked when it was created: trusted)."""
    return Template.model_validate_json(stored_json)
