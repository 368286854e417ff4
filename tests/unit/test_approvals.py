"""Draft-deed approval: staff put a published draft up for named parties; a party approves exactly
the version it downloaded (its SHA-256), a new version resets every approval, a superseded version
and a party not named are refused; a question is a message naming the version."""

from __future__ import annotations

import hashlib
import uuid

import pytest
import requests
from portal.approvals import requesting
from portal.approvals.models import fingerprint

from tests.support.clients import PDF_BYTES, active_account, call, new_dossier, publish_file, session_headers
from tests.unit.conftest import load_handler

WHO = {"actor": "staff-test", "source_ip": "192.0.2.1"}


@pytest.fixture(scope="module")
def approvals_api():
    return load_handler("client/approvals")


@pytest.fixture(scope="module")
def downloads_api():
    return load_handler("client/dossier_downloads")


@pytest.fixture(scope="module")
def admin_api():
    return load_handler("admin/approvals")


def draft(text: str = "versie 1") -> bytes:
    return PDF_BYTES + f"% {text} {uuid.uuid4().hex}\n".encode()


def approval_of(api, account, dossier_id):
    status, body = call(api, "GET", f"/api/dossiers/{dossier_id}/approval", session_headers(account))
    assert status == 200, body
    return body["approval"]


def approve(api, account, dossier_id, approval, confirmed=True):
    return call(api, "POST", f"/api/dossiers/{dossier_id}/approval/approve", session_headers(account),
                body={"version_id": approval["version_id"], "sha256": approval["sha256"], "confirmed": confirmed})


def test_the_fingerprint_is_the_sha256_of_the_downloaded_bytes(aws, fake_clock, approvals_api, downloads_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)["id"]
    content = draft()
    document = publish_file(dossier, title="Concept akte van levering", content=content)
    requesting.request(dossier, document_id=document["id"], parties=[jan.id], respond_by="2026-12-15", **WHO)
    approval = approval_of(approvals_api, jan, dossier)
    status, link = call(downloads_api, "POST", f"/api/dossiers/{dossier}/items/{document['id']}/download",
                        session_headers(jan))
    downloaded = requests.get(link["url"], timeout=30).content
    assert downloaded == content
    assert approval["sha256"] == hashlib.sha256(downloaded).hexdigest()
    assert approval["fingerprint"] == fingerprint(approval["sha256"]) and len(approval["fingerprint"]) == 19
    assert (approval["state"], approval["respond_by"], approval["reset"]) == ("waiting", "2026-12-15", False)


def test_approve_records_who_when_session_address_and_version_and_cannot_be_changed(aws, fake_clock, approvals_api,
                                                                                     admin_api, downloads_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)["id"]
    document = publish_file(dossier, content=draft())
    requesting.request(dossier, document_id=document["id"], parties=[jan.id], **WHO)
    approval = approval_of(approvals_api, jan, dossier)
    assert approve(approvals_api, jan, dossier, approval, confirmed=False)[0] == 422
    call(downloads_api, "POST", f"/api/dossiers/{dossier}/items/{document['id']}/download", session_headers(jan))
    assert call(admin_api, "GET", f"/admin/dossiers/{dossier}/approval")[1]["parties"][0]["state"] == "opened"
    status, body = approve(approvals_api, jan, dossier, approval)
    assert status == 200 and body["approval"]["state"] == "approved"
    status, body = approve(approvals_api, jan, dossier, approval)
    assert (status, body["code"]) == (409, "approval_already_given")
    _, evidence = call(admin_api, "GET", f"/admin/dossiers/{dossier}/approval")
    [row] = evidence["parties"]
    assert row["state"] == "approved" and row["approved_by"] == jan.id and row["source_ip"] == "192.0.2.10"
    assert row["approved_at"] == fake_clock.current.isoformat() and row["session_id"]
    assert evidence["sha256"] == approval["sha256"]


def test_a_new_version_resets_approvals_and_the_old_version_is_refused(aws, fake_clock, approvals_api) -> None:
    jan, piet = active_account(), active_account(name="Piet")
    dossier = new_dossier(jan, piet)["id"]
    first = publish_file(dossier, content=draft("een"))
    requesting.request(dossier, document_id=first["id"], parties=[jan.id, piet.id], **WHO)
    old = approval_of(approvals_api, jan, dossier)
    assert approve(approvals_api, jan, dossier, old)[0] == 200
    second = publish_file(dossier, content=draft("twee"))
    requesting.request(dossier, document_id=second["id"], parties=[jan.id, piet.id], **WHO)
    new = approval_of(approvals_api, jan, dossier)
    assert (new["state"], new["number"], new["reset"]) == ("waiting", 2, True) and new["sha256"] != old["sha256"]
    status, body = approve(approvals_api, piet, dossier, old)
    assert (status, body["code"]) == (409, "approval_superseded")
    stale_hash = {**new, "sha256": old["sha256"]}
    assert approve(approvals_api, piet, dossier, stale_hash)[1]["code"] == "approval_superseded"
    assert approve(approvals_api, piet, dossier, new)[0] == 200


