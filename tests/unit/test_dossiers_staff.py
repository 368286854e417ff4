"""Staff drive dossiers through the admin API: create, change, grant, progress, publish, withdraw, reads."""

from __future__ import annotations

import pytest
import requests
from portal.composed import access
from portal.dossiers import publishing

from tests.support.clients import PDF_BYTES, active_account, call, new_dossier, publish_file, session_headers
from tests.unit.conftest import load_handler

WHO = {"actor": "staff-test", "source_ip": "192.0.2.1"}


@pytest.fixture(scope="module")
def admin():
    return load_handler("admin/dossiers")


@pytest.fixture(scope="module")
def documents():
    return load_handler("admin/documents")


@pytest.fixture(scope="module")
def statuses_api():
    return load_handler("admin/dossier_statuses")


def upload(documents, dossier_id: str, content: bytes, content_type: str = "application/pdf", name: str = "akte.pdf"):
    status, offer = call(documents, "POST", f"/admin/dossiers/{dossier_id}/uploads",
                         body={"file_name": name, "content_type": content_type, "size": len(content)})
    assert status == 201, offer
    sent = requests.post(offer["url"], data=offer["fields"], files={"file": (name, content, content_type)}, timeout=30)
    assert sent.status_code in (200, 201, 204)
    return offer


def test_staff_create_a_dossier_with_its_parties(aws, fake_clock, admin) -> None:
    buyer, seller = active_account(name="Koper"), active_account(name="Verkoper")
    status, created = call(admin, "POST", "/admin/dossiers", body={
        "number": "2026.0123", "description": "Levering Dorpsstraat 1 Utrecht", "grant": [buyer.id, seller.id]})
    assert status == 201
    assert (created["number"], created["status"], created["in_progress"]) == ("2026.0123", "in_behandeling", True)
    assert [p["name"] for p in created["parties"]] == ["Koper", "Verkoper"]
    assert created["audit"][0]["action"] == "dossier_created"
    status, found = call(admin, "GET", "/admin/dossiers", query={"number": "2026.0123"})
    assert [d["id"] for d in found["items"]] == [created["id"]]
    status, listing = call(admin, "GET", "/admin/dossiers")
    assert [d["id"] for d in listing["items"]] == [created["id"]]


def test_a_dossier_number_is_unique(aws, fake_clock, admin) -> None:
    body = {"number": "2026.0123", "description": "Levering", "grant": []}
    assert call(admin, "POST", "/admin/dossiers", body=body)[0] == 201
    status, problem = call(admin, "POST", "/admin/dossiers", body={**body, "number": "2026.0123 "})
    assert status == 409 and problem["code"] == "dossier_number_taken"


@pytest.mark.parametrize(("change", "status", "code"), [
    ({"status": "onbekend"}, 422, "status_unknown"),
    ({"number": "../../etc"}, 422, "dossier_number_invalid"),
    ({"grant": ["01JZZZZZZZZZZZZZZZZZZZZZZZ"]}, 404, "account_not_found"),
])
def test_create_refuses_bad_input(aws, fake_clock, admin, change, status, code) -> None:
    body = {"number": "2026.0001", "description": "Testament", "grant": [], **change}
    answer = call(admin, "POST", "/admin/dossiers", body=body)
    assert answer[0] == status and answer[1]["code"] == code


def test_staff_change_description_and_status_and_the_client_sees_it(aws, fake_clock, admin) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    status, changed = call(admin, "PATCH", f"/admin/dossiers/{dossier['id']}",
                           body={"description": "Levering Kerkstraat 2", "status": "afgerond"})
    assert status == 200 and (changed["description"], changed["status"]) == ("Levering Kerkstraat 2", "afgerond")
    client = load_handler("client/dossiers")
    _, listing = call(client, "GET", "/api/dossiers", session_headers(jan))
    assert (listing["items"][0]["description"], listing["items"][0]["status_label"]) == ("Levering Kerkstraat 2", "Afgerond")


