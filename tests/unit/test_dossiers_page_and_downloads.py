"""The dossier page (header, Voortgang, tabs) and Download, and who may see what."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from portal.audit.trail import history
from portal.composed import access
from portal.dossiers import progress, publishing

from tests.support.clients import active_account, call, new_dossier, publish_file, session_headers
from tests.unit.conftest import load_handler

WHO = {"actor": "staff-test", "source_ip": "192.0.2.1"}


@pytest.fixture(scope="module")
def dossiers_api():
    return load_handler("client/dossiers")


@pytest.fixture(scope="module")
def downloads_api():
    return load_handler("client/dossier_downloads")


def page(api, account, dossier_id):
    return call(api, "GET", f"/api/dossiers/{dossier_id}", session_headers(account))


def tab(api, account, dossier_id, name="documents"):
    return call(api, "GET", f"/api/dossiers/{dossier_id}/items", session_headers(account), query={"tab": name})


def download(api, account, dossier_id, item_id):
    return call(api, "POST", f"/api/dossiers/{dossier_id}/items/{item_id}/download", session_headers(account))


def test_progress_shows_done_of_total_with_titles_in_the_callers_language(aws, fake_clock, dossiers_api) -> None:
    jan = active_account(language="en")
    dossier = new_dossier(jan)
    steps = [{"title_nl": f"Stap {n}", "title_en": f"Step {n}", "done": n <= 4} for n in range(1, 11)]
    progress.set_steps(dossier["id"], steps, **WHO)
    status, body = page(dossiers_api, jan, dossier["id"])
    assert status == 200
    assert (body["progress"]["done"], body["progress"]["total"]) == (4, 10)
    assert body["progress"]["steps"][0] == {"title": "Step 1", "done": True}
    progress.mark_done(dossier["id"], 5, **WHO)
    assert page(dossiers_api, jan, dossier["id"])[1]["progress"]["done"] == 5


def test_progress_is_zero_of_zero_without_a_list(aws, fake_clock, dossiers_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan, description="Testament", status="afgerond")
    _, body = page(dossiers_api, jan, dossier["id"])
    assert body["progress"] == {"done": 0, "total": 0, "steps": []}
    assert (body["number"], body["description"], body["status_label"]) == (dossier["number"], "Testament", "Afgerond")


def test_tabs_show_their_number_of_items_and_unread_items(aws, fake_clock, dossiers_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    publish_file(dossier["id"], title="Brief aan koper", tab="correspondence", file_name="brief.pdf")
    publish_file(dossier["id"], title="Concept akte")
    publish_file(dossier["id"], title="Volmacht")
    _, body = page(dossiers_api, jan, dossier["id"])
    assert body["tabs"] == {
        "correspondence": {"count": 1, "unread": 1}, "documents": {"count": 2, "unread": 2},
        "supplied": {"count": 0, "unread": 0}, "messages": {"count": 0, "unread": 0},
    }
    assert body["unread_total"] == 3


def test_a_tab_lists_its_items_newest_first(aws, fake_clock, dossiers_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    publish_file(dossier["id"], title="Concept akte")
    fake_clock.advance(minutes=5)
    publish_file(dossier["id"], title="Volmacht", file_name="volmacht.pdf")
    publish_file(dossier["id"], title="Brief", tab="correspondence")
    status, body = tab(dossiers_api, jan, dossier["id"])
    assert status == 200
    assert [(i["title"], i["read"]) for i in body["items"]] == [("Volmacht", False), ("Concept akte", False)]
    assert body["items"][0]["file_name"] == "volmacht.pdf" and body["items"][0]["size"] > 0


def test_the_dossier_page_brings_the_open_tabs_first_page_along(aws, fake_clock, dossiers_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    publish_file(dossier["id"], title="Concept akte")
    publish_file(dossier["id"], title="Brief", tab="correspondence")
    headers = session_headers(jan)
    status, body = call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}", headers, query={"tab": "documents"})
    assert status == 200
    assert body["first_page"]["tab"] == "documents"
    assert [i["title"] for i in body["first_page"]["items"]] == ["Concept akte"]
    assert body["first_page"] == {"tab": "documents", **tab(dossiers_api, jan, dossier["id"])[1]}
    assert body["tabs"]["documents"]["count"] == 1  # the header and counts are all still there
    limits = body["attachment_limits"]  # for the message form: no request of its own
    assert (limits["max_size"], limits["max_attachments"]) == (25 * 1024 * 1024, 20) and ".pdf" in limits["extensions"]
    messages = call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}", headers, query={"tab": "messages"})[1]
    assert messages["first_page"] == {"tab": "messages", "items": [], "next_token": None}
    assert "first_page" not in page(dossiers_api, jan, dossier["id"])[1]


def test_the_open_tab_of_someone_elses_dossier_is_404_and_an_unknown_tab_400(aws, fake_clock, dossiers_api) -> None:
    jan, piet = active_account(), active_account(name="Piet")
    dossier = new_dossier(jan)
    publish_file(dossier["id"], title="Concept akte")
    for name in ("documents", "messages"):
        status, body = call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}", session_headers(piet), query={"tab": name})
        assert status == 404 and "first_page" not in body and "Concept akte" not in json.dumps(body)
    status, body = call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}", session_headers(jan), query={"tab": "audit"})
    assert (status, body["code"]) == (422, "validation_failed")


def test_download_marks_the_item_read_and_lowers_the_unread_count_at_once(aws, fake_clock, dossiers_api, downloads_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    letter = publish_file(dossier["id"], title="Brief", tab="correspondence")
    status, link = download(downloads_api, jan, dossier["id"], letter["id"])
    assert status == 200 and link["url"].startswith("https://")
    _, body = page(dossiers_api, jan, dossier["id"])
    assert body["tabs"]["correspondence"] == {"count": 1, "unread": 0}
    assert tab(dossiers_api, jan, dossier["id"], "correspondence")[1]["items"][0]["read"] is True
    download(downloads_api, jan, dossier["id"], letter["id"])  # again: never below zero
    assert page(dossiers_api, jan, dossier["id"])[1]["tabs"]["correspondence"]["unread"] == 0


def test_reading_by_one_company_account_counts_for_the_whole_company(aws, fake_clock, dossiers_api, downloads_api) -> None:
    main = active_account(name="Petra Zoet", kind="company_main", company="Bakkerij Zoet B.V.")
    extra = active_account(name="Ahmed", kind="company_extra", party_id=main.id, company="Bakkerij Zoet B.V.")
    dossier = new_dossier(main)
    document = publish_file(dossier["id"])
    assert download(downloads_api, extra, dossier["id"], document["id"])[0] == 200
    assert page(dossiers_api, main, dossier["id"])[1]["tabs"]["documents"]["unread"] == 0
    reads = publishing.reads(dossier["id"], document["id"])["items"]
    assert [(r["account_id"], r["downloads"]) for r in reads] == [(extra.id, 1)]


def test_the_presigned_link_carries_attachment_disposition_and_expires_in_minutes(aws, fake_clock, downloads_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    document = publish_file(dossier["id"], file_name="Akte van levering – José.pdf")
    _, link = download(downloads_api, jan, dossier["id"], document["id"])
    query = parse_qs(urlsplit(link["url"]).query)
    disposition = query["response-content-disposition"][0]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Akte van levering – José.pdf"
    assert 60 <= int(query["X-Amz-Expires"][0]) <= 600 and link["expires_in"] == int(query["X-Amz-Expires"][0])
    assert link["file_name"] == "Akte van levering – José.pdf"


def test_a_document_visible_only_to_the_buyer_is_absent_for_the_seller(aws, fake_clock, dossiers_api, downloads_api) -> None:
    buyer, seller = active_account(name="Koper"), active_account(name="Verkoper")
    dossier = new_dossier(buyer, seller)
    for_buyer = publish_file(dossier["id"], title="Nota van afrekening koper", visible_to=[buyer])
    for_both = publish_file(dossier["id"], title="Concept akte")
    assert {i["title"] for i in tab(dossiers_api, buyer, dossier["id"])[1]["items"]} == {
        "Nota van afrekening koper", "Concept akte"}
    assert [i["id"] for i in tab(dossiers_api, seller, dossier["id"])[1]["items"]] == [for_both["id"]]
    assert page(dossiers_api, seller, dossier["id"])[1]["tabs"]["documents"] == {"count": 1, "unread": 1}
    status, body = download(downloads_api, seller, dossier["id"], for_buyer["id"])
    assert status == 404 and body["code"] == "not_found"
    assert any(e["action"] == "access_denied" for e in history(seller.id))


def test_another_companys_dossier_and_document_ids_give_404_and_are_audited(aws, fake_clock, dossiers_api, downloads_api) -> None:
    company_a = active_account(name="A", kind="company_main", company="A B.V.")
    company_b = active_account(name="B", kind="company_main", company="B B.V.")
    theirs = new_dossier(company_b)
    document = publish_file(theirs["id"])
    mine = new_dossier(company_a)
    attempts = [
        page(dossiers_api, company_a, theirs["id"]),
        tab(dossiers_api, company_a, theirs["id"]),
        download(downloads_api, company_a, theirs["id"], document["id"]),
        download(downloads_api, company_a, mine["id"], document["id"]),  # their item through my dossier
        page(dossiers_api, company_a, "not-an-id"),
    ]
    for status, body in attempts:
        assert status == 404 and body["code"] == "not_found"
    denied = [e for e in history(company_a.id) if e["action"] == "access_denied"]
    assert len(denied) == len(attempts)
    assert {e["detail"]["dossier"] for e in denied} >= {theirs["id"], mine["id"]}


def test_the_answer_for_a_foreign_id_is_the_same_as_for_an_unknown_one(aws, fake_clock, dossiers_api) -> None:
    jan, piet = active_account(), active_account(name="Piet")
    theirs = new_dossier(piet)
    foreign = page(dossiers_api, jan, theirs["id"])
    unknown = page(dossiers_api, jan, "01JZZZZZZZZZZZZZZZZZZZZZZZ")
    assert foreign == unknown


def test_revoked_access_fails_on_the_next_request(aws, fake_clock, dossiers_api, downloads_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    document = publish_file(dossier["id"])
    headers = session_headers(jan)
    assert call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}", headers)[0] == 200
    access.revoke(dossier["id"], jan.id, **WHO)
    assert call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}", headers)[0] == 404
    assert call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}/items", headers, query={"tab": "documents"})[0] == 404
    path = f"/api/dossiers/{dossier['id']}/items/{document['id']}/download"
    assert call(downloads_api, "POST", path, headers)[0] == 404
    assert call(dossiers_api, "GET", "/api/dossiers", headers)[1]["items"] == []


def test_a_withdrawn_document_disappears_with_its_counts(aws, fake_clock, dossiers_api, downloads_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    document = publish_file(dossier["id"])
    publishing.withdraw(dossier["id"], document["id"], **WHO)
    assert tab(dossiers_api, jan, dossier["id"])[1]["items"] == []
    assert page(dossiers_api, jan, dossier["id"])[1]["tabs"]["documents"] == {"count": 0, "unread": 0}
    assert download(downloads_api, jan, dossier["id"], document["id"])[0] == 404


def test_a_party_granted_later_sees_what_was_published_for_everyone(aws, fake_clock, dossiers_api) -> None:
    buyer, seller = active_account(name="Koper"), active_account(name="Verkoper")
    dossier = new_dossier(buyer)
    publish_file(dossier["id"], title="Concept akte")
    publish_file(dossier["id"], title="Alleen koper", visible_to=[buyer])
    access.grant(dossier["id"], seller.id, **WHO)
    assert [i["title"] for i in tab(dossiers_api, seller, dossier["id"])[1]["items"]] == ["Concept akte"]
    assert page(dossiers_api, seller, dossier["id"])[1]["tabs"]["documents"] == {"count": 1, "unread": 1}


def test_a_forged_page_token_cannot_reach_another_partition(aws, fake_clock, dossiers_api) -> None:
    import base64

    jan, piet = active_account(), active_account(name="Piet")
    mine, theirs = new_dossier(jan), new_dossier(piet)
    forged = {"pk": {"S": f"DOSSIER#{theirs['id']}"}, "sk": {"S": f"VIEW#{piet.id}#documents#0"}}
    token = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode()
    status, body = call(dossiers_api, "GET", f"/api/dossiers/{mine['id']}/items", session_headers(jan),
                        query={"tab": "documents", "next_token": token})
    assert status == 422 and body["code"] == "next_token_invalid"
