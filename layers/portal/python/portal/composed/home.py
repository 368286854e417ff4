"""What Home shows beside Me, in one answer: the signing appointments to come (appointments) and the
payment instructions (payments). One query each and one batch read of the party's grants for the
dossiers of both, so that Home stays at two requests (Me and this) and this at a constant number
of DynamoDB calls, whatever the number of dossiers."""

from __future__ import annotations

from typing import Any

from portal.accounts.sessions import Principal
from portal.appointments import viewing
from portal.dossiers.models import get_many, grant_sk, party_key
from portal.payments import reading

BATCH_LIMIT = 100  # DynamoDB's BatchGetItem takes at most 100 keys


def home(caller: Principal) -> dict[str, Any]:
    copies = viewing.upcoming_copies(caller)
    instructions = reading.home_candidates(caller)
    dossiers = list(dict.fromkeys([c.dossier_id for c in copies] + [i.dossier_id for i in instructions]))
    keys = [(party_key(caller.party_id), grant_sk(d)) for d in dossiers[:BATCH_LIMIT]]
    granted = {sk for _, sk in get_many(keys)} if keys else set()
    return {"appointments": viewing.upcoming_view(copies, granted), "payments": reading.home_view(instructions, granted)}
