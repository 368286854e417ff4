"""Shared steps for the questionnaire tests (no tests here): staff send the will intake, a client fills it in."""

from __future__ import annotations

from typing import Any

from portal.questionnaires import staff, templates

from tests.support.clients import call, new_dossier, session_headers

WHO = {"actor": "arn:aws:iam::123456789012:user/staff", "source_ip": "192.0.2.1"}

# A valid set of answers to the shipped will intake, page by page, with names that need Unicode.
TESTAMENT_PAGES: dict[int, dict[str, Any]] = {
    1: {
        "first_names": "Łukasz Jan", "surname": "Özdemir", "birth_date": "1980-03-12", "birth_place": "Gdańsk",
        "bsn": "111222333", "nationality": "Nederlandse", "street": "Dorpsstraat 1", "postcode_city": "3512 AB Utrecht",
        "email": "lukasz@example.nl", "phone": "06 12345678",
    },
    2: {"has_partner": True, "partner_relationship": "married", "partner_first_names": "Zoë", "partner_surname": "Özdemir-Bakker",
        "partner_birth_date": "1982-07-01", "prenuptial_agreement": False, "previous_marriages": False},
    3: {"has_children": True, "children": [
        {"first_names": "Zoë Anna", "surname": "Özdemir", "birth_date": "2010-05-01", "relation": "own", "deceased": False},
        {"first_names": "Mateusz", "surname": "Özdemir", "birth_date": "2012-09-30", "relation": "own", "deceased": False},
    ]},
    4: {"heirs": "partner_first", "executor": True, "executor_name": "Zoë Özdemir-Bakker", "guardian": False,
        "topics": ["funeral"], "estate_value": "450.000,00", "remarks": "Graag een afspraak op dinsdag."},
}


def send_testament(account: Any, *, dossier: dict[str, Any] | None = None, **extra: Any) -> tuple[dict, dict]:
    """(dossier, questionnaire): the will intake sent to the account in a dossier of theirs."""
    dossier = dossier or new_dossier(account, description="Testament")
    templates.create(templates.shipped("testament"), actor=WHO["actor"])
    sent = staff.send(dossier_id=dossier["id"], account_id=account.id, template_id="testament", **extra, **WHO)
    return dossier, sent


def open_q(api: Any, headers: dict[str, str], questionnaire_id: str) -> tuple[int, Any]:
    return call(api, "GET", f"/api/questionnaires/{questionnaire_id}", headers)


def save(api: Any, headers: dict[str, str], questionnaire_id: str, page: int, answers: dict, version: int) -> tuple[int, Any]:
    return call(api, "PUT", f"/api/questionnaires/{questionnaire_id}/pages/{page}", headers,
                body={"answers": answers, "version": version})


def fill_all(api: Any, headers: dict[str, str], questionnaire_id: str, pages: dict[int, dict] | None = None) -> int:
    """Save every page in order ("Volgende" each time); the version after the last save."""
    version = open_q(api, headers, questionnaire_id)[1]["version"]
    for number, answers in (pages or TESTAMENT_PAGES).items():
        status, body = save(api, headers, questionnaire_id, number, answers, version)
        assert status == 200, body
        version = body["version"]
    return version


def headers_for(account: Any) -> dict[str, str]:
    return session_headers(account)
