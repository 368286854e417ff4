"""Acties and filling in, through the client handlers: resume, optimistic locking, who may see what."""

from __future__ import annotations

import pytest
from portal.audit.trail import history
from portal.dossiers import access
from portal.questionnaires import staff, templates

from tests.support.clients import active_account, call, new_dossier
from tests.unit.conftest import load_handler
from tests.unit.questionnaires_steps import (
    TESTAMENT_PAGES,
    WHO,
    fill_all,
    headers_for,
    open_q,
    save,
    send_testament,
)


@pytest.fixture(scope="module")
def api():
    return load_handler("client/questionnaires")


@pytest.fixture(scope="module")
def actions_api():
    return load_handler("client/questionnaires_actions")


@pytest.fixture(scope="module")
def me_api():
    return load_handler("client/me")


def test_acties_shows_the_sent_questionnaire_and_home_counts_it(aws, fake_clock, actions_api, me_api) -> None:
    jan = active_account()
    headers = headers_for(jan)
    assert call(actions_api, "GET", "/api/actions", headers)[1]["items"] == []
    assert call(me_api, "GET", "/api/me", headers)[1]["counts"]["actions_open"] == 0
    dossier, sent = send_testament(jan, due_date="2026-12-31", note="Graag voor de bespreking.")
    status, body = call(actions_api, "GET", "/api/actions", headers)
    assert status == 200
    [action] = body["items"]
    assert action["id"] == sent["id"] and action["title"] == "Vragenlijst testament"
    assert action["dossier"] == {"id": dossier["id"], "number": dossier["number"], "description": "Testament"}
    assert (action["due_date"], action["first_unsaved_page"], action["page_count"]) == ("2026-12-31", 1, 4)
    assert call(me_api, "GET", "/api/me", headers)[1]["counts"]["actions_open"] == 1


def test_me_carries_the_acties_panel_first_five_soonest_due_in_the_accounts_language(aws, fake_clock, me_api) -> None:
    jan = active_account(language="en")
    assert call(me_api, "GET", "/api/me", headers_for(jan))[1]["actions"] == []
    dossier, undated = send_testament(jan)
    sent = [send_testament(jan, dossier=dossier, due_date=f"2027-0{n}-01")[1] for n in range(6, 0, -1)]
    me = call(me_api, "GET", "/api/me", headers_for(jan))[1]
    assert me["counts"]["actions_open"] == 7
    # The five soonest due, of seven; the panel says how many more from the count.
    assert [a["id"] for a in me["actions"]] == [q["id"] for q in reversed(sent)][:5]
    assert undated["id"] not in [a["id"] for a in me["actions"]]
    first = me["actions"][0]
    assert first["title"] == "Will questionnaire" and first["due_date"] == "2027-01-01"
    assert first["dossier"] == {"id": dossier["id"], "number": dossier["number"], "description": "Testament"}


def test_me_panel_follows_the_dossier_description_and_leaves_a_revoked_dossier_out(aws, fake_clock, me_api) -> None:
    from portal.dossiers import registry

    jan = active_account()
    kept, _ = send_testament(jan)
    taken, _ = send_testament(jan)
    registry.update(kept["id"], description="Testament en levenstestament", **WHO)
    access.revoke(taken["id"], jan.id, **WHO)
    me = call(me_api, "GET", "/api/me", headers_for(jan))[1]
    assert [a["dossier"]["description"] for a in me["actions"]] == ["Testament en levenstestament"]
    assert me["counts"]["actions_open"] == 1


def test_another_party_never_sees_a_questionnaire_in_its_panel(aws, fake_clock, me_api) -> None:
    jan, piet = active_account(), active_account(name="Piet")
    send_testament(jan)
    me = call(me_api, "GET", "/api/me", headers_for(piet))[1]
    assert me["actions"] == [] and me["counts"]["actions_open"] == 0


def test_acties_are_in_the_callers_language_and_soonest_due_first(aws, fake_clock, actions_api) -> None:
    jan = active_account(language="en")
    dossier, later = send_testament(jan, due_date="2027-03-01")
    _, sooner = send_testament(jan, dossier=dossier, due_date="2026-12-01")
    _, undated = send_testament(jan, dossier=dossier)
    body = call(actions_api, "GET", "/api/actions", headers_for(jan))[1]
    assert [a["id"] for a in body["items"]] == [sooner["id"], later["id"], undated["id"]]
    assert body["items"][0]["title"] == "Will questionnaire"