def test_a_party_not_named_sees_no_approval_and_is_refused(aws, fake_clock, approvals_api) -> None:
    jan, piet, stranger = active_account(), active_account(name="Piet"), active_account(name="Els")
    dossier = new_dossier(jan, piet)["id"]
    document = publish_file(dossier, content=draft())
    requesting.request(dossier, document_id=document["id"], parties=[jan.id], **WHO)
    approval = approval_of(approvals_api, jan, dossier)
    assert approval_of(approvals_api, piet, dossier) is None
    status, body = approve(approvals_api, piet, dossier, approval)
    assert (status, body["code"]) == (403, "approval_not_named")
    assert approve(approvals_api, stranger, dossier, approval)[0] == 404


def test_a_question_is_a_message_naming_the_version_and_staff_see_it_counted(aws, fake_clock, approvals_api,
                                                                            admin_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)["id"]
    document = publish_file(dossier, title="Concept akte", content=draft())
    requesting.request(dossier, document_id=document["id"], parties=[jan.id], **WHO)
    approval = approval_of(approvals_api, jan, dossier)
    status, body = call(approvals_api, "POST", f"/api/dossiers/{dossier}/approval/question", session_headers(jan),
                        body={"version_id": approval["version_id"], "body": "Klopt de datum van levering?",
                              "idempotency_key": uuid.uuid4().hex})
    assert status == 201, body
    assert body["message"]["subject"] == f"Vraag over Concept akte (versie 1, {approval['fingerprint']})"
    assert call(admin_api, "GET", f"/admin/dossiers/{dossier}/approval")[1]["parties"][0]["questions"] == 1


def test_staff_refuse_a_party_that_cannot_see_the_document(aws, fake_clock, admin_api) -> None:
    jan, piet = active_account(), active_account(name="Piet")
    dossier = new_dossier(jan, piet)["id"]
    document = publish_file(dossier, content=draft(), visible_to=[jan])
    status, body = call(admin_api, "POST", f"/admin/dossiers/{dossier}/approval",
                        body={"document_id": document["id"], "parties": [piet.id]})
    assert (status, body["code"]) == (422, "approval_party_cannot_see_document")
    status, body = call(admin_api, "POST", f"/admin/dossiers/{dossier}/approval",
                        body={"document_id": document["id"], "parties": [jan.id], "respond_by": "morgen"})
    assert (status, body["code"]) == (422, "approval_respond_by_invalid")
    status, body = call(admin_api, "POST", f"/admin/dossiers/{dossier}/approval",
                        body={"document_id": document["id"], "parties": [jan.id]})
    assert status == 201 and body["parties"][0]["state"] == "waiting"


def test_the_digest_announces_a_draft_for_approval_and_a_new_version(aws, fake_clock) -> None:
    from portal.notifications import digest

    from tests.unit.conftest import mails

    jan = active_account()
    dossier = new_dossier(jan)["id"]
    digest.run()  # the dossier's own news out of the way
    requesting.request(dossier, document_id=publish_file(dossier, content=draft())["id"], parties=[jan.id], **WHO)
    digest.run()
    requesting.request(dossier, document_id=publish_file(dossier, content=draft("twee"))["id"], parties=[jan.id], **WHO)
    digest.run()
    texts = [m["text"] for m in mails(jan.email)][-2:]
    assert "concept-akte ter goedkeuring" in texts[0]
    assert "nieuwe versie van de concept-akte (eerdere akkoorden vervallen)" in texts[1]


@pytest.fixture(scope="module")
def me_api():
    return load_handler("client/me")


def drafts_in_acties(me_api, account):
    status, me = call(me_api, "GET", "/api/me", session_headers(account))
    assert status == 200, me
    return [a for a in me["actions"] if a.get("kind") == "approval"], me["counts"]


