"""Issue 20: a published document or payment instruction a client has not opened in N days (the
template's UnopenedReminderDays, 5 by default) enters the office inbox, made by the digest job."""

from __future__ import annotations

from portal.activity import unopened
from portal.activity.models import Activity
from portal.payments import instructions

from tests.support.clients import active_account, call, new_dossier, publish_file, session_headers
from tests.unit.conftest import LambdaContext, load_handler
from tests.unit.messages_steps import client_in_dossier, downloads_api_fixture  # noqa: F401 - fixtures
from tests.unit.test_payments import ALICE, ESCROW_IBAN, TERMS, published


def entries(kind: str) -> list[Activity]:
    return [i for i in Activity.scan() if i.pk.startswith("ACTIVITY#") and i.kind == kind]


def test_a_document_not_opened_for_five_days_enters_the_inbox_once(aws, fake_clock, downloads_api) -> None:
    jan, piet = active_account(), active_account(name="Piet Bakker")
    dossier = new_dossier(jan, piet)
    document = publish_file(dossier["id"])
    status, _ = call(downloads_api, "POST", f"/api/dossiers/{dossier['id']}/items/{document['id']}/download",
                     session_headers(jan))
    assert status == 200
    fake_clock.advance(days=4, hours=23)
    assert unopened.announce_due() == 0
    fake_clock.advance(hours=2)
    assert unopened.announce_due() == 1  # Piet's party; Jan opened it
    assert unopened.announce_due() == 0  # the watch is gone: never twice
    [entry] = entries("document_not_opened")
    assert (entry.party_id, entry.refs.as_dict()) == (piet.party_id, {"document_id": document["id"]})


def test_a_payment_instruction_not_opened_enters_the_inbox_and_an_opened_one_does_not(aws, fake_clock) -> None:
    client_api = load_handler("client/payments")
    jan, _ = client_in_dossier()
    anna, _ = client_in_dossier(name="Anna")
    _, instruction = published(jan)
    dossier_b = new_dossier(anna)
    opened = instructions.publish(dossier_b["id"], anna.id, iban=ESCROW_IBAN, **TERMS, **ALICE)
    path = f"/api/dossiers/{dossier_b['id']}/payments/{opened['id']}/opened"
    assert call(client_api, "POST", path, session_headers(anna), body={"version": 1})[0] == 204
    fake_clock.advance(days=6)
    # The digest job makes it, under its own role (template.yaml's policy, enforced here).
    load_handler("jobs/digest").lambda_handler({}, LambdaContext("DigestFunction", 300))
    assert unopened.announce_due() == 0
    [entry] = entries("payment_instruction_not_opened")
    assert (entry.party_id, entry.refs.as_dict()) == (jan.party_id, {"instruction_id": instruction["id"]})
