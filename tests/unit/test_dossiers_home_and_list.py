"""Home's Dossiers tile and the dossier list: counts, search ("Zoek"), filter ("Filter"), one dossier."""

from __future__ import annotations

import pytest
from portal.composed import access
from portal.dossiers import registry, statuses
from portal.dossiers.counters import for_party

from tests.support.clients import active_account, call, new_dossier, session_headers
from tests.unit.conftest import load_handler

WHO = {"actor": "staff-test", "source_ip": "192.0.2.1"}


@pytest.fixture(scope="module")
def dossiers_api():
    return load_handler("client/dossiers")


@pytest.fixture(scope="module")
def me_api():
    return load_handler("client/me")


def counts(account) -> tuple[int, int]:
    found = for_party(account.party_id)
    return found["dossiers_in_progress"], found["dossiers_total"]


def test_home_counts_dossiers_in_progress_and_in_all(aws, fake_clock, me_api) -> None:
    jan = active_account()
    new_dossier(jan, number="2026.0123")
    new_dossier(jan, number="2025.0412")
    new_dossier(jan, number="2026.0087", status="afgerond")
    status, me = call(me_api, "GET", "/api/me", session_headers(jan))
    assert status == 200
    assert me["counts"]["dossiers_in_progress"] == 2 and me["counts"]["dossiers_total"] == 3


def test_home_counts_follow_grant_and_revoke(aws, fake_clock) -> None:
    jan, other = active_account(), active_account(name="Piet")
    dossier = new_dossier(other)
    assert counts(jan) == (0, 0)
    access.grant(dossier["id"], jan.id, **WHO)
    assert counts(jan) == (1, 1)
    access.grant(dossier["id"], jan.id, **WHO)  # granting twice changes nothing
    assert counts(jan) == (1, 1)
    access.revoke(dossier["id"], jan.id, **WHO)
    assert counts(jan) == (0, 0)
    assert counts(other) == (1, 1)


def test_home_counts_follow_a_status_change(aws, fake_clock) -> None:
    buyer, seller = active_account(name="Koper"), active_account(name="Verkoper")
    dossier = new_dossier(buyer, seller)
    registry.update(dossier["id"], status="afgerond", **WHO)
    assert counts(buyer) == (0, 1) and counts(seller) == (0, 1)
    registry.update(dossier["id"], status="in_behandeling", **WHO)
    assert counts(buyer) == (1, 1)
    registry.update(dossier["id"], description="Levering Kerkstraat 2", **WHO)  # no status change: no count change
    assert counts(buyer) == (1, 1)


def test_a_new_office_status_counts_as_in_progress_when_flagged(aws, fake_clock, dossiers_api) -> None:
    statuses.add("wacht_op_stukken", "Wacht op stukken", "Awaiting documents", True)
    jan = active_account()
    dossier = new_dossier(jan, status="afgerond")
    registry.update(dossier["id"], status="wacht_op_stukken", **WHO)
    assert counts(jan) == (1, 1)
    _, listing = call(dossiers_api, "GET", "/api/dossiers", session_headers(jan))
    assert listing["items"][0]["status_label"] == "Wacht op stukken"


def test_search_finds_a_dossier_by_number_or_description_ignoring_case(aws, fake_clock, dossiers_api) -> None:
    jan = active_account()
    new_dossier(jan, number="2026.0123", description="Levering Dorpsstraat 1 Utrecht")
    new_dossier(jan, number="2026.0087", description="Testament")
    new_dossier(jan, number="2025.0412", description="Hypotheekakte")
    headers = session_headers(jan)
    _, by_number = call(dossiers_api, "GET", "/api/dossiers", headers, query={"q": "0087"})
    assert [d["description"] for d in by_number["items"]] == ["Testament"]
    _, by_description = call(dossiers_api, "GET", "/api/dossiers", headers, query={"q": "dorpsSTRAAT"})
    assert [d["number"] for d in by_description["items"]] == ["2026.0123"]
    _, nothing = call(dossiers_api, "GET", "/api/dossiers", headers, query={"q": "Kerkstraat"})
    assert nothing["items"] == [] and nothing["total"] == 3