def test_page_one_saved_then_invullen_resumes_at_page_two_with_the_answers_kept(aws, fake_clock, api) -> None:
    jan = active_account()
    _, sent = send_testament(jan)
    headers = headers_for(jan)
    status, opened = open_q(api, headers, sent["id"])
    assert status == 200 and opened["first_unsaved_page"] == 1 and opened["version"] == 1
    assert [p["title"] for p in opened["pages"]] == ["Persoonlijke gegevens", "Partner", "Kinderen", "Uw wensen"]
    status, saved = save(api, headers, sent["id"], 1, TESTAMENT_PAGES[1], opened["version"])
    assert status == 200 and saved["first_unsaved_page"] == 2 and saved["status"] == "in_progress"
    # Another day, another device: a new session opens it again.
    _, resumed = open_q(api, headers_for(jan), sent["id"])
    assert resumed["first_unsaved_page"] == 2 and resumed["saved_pages"] == [1]
    assert resumed["answers"]["first_names"] == "Łukasz Jan" and resumed["version"] == saved["version"]


def test_vorige_and_saving_an_earlier_page_again_keeps_the_later_pages(aws, fake_clock, api) -> None:
    jan = active_account()
    _, sent = send_testament(jan)
    headers = headers_for(jan)
    version = fill_all(api, headers, sent["id"], {1: TESTAMENT_PAGES[1], 2: TESTAMENT_PAGES[2]})
    changed = {**TESTAMENT_PAGES[1], "street": "Kerkstraat 2"}
    status, body = save(api, headers, sent["id"], 1, changed, version)
    assert status == 200 and body["first_unsaved_page"] == 3
    answers = open_q(api, headers, sent["id"])[1]["answers"]
    assert answers["street"] == "Kerkstraat 2" and answers["partner_first_names"] == "Zoë"


def test_a_stale_save_from_another_tab_is_refused_with_409(aws, fake_clock, api) -> None:
    jan = active_account()
    _, sent = send_testament(jan)
    tab_a, tab_b = headers_for(jan), headers_for(jan)
    loaded = open_q(api, tab_a, sent["id"])[1]["version"]
    assert save(api, tab_a, sent["id"], 1, TESTAMENT_PAGES[1], loaded)[0] == 200
    status, body = save(api, tab_b, sent["id"], 1, {**TESTAMENT_PAGES[1], "surname": "Overschreven"}, loaded)
    assert status == 409 and body["code"] == "conflict" and body["version"] == loaded + 1
    assert open_q(api, tab_a, sent["id"])[1]["answers"]["surname"] == "Özdemir"


def test_an_invalid_page_is_refused_field_by_field_and_nothing_is_saved(aws, fake_clock, api) -> None:
    jan = active_account()
    _, sent = send_testament(jan)
    headers = headers_for(jan)
    wrong = {**TESTAMENT_PAGES[1], "bsn": "123456789", "email": "lukasz@", "first_names": ""}
    status, body = save(api, headers, sent["id"], 1, wrong, 1)
    assert status == 422 and body["code"] == "answers_invalid"
    assert {(f["field"], f["code"], f["page"]) for f in body["fields"]} == {
        ("first_names", "required", 1), ("bsn", "bsn_invalid", 1), ("email", "email_invalid", 1),
    }
    assert open_q(api, headers, sent["id"])[1]["version"] == 1


