"""Issue 14, finding 9: an idempotent replay is answered only to a caller still allowed in the dossier.

The stored message must not come back (201) once the party's access was revoked: authorization
comes before the replay, so the answer is the one any unauthorised dossier access gets.
"""

from __future__ import annotations

from portal.dossiers import access

from tests.support.clients import new_dossier
from tests.unit.messages_steps import (  # noqa: F401 - fixtures
    client_in_dossier,
    messages_api_fixture,
    send,
)

WHO = {"actor": "staff-test", "source_ip": "192.0.2.1"}


def test_replaying_a_send_after_access_was_revoked_answers_as_any_unauthorised_access(
    aws, fake_clock, messages_api
) -> None:
    jan, dossier = client_in_dossier()
    status, sent = send(messages_api, jan, dossier["id"], key="sent-before-revoke")
    assert status == 201
    access.revoke(dossier["id"], jan.id, **WHO)

    replayed = send(messages_api, jan, dossier["id"], key="sent-before-revoke")

    never_granted = send(messages_api, jan, new_dossier()["id"], key="never-granted")
    assert never_granted[0] in (403, 404)
    assert (replayed[0], replayed[1]["code"]) == (never_granted[0], never_granted[1]["code"])
    assert sent["id"] not in str(replayed[1]) and sent["subject"] not in str(replayed[1])


def test_a_replay_while_access_holds_still_answers_the_stored_message(aws, fake_clock, messages_api) -> None:
    jan, dossier = client_in_dossier()
    first = send(messages_api, jan, dossier["id"], key="double-click")
    again = send(messages_api, jan, dossier["id"], key="double-click")
    assert (again[0], again[1]["id"]) == (201, first[1]["id"])
