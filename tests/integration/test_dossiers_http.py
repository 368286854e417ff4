"""Dossiers over HTTP against the local stack: staff publish through the admin API with a real
presigned POST to the embedded S3; clients list, open and download, and see only what is theirs."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import requests

from tests.support.clients import PDF_BYTES, extra_account, logged_in_client, upload_and_publish


def new_dossier(stack, *account_ids: str, description: str = "Levering Dorpsstraat 1 Utrecht") -> dict:
    created = stack.admin().post("/dossiers", {
        "number": f"IT-{uuid.uuid4().hex[:10]}", "description": description, "grant": list(account_ids)})
    assert created.status == 201, created.body
    return created.body


@pytest.fixture(scope="module")
def people(stack) -> dict:
    """Signed-in clients, created once for this module: a buyer and a seller (people), company A
    (main and extra account) and company B."""
    found = {}
    for role, extra in (("buyer", {}), ("seller", {}), ("company_a", {"company": "Bakkerij A B.V."}),
                        ("company_b", {"company": "Bakkerij B B.V."})):
        client, account = logged_in_client(stack, name=role.replace("_", " ").title(), **extra)
        found[role] = (client, account)
    found["company_a_extra"] = extra_account(stack, found["company_a"][0])
    return found


def items(client, dossier_id: str, tab: str = "documents") -> list[dict]:
    answer = client.get(f"/api/dossiers/{dossier_id}/items", params={"tab": tab})
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def test_staff_publish_and_the_client_downloads_exactly_that_file(stack, people) -> None:
    buyer, account = people["buyer"]
    dossier = new_dossier(stack, account["id"])
    content = PDF_BYTES + b"% letter " + uuid.uuid4().hex.encode() + b"\n"
    letter = upload_and_publish(stack, dossier["id"], title="Brief aan koper", tab="correspondence",
                                file_name="Brief aan koper – José.pdf", content=content)
    page = buyer.get(f"/api/dossiers/{dossier['id']}").json()
    assert page["tabs"]["correspondence"] == {"count": 1, "unread": 1}
    assert [(i["title"], i["read"]) for i in items(buyer, dossier["id"], "correspondence")] == [("Brief aan koper", False)]

    link = buyer.post(f"/api/dossiers/{dossier['id']}/items/{letter['id']}/download")
    assert link.status_code == 200, link.text
    fetched = requests.get(link.json()["url"], timeout=30)
    assert fetched.status_code == 200 and fetched.content == content
    disposition = fetched.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Brief aan koper – José.pdf"

    assert buyer.get(f"/api/dossiers/{dossier['id']}").json()["tabs"]["correspondence"]["unread"] == 0
    assert items(buyer, dossier["id"], "correspondence")[0]["read"] is True
    reads = stack.admin().get(f"/dossiers/{dossier['id']}/documents/{letter['id']}/reads").body["items"]
    assert [(r["account_id"], r["downloads"]) for r in reads] == [(account["id"], 1)]


def test_the_download_link_is_an_attachment_valid_for_minutes(stack, people) -> None:
    buyer, account = people["buyer"]
    dossier = new_dossier(stack, account["id"])
    document = upload_and_publish(stack, dossier["id"])
    link = buyer.post(f"/api/dossiers/{dossier['id']}/items/{document['id']}/download").json()
    query = parse_qs(urlsplit(link["url"]).query)
    # The embedded S3 does not enforce expiry, so the signed parameters are what proves it.
    assert link["expires_in"] == int(query["X-Amz-Expires"][0]) == 300
    signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - signed_at).total_seconds()) < 120
    assert query["response-content-disposition"][0].startswith("attachment;")


def test_a_document_visible_only_to_the_buyer_is_absent_for_the_seller(stack, people) -> None:
    (buyer, buyer_account), (seller, seller_account) = people["buyer"], people["seller"]
    dossier = new_dossier(stack, buyer_account["id"], seller_account["id"])
    only_buyer = upload_and_publish(stack, dossier["id"], title="Nota van afrekening koper", visible_to=[buyer_account["id"]])
    both = upload_and_publish(stack, dossier["id"], title="Concept akte")
    assert {i["id"] for i in items(buyer, dossier["id"])} == {only_buyer["id"], both["id"]}
    assert [i["id"] for i in items(seller, dossier["id"])] == [both["id"]]
    refused = seller.post(f"/api/dossiers/{dossier['id']}/items/{only_buyer['id']}/download")
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"


def test_company_a_gets_404_on_company_bs_dossier_and_document_ids_and_it_is_audited(stack, people) -> None:
    (company_a, account_a), (_, account_b) = people["company_a"], people["company_b"]
    theirs = new_dossier(stack, account_b["id"], description="Overname Bakkerij B")
    document = upload_and_publish(stack, theirs["id"])
    mine = new_dossier(stack, account_a["id"])
    attempts = [
        company_a.get(f"/api/dossiers/{theirs['id']}"),
        company_a.get(f"/api/dossiers/{theirs['id']}/items", params={"tab": "documents"}),
        company_a.post(f"/api/dossiers/{theirs['id']}/items/{document['id']}/download"),
        company_a.post(f"/api/dossiers/{mine['id']}/items/{document['id']}/download"),
    ]
    assert [(r.status_code, r.json()["code"]) for r in attempts] == [(404, "not_found")] * 4
    assert theirs["id"] not in {d["id"] for d in company_a.get("/api/dossiers").json()["items"]}
    audit = stack.admin().get(f"/clients/{account_a['id']}").body["audit"]
    assert sum(1 for e in audit if e["action"] == "access_denied") >= 4


def test_a_companys_extra_account_sees_the_companys_dossier(stack, people) -> None:
    (_, main_account), (extra, _) = people["company_a"], people["company_a_extra"]
    dossier = new_dossier(stack, main_account["id"], description="Huurovereenkomst winkelpand")
    listing = extra.get("/api/dossiers", params={"q": "winkelpand"}).json()
    assert [d["id"] for d in listing["items"]] == [dossier["id"]]
    assert extra.get(f"/api/dossiers/{dossier['id']}").status_code == 200


def test_revoked_access_fails_on_the_next_request(stack, people) -> None:
    seller, account = people["seller"]
    dossier = new_dossier(stack, account["id"])
    document = upload_and_publish(stack, dossier["id"])
    assert seller.get(f"/api/dossiers/{dossier['id']}").status_code == 200
    revoked = stack.admin().delete(f"/dossiers/{dossier['id']}/grants/{account['id']}")
    assert revoked.status == 200
    assert seller.get(f"/api/dossiers/{dossier['id']}").status_code == 404
    assert seller.post(f"/api/dossiers/{dossier['id']}/items/{document['id']}/download").status_code == 404
    assert dossier["id"] not in {d["id"] for d in seller.get("/api/dossiers").json()["items"]}


def test_a_withdrawn_document_is_gone_for_the_client(stack, people) -> None:
    client, account = people["buyer"]
    dossier = new_dossier(stack, account["id"])
    document = upload_and_publish(stack, dossier["id"])
    assert stack.admin().delete(f"/dossiers/{dossier['id']}/documents/{document['id']}").body["withdrawn"] is True
    assert items(client, dossier["id"]) == []
    assert client.get(f"/api/dossiers/{dossier['id']}").json()["tabs"]["documents"] == {"count": 0, "unread": 0}
    assert client.post(f"/api/dossiers/{dossier['id']}/items/{document['id']}/download").status_code == 404


def test_home_counts_and_the_status_filter_over_http(stack, people) -> None:
    client, account = people["company_b"]
    before = client.get("/api/me").json()["counts"]
    dossier = new_dossier(stack, account["id"], description="Statutenwijziging")
    assert stack.admin().patch(f"/dossiers/{dossier['id']}", {"status": "afgerond"}).status == 200
    after = client.get("/api/me").json()["counts"]
    assert after["dossiers_total"] == before["dossiers_total"] + 1
    assert after["dossiers_in_progress"] == before["dossiers_in_progress"]
    done = client.get("/api/dossiers", params={"status": "afgerond"}).json()
    assert [d["id"] for d in done["items"]] == [dossier["id"]]
    assert {s["key"] for s in done["statuses"]} >= {"afgerond"}


def test_downloads_need_the_sites_csrf_headers(stack, people) -> None:
    buyer, account = people["buyer"]
    dossier = new_dossier(stack, account["id"])
    document = upload_and_publish(stack, dossier["id"])
    path = f"/api/dossiers/{dossier['id']}/items/{document['id']}/download"
    forged = requests.post(stack.url + path, headers={"Cookie": buyer.headers()["Cookie"], "Origin": "https://evil.example",
                                                      "X-Portal-Request": "1"}, timeout=30)
    assert forged.status_code == 403 and forged.json()["code"] == "csrf_failed"
    assert buyer.post(path).status_code == 200  # from the site itself it works
