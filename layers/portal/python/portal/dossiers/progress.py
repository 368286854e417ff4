"""The progress list ("Voortgang (4/10)"): ordered steps, each with a Dutch and English title."""

from __future__ import annotations

from typing import Any

from portal.audit import trail
from portal.dossiers import registry
from portal.dossiers.models import Dossier, Step
from portal.platform import clock
from portal.platform.errors import Invalid
from portal.platform.races import retry_lost_races

MAX_STEPS = 50


def for_client(dossier: Dossier, language: str) -> dict[str, Any]:
    """(done/total) and the steps in the caller's language; (0/0) when the dossier has no list."""
    steps = dossier.steps or []
    return {
        "done": sum(1 for s in steps if s.done),
        "total": len(steps),
        "steps": [{"title": s.title_en if language == "en" else s.title_nl, "done": bool(s.done)} for s in steps],
    }


def set_steps(dossier_id: str, steps: list[dict[str, Any]], *, actor: str, source_ip: str) -> dict[str, Any]:
    """Replace the whole list: staff send it in the order the client should see it."""
    if len(steps) > MAX_STEPS:
        raise Invalid("progress_too_long", detail={"max": MAX_STEPS})
    new_steps = [
        Step(
            title_nl=registry.clean_text(s.get("title_nl", ""), f"steps.{i}.title_nl"),
            title_en=registry.clean_text(s.get("title_en", ""), f"steps.{i}.title_en"),
            done=bool(s.get("done", False)),
        )
        for i, s in enumerate(steps)
    ]

    def attempt() -> None:
        dossier = registry.load(dossier_id)
        # The version condition (added by pynamodb) makes a concurrent change lose cleanly.
        dossier.update(actions=[Dossier.steps.set(new_steps), Dossier.updated_at.set(clock.now().isoformat())])

    retry_lost_races(attempt)
    trail.record("progress_set", actor=actor, subject=dossier_id, source_ip=source_ip, steps=len(new_steps))
    return registry.show(dossier_id)


def mark_done(dossier_id: str, number: int, *, actor: str, source_ip: str) -> dict[str, Any]:
    """Mark step ``number`` done; steps are numbered from 1, as the client sees them."""

    def attempt() -> None:
        dossier = registry.load(dossier_id)
        steps = list(dossier.steps or [])
        if not 1 <= number <= len(steps):
            raise Invalid("progress_step_unknown", detail={"steps": len(steps)})
        steps[number - 1].done = True
        dossier.update(actions=[Dossier.steps.set(steps), Dossier.updated_at.set(clock.now().isoformat())])

    retry_lost_races(attempt)
    trail.record("progress_step_done", actor=actor, subject=dossier_id, source_ip=source_ip, step=number)
    return registry.show(dossier_id)
