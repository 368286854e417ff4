"""Berichten: the list, opening a message, replies, and what staff see (manual 2.1.1.5)."""

from __future__ import annotations

from portal.messages import office

from tests.support.clients import active_account, call, new_dossier, session_headers
from tests.unit.messages_steps import (  # noqa: F401 - fixtures
    STAFF,
    client_in_dossier,
    dossiers_api_fixture,
    listed_unread_total,
    messages_api_fixture,
    office_message,
    pending_for,
    send,
    tabs,
)


def test_messages_are_listed_newest_first_incoming_and_outgoing(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    office_message(dossier["id"], jan, subject="Eerste")
    fake_clock.advance(minutes=1)
    assert send(messages_api, jan, dossier["id"], subject="Tweede")[0] == 201
    fake_clock.advance(minutes=1)
    office_message(dossier["id"], jan, subject="Derde")
    status, page = call(messages_api, "GET", f"/api/dossiers/{dossier['id']}/messages", session_headers(jan))
    assert status == 200
    assert [(m["subject"], m["direction"]) for m in page["items"]] == [
        ("Derde", "incoming"), ("Tweede", "outgoing"), ("Eerste", "incoming"),
    ]
    outgoing = page["items"][1]
    assert outgoing["to_name"] == "Notariskantoor Demo" and outgoing["from_name"] == jan.name and outgoing["read"]
    assert page["items"][0]["from_name"] == "Notariskantoor Demo" and not page["items"][0]["read"]


def test_the_list_pages_with_a_next_token(aws, fake_clock, messages_api) -> None:
    jan, piet = active_account(), active_account(name="Piet")
    dossier = new_dossier(jan, piet)
    for n in range(27):
        office_message(dossier["id"], jan, subject=f"Bericht {n:02d}")
        fake_clock.advance(seconds=1)
    path = f"/api/dossiers/{dossier['id']}/messages"
    _, first = call(messages_api, "GET", path, session_headers(jan))
    assert len(first["items"]) == 25 and first["items"][0]["subject"] == "Bericht 26" and first["next_token"]
    _, second = call(messages_api, "GET", path, session_headers(jan), query={"next_token": first["next_token"]})
    assert [m["subject"] for m in second["items"]] == ["Bericht 01", "Bericht 00"]
    # A token pointing into another party's thread of the same dossier is refused, not followed.
    status, body = call(messages_api, "GET", path, session_headers(piet), query={"next_token": first["next_token"]})
    assert (status, body["code"]) == (422, "next_token_invalid")


def test_opening_a_message_marks_it_read_and_the_unread_counts_drop_at_once(
    aws, fake_clock, messages_api, dossiers_api
) -> None:
    jan, dossier = client_in_dossier()
    first = office_message(dossier["id"], jan, subject="Concept akte")
    office_message(dossier["id"], jan, subject="Volmacht")
    assert tabs(dossiers_api, jan, dossier["id"])["tabs"]["messages"] == {"count": 2, "unread": 2}
    assert listed_unread_total(dossiers_api, jan, dossier["id"]) == 2

    status, opened = call(messages_api, "GET", f"/api/dossiers/{dossier['id']}/messages/{first['id']}", session_headers(jan))
    assert status == 200 and opened["read"] and opened["body"] == "Zie bijlage."
    assert tabs(dossiers_api, jan, dossier["id"])["tabs"]["messages"] == {"count": 2, "unread": 1}
    assert listed_unread_total(dossiers_api, jan, dossier["id"]) == 1
    # Opening it again changes nothing.
    call(messages_api, "GET", f"/api/dossiers/{dossier['id']}/messages/{first['id']}", session_headers(jan))
    assert tabs(dossiers_api, jan, dossier["id"])["tabs"]["messages"]["unread"] == 1
    staff_view = office.show(dossier["id"], first["id"])
    assert staff_view["read_at"] and staff_view["read_by"] == jan.id


def test_a_reply_is_linked_to_the_original_and_shows_it(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    original = office_message(dossier["id"], jan, subject="Concept akte", body="Graag uw reactie.")
    status, reply = send(messages_api, jan, dossier["id"], subject="Re: Concept akte", body="Akkoord.",
                         in_reply_to=original["id"])
    assert status == 201
    assert reply["in_reply_to"] == original["id"]
    assert reply["original"]["subject"] == "Concept akte" and reply["original"]["body"] == "Graag uw reactie."
    _, opened = call(messages_api, "GET", f"/api/dossiers/{dossier['id']}/messages/{reply['id']}", session_headers(jan))
    assert opened["original"]["id"] == original["id"] and opened["original"]["direction"] == "incoming"


def test_a_reply_to_a_message_of_another_client_is_not_found(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    piet = active_account(name="Piet")
    other = new_dossier(piet)
    theirs = office_message(other["id"], piet)
    status, body = send(messages_api, jan, dossier["id"], in_reply_to=theirs["id"])
    assert (status, body["code"]) == (404, "not_found")


def test_another_client_cannot_open_or_list_my_messages(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    mine = office_message(dossier["id"], jan)
    piet = active_account(name="Piet")
    for path in (f"/api/dossiers/{dossier['id']}/messages", f"/api/dossiers/{dossier['id']}/messages/{mine['id']}"):
        status, body = call(messages_api, "GET", path, session_headers(piet))
        assert (status, body["code"]) == (404, "not_found")


def test_a_message_from_the_office_notifies_every_account_of_the_party(aws, fake_clock, dossiers_api) -> None:
    main = active_account(name="Petra Zoet", kind="company_main", company="Bakkerij Zoet B.V.")
    extra = active_account(name="Ahmed", kind="company_extra", party_id=main.id, company="Bakkerij Zoet B.V.")
    dossier = new_dossier(main)
    office_message(dossier["id"], extra, subject="Volmacht")  # addressed to one, seen by the whole party
    assert [p.kind for p in pending_for(main.id)] == ["message"]
    assert [p.kind for p in pending_for(extra.id)] == ["message"]
    assert pending_for("STAFF") == []
    assert tabs(dossiers_api, main, dossier["id"])["tabs"]["messages"] == {"count": 1, "unread": 1}


def test_staff_list_shows_every_party_with_read_status_and_handled_flag(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    incoming = office_message(dossier["id"], jan, subject="Vraag")
    fake_clock.advance(minutes=1)
    _, outgoing = send(messages_api, jan, dossier["id"], subject="Antwoord")
    listing = office.list_messages(dossier["id"])
    assert [(m["subject"], m["handled"]) for m in listing["items"]] == [("Antwoord", False), ("Vraag", False)]
    assert listing["items"][1]["read_at"] is None
    handled = office.mark_handled(dossier["id"], outgoing["id"], **STAFF)
    assert handled["handled"] and handled["handled_by"] == STAFF["actor"]
    assert office.mark_handled(dossier["id"], outgoing["id"], **STAFF)["handled_at"] == handled["handled_at"]
    from portal.platform.errors import Conflict

    try:
        office.mark_handled(dossier["id"], incoming["id"], **STAFF)
    except Conflict as error:
        assert error.code == "message_not_from_client"
    else:
        raise AssertionError("an office message cannot be handled")
