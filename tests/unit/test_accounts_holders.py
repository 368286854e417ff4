"""Address squatting (issue 14, finding 5): staff see who holds an address and can undo a claim.

A company can add anyone's address as its extra account before the office invites that person.
Staff's 409 names the holder; staff see which company created it, by whom, activated or not, and
can release a never-activated extra account or move it; all of it audited, none of it for an
account somebody already signed in to.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from portal.accounts import company, holders, sessions, signin, staff
from portal.accounts.lookup import by_email, by_id
from portal.audit import trail
from portal.platform.errors import Conflict, Invalid

from tests.unit.conftest import (
    PASSWORD,
    STAFF,
    LambdaContext,
    active_client,
    api_event,
    last_link,
    load_handler,
    mails,
)

IP = "192.0.2.10"


@pytest.fixture
def squatted(aws, fake_clock) -> dict[str, Any]:
    """Bakkerij Zoet's main account added Anna's address before the office invited her."""
    active_client("petra@bakkerij.example", name="Petra Zoet", company="Bakkerij Zoet B.V.")
    main = sessions.authenticate(signin.login("petra@bakkerij.example", PASSWORD, source_ip=IP).session_cookie)
    added = company.add_extra(main, "Anna Jansen", "anna@example.nl", PASSWORD, source_ip=IP)
    return {"main": main, "extra": added}


def test_staffs_409_names_the_holder(squatted) -> None:
    with pytest.raises(Conflict) as refused:
        staff.create_client(name="Anna Jansen", email="Anna@Example.nl", **STAFF)
    assert refused.value.code == "email_taken"
    holder = refused.value.detail["holder"]
    assert holder["account_id"] == squatted["extra"]["id"] and holder["kind"] == "company_extra"
    assert holder["company"]["name"] == "Bakkerij Zoet B.V."
    assert holder["company"]["main_account_email"] == "petra@bakkerij.example"
    assert holder["activated"] is False and holder["can_release_or_move"] is True


def test_staff_see_which_company_created_the_address_by_whom_and_that_it_was_never_activated(squatted) -> None:
    seen = holders.holder_of(" ANNA@example.nl ")
    assert seen["email"] == "anna@example.nl" and seen["held"] is True
    holder = seen["holder"]
    assert holder["created_by"] == squatted["main"].account_id  # the main account, not staff
    assert holder["company"]["main_account_id"] == squatted["main"].party_id
    assert holder["summary"] == (
        "held by an extra account of company 'Bakkerij Zoet B.V.' (Anna Jansen) added by the company itself; "
        "invited, never activated"
    )
    assert holders.holder_of("nobody@example.nl") == {"email": "nobody@example.nl", "held": False}


def test_releasing_frees_the_address_for_the_offices_own_invitation(squatted) -> None:
    released = holders.release(squatted["extra"]["id"], **STAFF)
    assert released["released"] is True
    assert holders.holder_of("anna@example.nl")["held"] is False
    assert company.list_extra(squatted["main"]) == []
    created = staff.create_client(name="Anna Jansen", email="anna@example.nl", **STAFF)
    assert created["kind"] == "person" and by_email("anna@example.nl").id == created["id"]
    actions = [e["action"] for e in trail.history(squatted["extra"]["id"])]
    assert "account_released" in actions
    entry = next(e for e in trail.history(squatted["extra"]["id"]) if e["action"] == "account_released")
    assert entry["actor"] == STAFF["actor"] and entry["detail"]["company"] == squatted["main"].party_id


def test_the_old_invitation_dies_when_the_account_is_released(squatted) -> None:
    from portal.accounts import links
    from portal.platform.errors import Gone, NotFound

    token = last_link("anna@example.nl")
    holders.release(squatted["extra"]["id"], **STAFF)
    with pytest.raises((Gone, NotFound)):
        links.inspect(token, links.INVITATION)


def test_moving_to_an_own_account_takes_it_out_of_the_company(squatted) -> None:
    moved = staff.details(holders.move(squatted["extra"]["id"], None, **STAFF))
    assert (moved["kind"], moved["party_id"], moved["company_name"]) == ("person", moved["id"], None)
    assert company.list_extra(squatted["main"]) == []
    staff.resend_invitation(moved["id"], **STAFF)
    assert "Beste Anna Jansen" in mails("anna@example.nl")[-1]["text"]
    assert "Bakkerij" not in mails("anna@example.nl")[-1]["text"]  # the office's own invitation now
    assert any(e["action"] == "account_moved" for e in trail.history(moved["id"]))


def test_moving_to_another_company_and_its_invitation_names_that_company(squatted) -> None:
    active_client("sam@slager.example", name="Sam Slager", company="Slagerij Sam")
    sam = by_email("sam@slager.example")
    moved = staff.details(holders.move(squatted["extra"]["id"], sam.id, **STAFF))
    assert (moved["kind"], moved["party_id"], moved["company_name"]) == ("company_extra", sam.party_id, "Slagerij Sam")
    staff.resend_invitation(moved["id"], **STAFF)
    assert "Sam Slager van Slagerij Sam" in mails("anna@example.nl")[-1]["text"]


def test_moving_to_something_that_is_not_a_company_is_refused(squatted) -> None:
    with pytest.raises(Invalid) as refused:
        holders.move(squatted["extra"]["id"], "01JZZZZZZZZZZZZZZZZZZZZZZZ", **STAFF)
    assert refused.value.code == "company_not_found"
    person = active_client("jan@example.nl", name="Jan de Vries")
    with pytest.raises(Invalid):
        holders.move(squatted["extra"]["id"], person.id, **STAFF)


def test_an_activated_account_is_neither_released_nor_moved(squatted) -> None:
    from portal.accounts import activation, links

    links.request_password_link("anna@example.nl", last_link("anna@example.nl"), source_ip=IP)
    activation.set_password(last_link("anna@example.nl"), PASSWORD, source_ip=IP)
    assert holders.holder_of("anna@example.nl")["holder"]["activated"] is True
    with pytest.raises(Conflict) as refused:
        holders.release(squatted["extra"]["id"], **STAFF)
    assert refused.value.code == "account_already_activated"
    with pytest.raises(Conflict):
        holders.move(squatted["extra"]["id"], None, **STAFF)
    assert by_id(squatted["extra"]["id"]).status == "active"


def test_a_person_or_main_account_is_not_released(squatted) -> None:
    with pytest.raises(Conflict) as refused:
        holders.release(squatted["main"].account_id, **STAFF)
    assert refused.value.code == "account_not_extra"


def test_the_entry_a_company_made_for_someone_elses_address_is_never_invited_by_staff(aws, fake_clock) -> None:
    active_client("anna@example.nl", name="Anna Jansen")
    active_client("petra@bakkerij.example", name="Petra Zoet", company="Bakkerij Zoet B.V.")
    main = sessions.authenticate(signin.login("petra@bakkerij.example", PASSWORD, source_ip=IP).session_cookie)
    entry = company.add_extra(main, "Anna Jansen", "anna@example.nl", PASSWORD, source_ip=IP)
    with pytest.raises(Conflict) as refused:
        staff.resend_invitation(entry["id"], **STAFF)
    assert refused.value.code == "address_held_elsewhere"
    with pytest.raises(Conflict):
        holders.move(entry["id"], None, **STAFF)
    holders.release(entry["id"], **STAFF)  # releasing the entry leaves Anna's own account alone
    assert holders.holder_of("anna@example.nl")["holder"]["kind"] == "person"


# ---------------------------------------------------------------- admin API and portal-admin
def _admin_call(handler: Any, method: str, path: str, body: Any = None, query: dict | None = None) -> tuple[int, Any]:
    event = api_event(method, path, body=json.dumps(body) if body is not None else None, query=query)
    answer = handler.lambda_handler(event, LambdaContext())
    return answer["statusCode"], json.loads(answer["body"]) if answer.get("body") else None


def test_the_admin_api_shows_the_holder_and_releases_and_moves(squatted) -> None:
    handler = load_handler("admin/clients")
    status, seen = _admin_call(handler, "GET", "/admin/email-addresses", query={"email": "anna@example.nl"})
    assert status == 200 and seen["holder"]["company"]["name"] == "Bakkerij Zoet B.V."
    status, problem = _admin_call(handler, "POST", "/admin/clients", {"name": "Anna Jansen", "email": "anna@example.nl"})
    assert (status, problem["code"]) == (409, "email_taken") and problem["holder"]["kind"] == "company_extra"
    extra = squatted["extra"]["id"]
    status, moved = _admin_call(handler, "POST", f"/admin/clients/{extra}/move", {"company_account_id": None})
    assert status == 200 and moved["kind"] == "person"
    status, problem = _admin_call(handler, "POST", f"/admin/clients/{extra}/release")
    assert (status, problem["code"]) == (409, "account_not_extra")
    status, problem = _admin_call(handler, "GET", "/admin/email-addresses", query={"email": "\u0430nna@example.nl"})
    assert (status, problem["code"]) == (422, "email_not_ascii")


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def get(self, path: str, **query: Any) -> Any:
        self.calls.append(("GET", path, query))

    def post(self, path: str, body: Any = None) -> Any:
        self.calls.append(("POST", path, body))


@pytest.mark.parametrize(("argv", "call"), [
    (["clients", "holder", "anna@example.nl"], ("GET", "/email-addresses", {"email": "anna@example.nl"})),
    (["clients", "release", "X1"], ("POST", "/clients/X1/release", None)),
    (["clients", "move", "X1", "--to-own-account"], ("POST", "/clients/X1/move", {"company_account_id": None})),
    (["clients", "move", "X1", "--to-company", "M1"], ("POST", "/clients/X1/move", {"company_account_id": "M1"})),
])
def test_portal_admin_has_the_commands(argv: list[str], call: tuple) -> None:
    from portal_admin.cli import build_parser

    args = build_parser().parse_args(argv)
    recorder = _Recorder()
    args.func(recorder, args)
    assert recorder.calls == [call]


def test_portal_admin_move_needs_a_destination() -> None:
    from portal_admin.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["clients", "move", "X1"])
