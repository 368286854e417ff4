"""Issue 20 against the local stack: a client's message reaches the office inbox (portal-admin inbox)
and, through the table's stream and EventsFunction, /_dev/events as a MessageReceived event."""

from __future__ import annotations

import uuid

import requests

from tests.integration.test_messages_cli import portal_admin
from tests.support.clients import logged_in_client


def test_a_clients_message_is_in_the_inbox_and_on_the_bus_and_staff_handle_it(stack) -> None:
    client, account = logged_in_client(stack, name="Inge Inbox")
    dossier = portal_admin(stack, "dossiers", "create", "--number", f"CLI-I-{uuid.uuid4().hex[:6]}",
                           "--description", "Levering Inboxstraat 1", "--grant", account["id"])
    sent = client.post(f"/api/dossiers/{dossier['id']}/messages", {
        "subject": "Vraag over de akte", "body": "Mag de datum later?", "idempotency_key": uuid.uuid4().hex,
    })
    assert sent.status_code == 201, sent.text

    listed = portal_admin(stack, "inbox", "list", "--dossier", dossier["id"], "--open")
    [item] = listed["items"]
    assert (item["kind"], item["refs"]["message_id"], item["party_id"]) == (
        "message_received", sent.json()["id"], account["party_id"])

    events = requests.get(stack.url + "/_dev/events", timeout=30).json()
    mine = [e for e in events if e["detail"]["id"] == item["id"]]
    assert [(e["source"], e["detail-type"]) for e in mine] == [("notary.portal", "MessageReceived")]
    assert {"id", "detail-type", "time", "detail"} <= set(mine[0])
    assert "Mag de datum" not in str(events)
    assert item["id"] in requests.get(stack.url + "/_dev/mailbox", timeout=30).text

    assigned = portal_admin(stack, "inbox", "assign", item["id"], "notaris-b")
    assert assigned["assigned_to"] == "notaris-b"
    handled = portal_admin(stack, "inbox", "handle", item["id"])
    assert handled["state"] == "handled" and handled["handled_by"]
    assert portal_admin(stack, "inbox", "list", "--dossier", dossier["id"], "--open")["items"] == []
    assert [i["id"] for i in portal_admin(stack, "inbox", "list", "--client", account["party_id"])["items"]] == [item["id"]]