def test_staff_grant_and_revoke_through_the_api(aws, fake_clock, admin) -> None:
    jan, piet = active_account(), active_account(name="Piet")
    dossier = new_dossier(jan)
    status, granted = call(admin, "POST", f"/admin/dossiers/{dossier['id']}/grants", body={"account_id": piet.id})
    assert status == 200 and {p["party_id"] for p in granted["parties"]} == {jan.id, piet.id}
    status, revoked = call(admin, "DELETE", f"/admin/dossiers/{dossier['id']}/grants/{piet.id}")
    assert status == 200 and [p["party_id"] for p in revoked["parties"]] == [jan.id]


def test_staff_set_progress_and_tick_off_a_step(aws, fake_clock, admin) -> None:
    dossier = new_dossier(active_account())
    steps = [{"title_nl": "Concept akte", "title_en": "Draft deed"}, {"title_nl": "Passeren", "title_en": "Signing"}]
    status, body = call(admin, "PUT", f"/admin/dossiers/{dossier['id']}/progress", body={"steps": steps})
    assert status == 200 and body["progress"] == {"done": 0, "total": 2}
    status, body = call(admin, "POST", f"/admin/dossiers/{dossier['id']}/progress/1/done")
    assert status == 200 and body["steps"][0]["done"] is True and body["progress"]["done"] == 1
    status, problem = call(admin, "POST", f"/admin/dossiers/{dossier['id']}/progress/3/done")
    assert status == 422 and problem["code"] == "progress_step_unknown"


def test_the_office_adds_its_own_status(aws, fake_clock, statuses_api) -> None:
    _, listing = call(statuses_api, "GET", "/admin/statuses")
    assert [s["key"] for s in listing["items"]] == ["in_behandeling", "afgerond", "geannuleerd"]
    body = {"key": "wacht_op_stukken", "label_nl": "Wacht op stukken", "label_en": "Awaiting documents", "in_progress": True}
    assert call(statuses_api, "POST", "/admin/statuses", body=body)[0] == 201
    assert call(statuses_api, "POST", "/admin/statuses", body=body)[1]["code"] == "status_exists"
    _, listing = call(statuses_api, "GET", "/admin/statuses")
    assert listing["items"][-1] == body


def test_staff_publish_an_uploaded_file_and_list_it(aws, fake_clock, documents) -> None:
    dossier = new_dossier(active_account())
    offer = upload(documents, dossier["id"], PDF_BYTES)
    assert offer["upload_key"].startswith(f"dossiers/{dossier['id']}/staff/")
    status, published = call(documents, "POST", f"/admin/dossiers/{dossier['id']}/documents", body={
        "upload_key": offer["upload_key"], "title": "Concept akte", "tab": "documents", "file_name": "akte.pdf"})
    assert status == 201
    assert (published["size"], published["content_type"], published["visible_to"]) == (len(PDF_BYTES), "application/pdf", None)
    status, again = call(documents, "POST", f"/admin/dossiers/{dossier['id']}/documents", body={
        "upload_key": offer["upload_key"], "title": "Concept akte", "tab": "documents", "file_name": "akte.pdf"})
    assert status == 409 and again["code"] == "already_published"
    _, listing = call(documents, "GET", f"/admin/dossiers/{dossier['id']}/documents")
    assert [d["title"] for d in listing["items"]] == ["Concept akte"]


def test_a_file_whose_bytes_do_not_match_its_type_is_refused(aws, fake_clock, documents) -> None:
    dossier = new_dossier(active_account())
    offer = upload(documents, dossier["id"], b"MZ\x90\x00 this is a program", name="akte.pdf")
    status, problem = call(documents, "POST", f"/admin/dossiers/{dossier['id']}/documents", body={
        "upload_key": offer["upload_key"], "title": "Akte", "tab": "documents", "file_name": "akte.pdf"})
    assert status == 422 and problem["code"] == "file_type_mismatch"