def test_an_invalid_iban_is_refused_with_iban_invalid(aws, fake_clock, api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    templates.create(templates.shipped("levering-woning"), actor=WHO["actor"])
    sent = staff.send(dossier_id=dossier["id"], account_id=jan.id, template_id="levering-woning", **WHO)
    page = {"purchase_price": "350.000", "mortgage": False, "refund_iban": "NL91 ABNA 0417 1643 01"}
    status, body = save(api, headers_for(jan), sent["id"], 3, page, 1)
    assert status == 422 and body["fields"] == [{"field": "refund_iban", "code": "iban_invalid", "page": 3}]


def test_a_page_that_does_not_exist_is_404(aws, fake_clock, api) -> None:
    jan = active_account()
    _, sent = send_testament(jan)
    status, body = save(api, headers_for(jan), sent["id"], 5, {}, 1)
    assert status == 404 and body["code"] == "page_not_found"


def test_a_client_of_another_party_gets_404_on_read_and_save(aws, fake_clock, api, actions_api) -> None:
    jan, piet = active_account(), active_account(name="Piet Bakker")
    new_dossier(jan, piet)  # even sharing a dossier does not share a questionnaire sent to Jan
    _, sent = send_testament(jan)
    intruder = headers_for(piet)
    for method, path, body in (
        ("GET", f"/api/questionnaires/{sent['id']}", None),
        ("PUT", f"/api/questionnaires/{sent['id']}/pages/1", {"answers": TESTAMENT_PAGES[1], "version": 1}),
        ("GET", f"/api/questionnaires/{sent['id']}/result", None),
        ("POST", f"/api/questionnaires/{sent['id']}/pdf", {}),
        ("GET", "/api/questionnaires/01ARZ3NDEKTSV4RRFFQ69G5FAV", None),
        ("GET", "/api/questionnaires/not-an-id", None),
    ):
        status, answer = call(api, method, path, intruder, body=body)
        assert (status, answer["code"]) == (404, "not_found"), path
    assert call(actions_api, "GET", "/api/actions", intruder)[1]["items"] == []
    assert open_q(api, headers_for(jan), sent["id"])[1]["version"] == 1
    assert "access_denied" in [e["action"] for e in history(piet.id)]


def test_a_dossier_taken_away_takes_its_questionnaire_with_it(aws, fake_clock, api, actions_api) -> None:
    jan = active_account()
    dossier, sent = send_testament(jan)
    from portal.dossiers.counters import for_party

    assert for_party(jan.party_id)["actions_open"] == 1
    access.revoke(dossier["id"], jan.id, **WHO)
    headers = headers_for(jan)
    assert open_q(api, headers, sent["id"])[0] == 404
    assert call(actions_api, "GET", "/api/actions", headers)[1]["items"] == []
    assert for_party(jan.party_id)["actions_open"] == 0  # the Acties count on Home drops too


def test_a_template_change_does_not_alter_a_sent_questionnaire(aws, fake_clock, api) -> None:
    jan = active_account()
    dossier, first = send_testament(jan)
    changed = templates.shipped("testament")
    changed["title"]["nl"] = "Vragenlijst testament 2027"
    changed["pages"][0]["questions"][0]["label"]["nl"] = "Alle voornamen"
    changed["pages"] = changed["pages"][:2]
    stored, created = templates.create(changed, actor=WHO["actor"])
    assert created and stored["version"] == 2
    _, opened = open_q(api, headers_for(jan), first["id"])
    assert opened["title"] == "Vragenlijst testament" and opened["page_count"] == 4
    assert opened["pages"][0]["questions"][0]["label"] == "Voornamen (voluit, zoals in uw paspoort)"
    later = staff.send(dossier_id=dossier["id"], account_id=jan.id, template_id="testament", **WHO)
    assert later["template"] == {"id": "testament", "version": 2} and later["page_count"] == 2


def test_the_extra_accounts_of_a_company_see_and_fill_in_the_companys_questionnaire(aws, fake_clock, api, actions_api) -> None:
    petra = active_account(name="Petra Zoet", kind="company_main", company="Bakkerij Zoet B.V.")
    ahmed = active_account(name="Ahmed El Amrani", kind="company_extra", party_id=petra.id, company="Bakkerij Zoet B.V.")
    _, sent = send_testament(petra)
    extra = headers_for(ahmed)
    assert [a["id"] for a in call(actions_api, "GET", "/api/actions", extra)[1]["items"]] == [sent["id"]]
    status, body = save(api, extra, sent["id"], 1, TESTAMENT_PAGES[1], 1)
    assert status == 200
    assert open_q(api, headers_for(petra), sent["id"])[1]["first_unsaved_page"] == 2