def test_a_draft_awaiting_the_party_is_in_acties_and_its_count_until_approved(aws, fake_clock, approvals_api,
                                                                              me_api) -> None:
    jan, piet = active_account(), active_account(name="Piet Bakker")
    dossier = new_dossier(jan, piet, number="2026.0777", description="Levering Kerkstraat 7")["id"]
    document = publish_file(dossier, title="Concept akte van levering", content=draft())
    assert drafts_in_acties(me_api, jan) == ([], {**drafts_in_acties(me_api, jan)[1], "approvals_waiting": 0})
    requesting.request(dossier, document_id=document["id"], parties=[jan.id], respond_by="2026-12-15", **WHO)
    drafts, counts = drafts_in_acties(me_api, jan)
    assert [(d["id"], d["title"], d["version"], d["due_date"], d["dossier"]) for d in drafts] == [
        (dossier, "Concept akte van levering", 1, "2026-12-15",
         {"id": dossier, "number": "2026.0777", "description": "Levering Kerkstraat 7"})]
    assert (counts["approvals_waiting"], counts["actions_open"]) == (1, 1)
    assert drafts_in_acties(me_api, piet)[0] == []  # not named: nothing awaits Piet

    # A new version naming Piet instead: Jan's entry goes, Piet's comes, at version 2.
    requesting.request(dossier, document_id=document["id"], parties=[piet.id], **WHO)
    assert drafts_in_acties(me_api, jan)[1]["approvals_waiting"] == 0
    drafts, _ = drafts_in_acties(me_api, piet)
    assert [(d["id"], d["version"]) for d in drafts] == [(dossier, 2)]

    status, _ = approve(approvals_api, piet, dossier, approval_of(approvals_api, piet, dossier))
    assert status == 200
    drafts, counts = drafts_in_acties(me_api, piet)
    assert drafts == [] and (counts["approvals_waiting"], counts["actions_open"]) == (0, 0)


def test_a_new_version_puts_an_approved_draft_back_in_acties(aws, fake_clock, approvals_api, me_api) -> None:
    jan = active_account()
    dossier = new_dossier(jan)["id"]
    document = publish_file(dossier, content=draft())
    requesting.request(dossier, document_id=document["id"], parties=[jan.id], **WHO)
    approve(approvals_api, jan, dossier, approval_of(approvals_api, jan, dossier))
    assert drafts_in_acties(me_api, jan)[0] == []
    requesting.request(dossier, document_id=document["id"], parties=[jan.id], **WHO)
    assert [d["version"] for d in drafts_in_acties(me_api, jan)[0]] == [2]


def test_the_receipt_catalog_has_every_word_in_dutch_and_english() -> None:
    from portal.approvals.receipt import texts

    nl, en = texts("nl"), texts("en")
    assert nl.keys() == en.keys() and nl["states"].keys() == en["states"].keys()
    assert nl["title"] != en["title"] and texts("de") == nl  # anything else: Dutch


def test_the_receipt_is_dutch_by_default_and_english_when_asked(aws, fake_clock, admin_api) -> None:
    import base64
    import io

    from pypdf import PdfReader

    jan = active_account()
    dossier = new_dossier(jan, number="2026.0888")["id"]
    document = publish_file(dossier, content=draft())
    requesting.request(dossier, document_id=document["id"], parties=[jan.id], **WHO)

    def text_of(query: dict[str, str] | None) -> tuple[str, str]:
        status, body = call(admin_api, "GET", f"/admin/dossiers/{dossier}/approval/receipt", query=query)
        assert status == 200, body
        reader = PdfReader(io.BytesIO(base64.b64decode(body["pdf_base64"])))
        return body["file_name"], "".join(page.extract_text() for page in reader.pages)

    name, dutch = text_of(None)
    assert name == "goedkeuring-2026.0888-v1.pdf" and "Bewijs van goedkeuring concept-akte" in dutch
    assert "wacht op reactie" in dutch
    name, english = text_of({"language": "en"})
    assert name == "approval-2026.0888-v1.pdf" and "Evidence of approval of the draft deed" in english
    assert "awaiting a reaction" in english and "Ter goedkeuring" not in english


def test_a_draft_leaves_acties_with_the_party_s_access(aws, fake_clock, me_api) -> None:
    from portal.composed import access

    jan = active_account()
    dossier = new_dossier(jan)["id"]
    requesting.request(dossier, document_id=publish_file(dossier, content=draft())["id"], parties=[jan.id], **WHO)
    assert drafts_in_acties(me_api, jan)[1]["approvals_waiting"] == 1
    access.revoke(dossier, jan.id, **WHO)
    drafts, counts = drafts_in_acties(me_api, jan)
    assert drafts == [] and counts["approvals_waiting"] == 0 and counts["dossiers_total"] == 0