def test_an_upload_of_another_dossier_or_never_uploaded_is_refused(aws, fake_clock, documents) -> None:
    jan = active_account()
    mine, other = new_dossier(jan), new_dossier(jan)
    offer = upload(documents, other["id"], PDF_BYTES)
    body = {"upload_key": offer["upload_key"], "title": "Akte", "tab": "documents", "file_name": "akte.pdf"}
    status, problem = call(documents, "POST", f"/admin/dossiers/{mine['id']}/documents", body=body)
    assert status == 422 and problem["code"] == "upload_invalid"
    never = {**body, "upload_key": f"dossiers/{mine['id']}/staff/01JZZZZZZZZZZZZZZZZZZZZZZZ"}
    status, problem = call(documents, "POST", f"/admin/dossiers/{mine['id']}/documents", body=never)
    assert status == 404 and problem["code"] == "upload_missing"


def test_visibility_can_only_name_authorised_accounts(aws, fake_clock, documents) -> None:
    jan, stranger = active_account(), active_account(name="Vreemde")
    dossier = new_dossier(jan)
    offer = upload(documents, dossier["id"], PDF_BYTES)
    status, problem = call(documents, "POST", f"/admin/dossiers/{dossier['id']}/documents", body={
        "upload_key": offer["upload_key"], "title": "Akte", "tab": "documents", "file_name": "akte.pdf",
        "visible_to": [stranger.id]})
    assert status == 422 and problem["code"] == "visible_to_not_granted"


def test_only_allowed_file_types_get_an_upload(aws, fake_clock, documents) -> None:
    dossier = new_dossier(active_account())
    status, problem = call(documents, "POST", f"/admin/dossiers/{dossier['id']}/uploads",
                           body={"file_name": "x.exe", "content_type": "application/x-msdownload", "size": 10})
    assert status == 422 and problem["code"] == "file_type_not_allowed"


def test_staff_withdraw_a_document_and_see_who_read_it(aws, fake_clock, documents) -> None:
    jan = active_account()
    dossier = new_dossier(jan)
    document = publish_file(dossier["id"])
    downloads = load_handler("client/dossier_downloads")
    fake_clock.advance(minutes=3)
    call(downloads, "POST", f"/api/dossiers/{dossier['id']}/items/{document['id']}/download", session_headers(jan))
    status, reads = call(documents, "GET", f"/admin/dossiers/{dossier['id']}/documents/{document['id']}/reads")
    assert status == 200
    assert [(r["account_id"], r["name"], r["first_read_at"][:16]) for r in reads["items"]] == [
        (jan.id, "Jan de Vries", "2026-11-26T09:03")]
    status, withdrawn = call(documents, "DELETE", f"/admin/dossiers/{dossier['id']}/documents/{document['id']}")
    assert status == 200 and withdrawn["withdrawn"] is True
    assert call(documents, "DELETE", f"/admin/dossiers/{dossier['id']}/documents/01JZZZZZZZZZZZZZZZZZZZZZZZ")[0] == 404


def test_a_revoked_party_granted_again_sees_no_withdrawn_documents(aws, fake_clock) -> None:
    buyer, seller = active_account(name="Koper"), active_account(name="Verkoper")
    dossier = new_dossier(buyer, seller)
    kept, gone = publish_file(dossier["id"], title="Blijft"), publish_file(dossier["id"], title="Weg")
    access.revoke(dossier["id"], seller.id, **WHO)
    publishing.withdraw(dossier["id"], gone["id"], **WHO)
    access.grant(dossier["id"], seller.id, **WHO)
    client = load_handler("client/dossiers")
    _, items = call(client, "GET", f"/api/dossiers/{dossier['id']}/items", session_headers(seller), query={"tab": "documents"})
    assert [i["id"] for i in items["items"]] == [kept["id"]]
