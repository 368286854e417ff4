"""Scenarios of Acties and the questionnaires: open, save a page, the result, the PDF, complete."""

from __future__ import annotations

from benchmarks.dataset import World, filled_questionnaire, send_questionnaire
from benchmarks.inprocess import Request
from benchmarks.scenarios import scenario

ONE = "/api/questionnaires/{questionnaire_id}"


@scenario("GET", "/api/actions")
def actions(world: World) -> Request:
    return Request("GET", "/api/actions", headers=world.headers(world.person))


@scenario("GET", ONE)
def show(world: World) -> Request:
    return Request("GET", ONE, {"questionnaire_id": world.questionnaire_id}, headers=world.headers(world.person))


@scenario("PUT", ONE + "/pages/{number}")
def save_page(world: World) -> Request:
    from portal.questionnaires.access import load

    from tests.unit.questionnaires_steps import TESTAMENT_PAGES

    version = int(load(world.questionnaire_id).version)  # what the screen loaded
    return Request("PUT", ONE + "/pages/{number}", {"questionnaire_id": world.questionnaire_id, "number": "1"},
                   headers=world.headers(world.person), body={"answers": TESTAMENT_PAGES[1], "version": version})


@scenario("GET", ONE + "/result")
def result(world: World) -> Request:
    return Request("GET", ONE + "/result", {"questionnaire_id": world.questionnaire_id},
                   headers=world.headers(world.person))


@scenario("POST", ONE + "/pdf")
def pdf(world: World) -> Request:
    return Request("POST", ONE + "/pdf", {"questionnaire_id": world.completed_questionnaire_id},
                   headers=world.headers(world.person))


@scenario("POST", ONE + "/complete", heavy=3)
def complete(world: World) -> Request:
    """Each completion needs a questionnaire with every page saved: a new one each time. The first
    is filled in page by page through the domain; the next ones get the answers that left."""
    from portal.platform import clock
    from portal.questionnaires.access import load
    from portal.questionnaires.models import Questionnaire

    filled = world.state.get("filled_answers")
    if filled is None:
        questionnaire_id, version = filled_questionnaire(world)
        stored = load(questionnaire_id)
        world.state["filled_answers"] = (stored.answers, list(stored.saved_pages or []), stored.status)
    else:
        questionnaire_id = send_questionnaire(world.dossier_id, world.person)
        answers, saved_pages, status = filled
        questionnaire = load(questionnaire_id)
        questionnaire.update(actions=[  # what the four saves write, at once
            Questionnaire.answers.set(answers), Questionnaire.saved_pages.set(saved_pages),
            Questionnaire.status.set(status), Questionnaire.updated_at.set(clock.now().isoformat()),
            Questionnaire.updated_by.set(world.person.id),
        ])
        version = int(questionnaire.version)
    return Request("POST", ONE + "/complete", {"questionnaire_id": questionnaire_id},
                   headers=world.headers(world.person), body={"version": version})
