"""Messages over HTTP against the local stack: real presigned POSTs to the embedded S3, sends,
idempotency under parallel retries, and staff reading and downloading what a client sent."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from tests.support.clients import PDF_BYTES, logged_in_client

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def client_with_dossier(stack: Any, name: str = "Jan Bericht") -> tuple[Any, dict[str, Any], str]:
    client, account = logged_in_client(stack, name=name)
    created = stack.admin().post("/dossiers", {"number": f"MSG-{uuid.uuid4().hex[:8]}",
                                               "description": "Levering Dorpsstraat 1", "grant": [account["id"]]})
    assert created.status == 201, created.body
    return client, account, created.body["id"]


def offer(client: Any, dossier_id: str, content: bytes, file_name: str = "paspoort.pdf",
          content_type: str = "application/pdf", size: int | None = None) -> dict[str, Any]:
    answer = client.post(f"/api/dossiers/{dossier_id}/attachments",
                         {"file_name": file_name, "content_type": content_type, "size": size or len(content)})
    assert answer.status_code == 201, answer.text
    return answer.json()


def post_file(offered: dict[str, Any], content: bytes, fields: dict[str, str] | None = None) -> requests.Response:
    return requests.post(offered["url"], data=fields or offered["fields"], timeout=30,
                         files={"file": ("f", content, offered["content_type"])})


def checked_upload(client: Any, dossier_id: str, content: bytes = PDF_BYTES, **kwargs: Any) -> dict[str, Any]:
    offered = offer(client, dossier_id, content, **kwargs)
    assert post_file(offered, content).status_code in (200, 204)
    checked = client.post(f"/api/dossiers/{dossier_id}/attachments/{offered['upload_id']}/check")
    assert checked.status_code == 200, checked.text
    return checked.json()


def messages(stack: Any, dossier_id: str) -> list[dict[str, Any]]:
    listed = stack.admin().get(f"/dossiers/{dossier_id}/messages")
    assert listed.status == 200, listed.body
    return listed.body["items"]


def test_an_oversize_file_is_rejected_by_the_upload_policy(stack) -> None:
    client, _, dossier_id = client_with_dossier(stack)
    offered = offer(client, dossier_id, PDF_BYTES)  # the policy allows len(PDF_BYTES) bytes
    refused = post_file(offered, PDF_BYTES + b"%" * 1024)
    assert refused.status_code == 400 and "EntityTooLarge" in refused.text


def test_a_key_outside_the_chosen_one_is_rejected_by_the_upload_policy(stack) -> None:
    client, account, dossier_id = client_with_dossier(stack)
    offered = offer(client, dossier_id, PDF_BYTES)
    for key in (f"dossiers/{dossier_id}/staff/{offered['upload_id']}", "dossiers/other/uploads/x", "evil.pdf"):
        refused = post_file(offered, PDF_BYTES, {**offered["fields"], "key": key})
        assert refused.status_code == 403 and "AccessDenied" in refused.text, key
    wrong_type = post_file(offered, PDF_BYTES, {**offered["fields"], "Content-Type": "text/html"})
    assert wrong_type.status_code == 403


def test_send_with_attachment_and_staff_list_and_download_it(stack) -> None:
    client, account, dossier_id = client_with_dossier(stack)
    checked = checked_upload(client, dossier_id)
    sent = client.post(f"/api/dossiers/{dossier_id}/messages", {
        "subject": "Kopie paspoort", "body": "Hierbij mijn paspoort.", "attachments": [checked["upload_id"]],
        "idempotency_key": uuid.uuid4().hex,
    })
    assert sent.status_code == 201, sent.text
    mine = client.get(f"/api/dossiers/{dossier_id}/messages").json()["items"]
    assert [(m["id"], m["direction"]) for m in mine] == [(sent.json()["id"], "outgoing")]
    supplied = client.get(f"/api/dossiers/{dossier_id}/items", params={"tab": "supplied"}).json()["items"]
    assert [i["file_name"] for i in supplied] == ["paspoort.pdf"]

    [listed] = messages(stack, dossier_id)
    assert (listed["subject"], listed["from_account"], listed["handled"]) == ("Kopie paspoort", account["id"], False)
    attachment = listed["attachments"][0]
    link = stack.admin().get(f"/dossiers/{dossier_id}/messages/{listed['id']}/attachments/{attachment['id']}")
    assert link.status == 200, link.body
    assert requests.get(link.body["url"], timeout=30).content == PDF_BYTES
    handled = stack.admin().post(f"/dossiers/{dossier_id}/messages/{listed['id']}/handled")
    assert handled.status == 200 and handled.body["handled"] is True


def test_the_eicar_file_is_refused_with_a_clear_message(stack) -> None:
    client, _, dossier_id = client_with_dossier(stack)
    offered = offer(client, dossier_id, EICAR, file_name="eicar.txt", content_type="text/plain")
    assert post_file(offered, EICAR).status_code in (200, 204)
    refused = client.post(f"/api/dossiers/{dossier_id}/attachments/{offered['upload_id']}/check")
    assert refused.status_code == 422 and refused.json()["code"] == "upload_infected"
    assert "virus" in refused.json()["message"]


def test_a_second_send_with_the_same_idempotency_key_creates_nothing_new(stack) -> None:
    client, _, dossier_id = client_with_dossier(stack)
    body = {"subject": "Vraag", "body": "Wanneer passeren we?", "attachments": [], "idempotency_key": uuid.uuid4().hex}
    first = client.post(f"/api/dossiers/{dossier_id}/messages", body)
    second = client.post(f"/api/dossiers/{dossier_id}/messages", body)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert len(messages(stack, dossier_id)) == 1


def test_twenty_parallel_identical_sends_create_one_message(stack) -> None:
    client, _, dossier_id = client_with_dossier(stack)
    checked = checked_upload(client, dossier_id)
    body = {"subject": "Dubbelklik", "body": "Eén bericht, hoe vaak ik ook klik.", "attachments": [checked["upload_id"]],
            "idempotency_key": uuid.uuid4().hex}
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: client.post(f"/api/dossiers/{dossier_id}/messages", body), range(20)))
    assert {a.status_code for a in answers} == {201}, [a.text for a in answers if a.status_code != 201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert len(messages(stack, dossier_id)) == 1
    page = client.get(f"/api/dossiers/{dossier_id}").json()
    assert page["tabs"]["messages"]["count"] == 1 and page["tabs"]["supplied"]["count"] == 1


def test_a_client_cannot_attach_another_clients_upload(stack) -> None:
    jan, _, dossier_id = client_with_dossier(stack)
    piet, _, other_dossier = client_with_dossier(stack, name="Piet Bericht")
    theirs = checked_upload(piet, other_dossier)
    refused = jan.post(f"/api/dossiers/{dossier_id}/messages", {
        "subject": "Niet van mij", "body": "Toch proberen.", "attachments": [theirs["upload_id"]],
        "idempotency_key": uuid.uuid4().hex,
    })
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    assert jan.post(f"/api/dossiers/{other_dossier}/attachments/{theirs['upload_id']}/check").status_code == 404


def test_an_office_message_is_read_once_and_the_unread_count_drops(stack) -> None:
    client, account, dossier_id = client_with_dossier(stack)
    sent = stack.admin().post(f"/dossiers/{dossier_id}/messages", {
        "to": account["id"], "subject": "Concept akte", "body": "Graag uw reactie.", "idempotency_key": uuid.uuid4().hex,
    })
    assert sent.status == 201, sent.body
    assert client.get(f"/api/dossiers/{dossier_id}").json()["tabs"]["messages"] == {"count": 1, "unread": 1}
    opened = client.get(f"/api/dossiers/{dossier_id}/messages/{sent.body['id']}")
    assert opened.status_code == 200 and opened.json()["read"] is True
    assert client.get(f"/api/dossiers/{dossier_id}").json()["tabs"]["messages"] == {"count": 1, "unread": 0}
    assert messages(stack, dossier_id)[0]["read_by"] == account["id"]
