"""Scenarios of Acties and the questionnaires: open, save a page, the result, the PDF, complete."""

from __future__ import annotations

from benchmarks.dataset import World, filled_questionnaire
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
    from tests.unit.test_questionnaires_support import TESTAMENT_PAGES

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


@scenario("POST", ONE + "/complete")
def complete(world: World) -> Request:
    # Each completion needs a questionnaire with every page saved: a new one each time.
    questionnaire_id, version = filled_questionnaire(world)
    return Request("POST", ONE + "/complete", {"questionnaire_id": questionnaire_id},
                   headers=world.headers(world.person), body={"version": version})