def test_all_dossiers_are_shown_by_default_newest_number_first(aws, fake_clock, dossiers_api) -> None:
    jan = active_account()
    for number in ("2025.0412", "2026.0123", "2026.0087"):
        new_dossier(jan, number=number)
    _, listing = call(dossiers_api, "GET", "/api/dossiers", session_headers(jan))
    assert [d["number"] for d in listing["items"]] == ["2026.0123", "2026.0087", "2025.0412"]


def test_status_filter_shows_only_the_ticked_statuses(aws, fake_clock, dossiers_api) -> None:
    jan = active_account()
    new_dossier(jan, number="2026.0123")
    new_dossier(jan, number="2026.0087", status="afgerond")
    new_dossier(jan, number="2025.0412", status="geannuleerd")
    headers = session_headers(jan)
    _, done = call(dossiers_api, "GET", "/api/dossiers", headers, query={"status": "afgerond"})
    assert [d["number"] for d in done["items"]] == ["2026.0087"]
    _, two = call(dossiers_api, "GET", "/api/dossiers", headers, query={"status": "afgerond,geannuleerd"})
    assert [d["number"] for d in two["items"]] == ["2026.0087", "2025.0412"]


def test_the_filter_offers_the_statuses_present_so_one_status_means_no_filter(aws, fake_clock, dossiers_api) -> None:
    jan = active_account(language="en")
    new_dossier(jan, number="2026.0123")
    new_dossier(jan, number="2025.0412")
    _, listing = call(dossiers_api, "GET", "/api/dossiers", session_headers(jan))
    assert [(s["key"], s["label"], s["count"]) for s in listing["statuses"]] == [("in_behandeling", "In progress", 2)]
    new_dossier(jan, number="2026.0087", status="afgerond")
    _, listing = call(dossiers_api, "GET", "/api/dossiers", session_headers(jan))
    assert [s["key"] for s in listing["statuses"]] == ["in_behandeling", "afgerond"]


def test_one_dossier_can_be_opened_at_once_from_the_list_answer(aws, fake_clock, dossiers_api) -> None:
    company = active_account(name="Petra Zoet", kind="company_main", company="Bakkerij Zoet B.V.")
    dossier = new_dossier(company, number="2026.0200", description="Oprichting B.V.")
    _, listing = call(dossiers_api, "GET", "/api/dossiers", session_headers(company))
    assert listing["total"] == 1 and listing["items"][0]["id"] == dossier["id"]


def test_the_list_pages_by_25(aws, fake_clock, dossiers_api) -> None:
    jan = active_account()
    for n in range(30):
        new_dossier(jan, number=f"2026.{n:04d}")
    headers = session_headers(jan)
    _, first = call(dossiers_api, "GET", "/api/dossiers", headers)
    assert len(first["items"]) == 25 and first["next_token"]
    _, second = call(dossiers_api, "GET", "/api/dossiers", headers, query={"next_token": first["next_token"]})
    assert [d["number"] for d in second["items"]] == [f"2026.{n:04d}" for n in range(4, -1, -1)]
    assert second["next_token"] is None


def test_a_companys_extra_account_sees_the_companys_dossiers(aws, fake_clock, dossiers_api) -> None:
    main = active_account(name="Petra Zoet", kind="company_main", company="Bakkerij Zoet B.V.")
    extra = active_account(name="Ahmed", kind="company_extra", party_id=main.id, company="Bakkerij Zoet B.V.")
    dossier = new_dossier(main, number="2026.0200")
    _, listing = call(dossiers_api, "GET", "/api/dossiers", session_headers(extra))
    assert [d["id"] for d in listing["items"]] == [dossier["id"]]
    status, page = call(dossiers_api, "GET", f"/api/dossiers/{dossier['id']}", session_headers(extra))
    assert status == 200 and page["number"] == "2026.0200"


def test_granting_an_extra_account_grants_its_company(aws, fake_clock) -> None:
    main = active_account(name="Petra Zoet", kind="company_main", company="Bakkerij Zoet B.V.")
    extra = active_account(name="Ahmed", kind="company_extra", party_id=main.id, company="Bakkerij Zoet B.V.")
    dossier = new_dossier(extra, main)  # two accounts of one company: one party, counted once
    assert [p["party_id"] for p in dossier["parties"]] == [main.id]
    assert counts(main) == (1, 1)


def test_the_list_needs_a_session(aws, fake_clock, dossiers_api) -> None:
    status, body = call(dossiers_api, "GET", "/api/dossiers")
    assert status == 401 and body["code"] == "not_authenticated"
