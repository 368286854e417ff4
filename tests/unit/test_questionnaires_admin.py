"""Staff: templates (versioned), sending, a dossier's questionnaires with their state, answers, PDF."""

from __future__ import annotations

import json

import pytest
from portal.accounts import sessions
from portal.notifications.models import PendingNotification
from portal.questionnaires import demo, templates
from portal.questionnaires.actions import actions

from tests.support.clients import active_account, call, new_dossier
from tests.unit.conftest import load_handler
from tests.unit.questionnaires_steps import TESTAMENT_PAGES, WHO, fill_all, headers_for, save

STAFF_EVENT_HEADERS = {"Accept-Language": "nl"}


@pytest.fixture(scope="module")
def templates_api():
    return load_handler("admin/questionnaires_templates")


@pytest.fixture(scope="module")
def admin_api():
    return load_handler("admin/questionnaires")


@pytest.fixture(scope="module")
def api():
    return load_handler("client/questionnaires")


def _create(templates_api, body):
    return call(templates_api, "POST", "/admin/questionnaire-templates", STAFF_EVENT_HEADERS, body=body)


def _send(admin_api, **body):
    return call(admin_api, "POST", "/admin/questionnaires", STAFF_EVENT_HEADERS, body=body)


def test_storing_a_template_again_makes_a_new_version_only_when_it_changed(aws, fake_clock, templates_api) -> None:
    testament = templates.shipped("testament")
    status, first = _create(templates_api, testament)
    assert status == 201 and (first["id"], first["version"], first["created"]) == ("testament", 1, True)
    status, same = _create(templates_api, testament)
    assert status == 200 and (same["version"], same["created"]) == (1, False)
    testament["pages"][0]["questions"][0]["help"] = {"nl": "Zoals in uw paspoort.", "en": "As in your passport."}
    status, second = _create(templates_api, testament)
    assert status == 201 and second["version"] == 2
    _create(templates_api, templates.shipped("levering-woning"))
    listed = call(templates_api, "GET", "/admin/questionnaire-templates", STAFF_EVENT_HEADERS)[1]
    assert [(t["id"], t["version"]) for t in listed["items"]] == [("levering-woning", 1), ("testament", 2)]
    old = call(templates_api, "GET", "/admin/questionnaire-templates/testament", STAFF_EVENT_HEADERS, query={"version": "1"})[1]
    assert old["version"] == 1 and "help" not in old["template"]["pages"][0]["questions"][0]


def test_a_broken_template_is_refused_with_its_problems(aws, fake_clock, templates_api) -> None:
    broken = templates.shipped("testament")
    del broken["pages"][0]["questions"][0]["label"]["en"]
    status, body = _create(templates_api, broken)
    assert status == 422 and body["code"] == "template_invalid"
    assert body["problems"][0]["field"] == "pages.0.questions.0.label.en"
    assert call(templates_api, "GET", "/admin/questionnaire-templates/testament", STAFF_EVENT_HEADERS)[0] == 404


def test_sending_needs_a_known_template_and_a_dossier_of_the_client(aws, fake_clock, templates_api, admin_api) -> None:
    jan, piet = active_account(), active_account(name="Piet Bakker")
    dossier = new_dossier(jan)
    status, body = _send(admin_api, dossier_id=dossier["id"], account_id=jan.id, template_id="testament")
    assert (status, body["code"]) == (404, "template_not_found")
    _create(templates_api, templates.shipped("testament"))
    status, body = _send(admin_api, dossier_id=dossier["id"], account_id=piet.id, template_id="testament")
    assert (status, body["code"]) == (409, "dossier_not_granted")
    status, body = _send(admin_api, dossier_id=dossier["id"], account_id=jan.id, template_id="testament", due_date="31-12-2026")
    assert (status, body["code"]) == (422, "due_date_invalid")
    status, body = _send(admin_api, dossier_id=dossier["id"], account_id=jan.id, template_id="testament",
                         due_date="2026-12-31", note="Graag voor 31 december.")
    assert status == 201 and body["status"] == "sent" and body["template"] == {"id": "testament", "version": 1}
    assert (body["due_date"], body["note"], body["first_unsaved_page"]) == ("2026-12-31", "Graag voor 31 december.", 1)


