"""Bidi overrides and other hidden format characters are refused where text is shown to others.

"factuur\u202efdp.exe" reads as "factuurexe.pdf"; isolates, zero-width spaces and line
separators hide or reorder text the same way. Names, message subjects, file names and the texts
staff show clients answer 422 ``hidden_characters`` (nl and en) instead (issue 14, hardening).
"""

from __future__ import annotations

import pytest
from portal.accounts import admin
from portal.files.names import attachment_disposition, clean_file_name
from portal.messages.text import clean_subject
from portal.platform.characters import first_hidden
from portal.platform.errors import Invalid
from portal.platform.messages import message_for

from tests.support.clients import call, session_headers
from tests.unit.conftest import STAFF
from tests.unit.messages_steps import (  # noqa: F401 - fixtures
    attachments_api_fixture,
    client_in_dossier,
    messages_api_fixture,
    send,
)

HIDDEN = [
    "\u202e",  # right-to-left override
    "\u202a", "\u202b", "\u202c", "\u202d",  # embeddings, pop, left-to-right override
    "\u2066", "\u2067", "\u2068", "\u2069",  # isolates
    "\u200e", "\u200f", "\u061c",  # directional marks
    "\u200b", "\u2060", "\ufeff", "\u00ad",  # zero-width space, word joiner, BOM, soft hyphen
    "\U000e0041",  # a tag character
    "\u2028", "\u2029",  # line and paragraph separators
]


@pytest.mark.parametrize("character", HIDDEN)
def test_every_kind_of_hidden_character_is_found(character: str) -> None:
    assert first_hidden(f"Akte{character}van levering") == character


def test_joiners_that_scripts_and_emoji_need_are_not_hidden() -> None:
    assert first_hidden("\U0001f468\u200d\U0001f469\u200d\U0001f467 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") is None


def test_the_code_has_a_dutch_and_an_english_text() -> None:
    assert "onzichtbare tekens" in message_for("hidden_characters", "nl")
    assert "invisible characters" in message_for("hidden_characters", "en")


@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u200b"])
def test_a_subject_with_a_hidden_character_is_refused(character: str) -> None:
    with pytest.raises(Invalid) as refused:
        clean_subject(f"Factuur {character}fdp.exe")
    assert refused.value.code == "hidden_characters"
    assert refused.value.detail["fields"] == [{"field": "subject", "type": "hidden_characters"}]


def test_a_subject_with_an_emoji_sequence_is_kept() -> None:
    family = "Gezin \U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_subject(family) == family


def test_a_file_name_with_a_bidi_override_is_refused_not_silently_changed() -> None:
    with pytest.raises(Invalid) as refused:
        clean_file_name("factuur\u202efdp.exe")
    assert refused.value.code == "hidden_characters"
    assert refused.value.detail["fields"] == [{"field": "file_name", "type": "hidden_characters"}]


def test_a_stored_name_still_gets_its_download_header() -> None:
    assert "fdp.exe" in attachment_disposition("factuur\u202efdp.exe")


def test_staff_names_and_company_names_with_hidden_characters_are_refused(aws, fake_clock) -> None:
    with pytest.raises(Invalid) as refused:
        admin.create_client(name="Anna\u202eJansen", email="anna@example.nl", **STAFF)
    assert refused.value.code == "hidden_characters"
    with pytest.raises(Invalid) as refused:
        admin.create_client(name="Anna", email="anna@example.nl", company="Bakkerij\u2067 Zoet", **STAFF)
    assert refused.value.code == "hidden_characters" and refused.value.detail["fields"][0]["field"] == "company"


def test_a_dossier_description_with_a_bidi_override_is_refused(aws, fake_clock) -> None:
    from portal.dossiers import registry

    with pytest.raises(Invalid) as refused:
        registry.create(number="2026.0001", description="Levering \u202eDorpsstraat", status=None, grant=[],
                        actor="staff", source_ip="192.0.2.1")
    assert refused.value.code == "hidden_characters"


def test_over_http_a_message_subject_with_a_bidi_override_is_422_in_the_callers_language(
    aws, fake_clock, messages_api
) -> None:
    jan, dossier = client_in_dossier()
    status, answer = send(messages_api, jan, dossier["id"], subject="Factuur \u202efdp.exe")
    assert (status, answer["code"]) == (422, "hidden_characters")
    assert answer["message"] == message_for("hidden_characters", jan.language)


def test_over_http_an_attachment_name_with_a_bidi_override_is_refused(aws, fake_clock, attachments_api) -> None:
    jan, dossier = client_in_dossier()
    status, answer = call(attachments_api, "POST", f"/api/dossiers/{dossier['id']}/attachments", session_headers(jan),
                          body={"file_name": "paspoort\u202efdp.exe", "content_type": "application/pdf", "size": 10})
    assert (status, answer["code"]) == (422, "hidden_characters")