def test_the_client_is_notified_of_a_new_questionnaire(aws, fake_clock, templates_api, admin_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan, description="Testament")
    _create(templates_api, templates.shipped("testament"))
    _send(admin_api, dossier_id=dossier["id"], account_id=jan.id, template_id="testament")
    [notice] = PendingNotification.query(f"NOTIFY#{jan.id}")
    assert notice.kind == "questionnaire" and notice.dossier_label == f"{dossier['number']} Testament"


def test_a_dossiers_questionnaires_show_sent_in_progress_and_completed(aws, fake_clock, templates_api, admin_api, api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    _create(templates_api, templates.shipped("testament"))
    sent = []
    for _ in range(3):
        sent.append(_send(admin_api, dossier_id=dossier["id"], account_id=jan.id, template_id="testament")[1])
        fake_clock.advance(minutes=1)  # listed in the order they were sent
    headers = headers_for(jan)
    save(api, headers, sent[1]["id"], 1, TESTAMENT_PAGES[1], 1)
    version = fill_all(api, headers, sent[2]["id"])
    complete_api = load_handler("client/questionnaires_complete")
    call(complete_api, "POST", f"/api/questionnaires/{sent[2]['id']}/complete", headers, body={"version": version})
    listed = call(admin_api, "GET", "/admin/questionnaires", STAFF_EVENT_HEADERS, query={"dossier_id": dossier["id"]})[1]
    states = [(q["status"], q["first_unsaved_page"], q["saved_pages"]) for q in listed["items"]]
    assert states == [("sent", 1, []), ("in_progress", 2, [1]), ("completed", None, [1, 2, 3, 4])]
    assert listed["items"][2]["completed_by"] == jan.id and listed["items"][2]["pdf_item_id"]


def test_staff_read_the_answers_as_json_and_download_the_pdf(aws, fake_clock, templates_api, admin_api, api) -> None:
    jan = active_account(name="Łukasz Özdemir")
    dossier = new_dossier(jan)
    _create(templates_api, templates.shipped("testament"))
    sent = _send(admin_api, dossier_id=dossier["id"], account_id=jan.id, template_id="testament")[1]
    status, body = call(admin_api, "POST", f"/admin/questionnaires/{sent['id']}/pdf", STAFF_EVENT_HEADERS, body={})
    assert (status, body["code"]) == (409, "questionnaire_not_completed")
    headers = headers_for(jan)
    version = fill_all(api, headers, sent["id"])
    call(load_handler("client/questionnaires_complete"), "POST", f"/api/questionnaires/{sent['id']}/complete", headers,
         body={"version": version})
    status, answers = call(admin_api, "GET", f"/admin/questionnaires/{sent['id']}/answers", STAFF_EVENT_HEADERS,
                           query={"language": "en"})
    assert status == 200 and answers["status"] == "completed"
    assert answers["answers"]["children"][0]["first_names"] == "Zoë Anna"
    assert answers["answers"]["estate_value"] == "450000.00" and answers["answers"]["bsn"] == "111222333"
    assert answers["pages"][0]["title"] == "Personal details"
    json.dumps(answers)
    status, link = call(admin_api, "POST", f"/admin/questionnaires/{sent['id']}/pdf", STAFF_EVENT_HEADERS, body={})
    assert status == 200 and link["file_name"] == f"Vragenlijst testament {dossier['number']}.pdf"


def test_an_unknown_questionnaire_is_404_for_staff(aws, fake_clock, admin_api) -> None:
    status, body = call(admin_api, "GET", "/admin/questionnaires/01ARZ3NDEKTSV4RRFFQ69G5FAV/answers", STAFF_EVENT_HEADERS)
    assert (status, body["code"]) == (404, "questionnaire_not_found")


def test_the_demo_loads_both_templates_and_sends_them_to_the_demo_person(aws, fake_clock) -> None:
    jan = active_account()
    seeded = {"person": jan.id}
    assert "no dossier" in demo.seed(seeded, **WHO)[0]  # no dossiers seeded: tolerated
    assert {t["id"] for t in templates.list_templates()["items"]} == {"testament", "levering-woning"}
    transfer = new_dossier(jan, description="Levering Dorpsstraat 1 Utrecht")
    fake_clock.advance(minutes=1)
    will = new_dossier(jan, description="Testament")
    new_dossier(jan, description="Hypotheekakte")
    demo.seed(seeded, **WHO)
    listed = actions(sessions.authenticate(sessions.start(jan)), language="nl")["items"]
    assert {(a["title"], a["dossier"]["id"]) for a in listed} == {
        ("Vragenlijst testament", will["id"]), ("Vragenlijst levering woning", transfer["id"]),
    }
