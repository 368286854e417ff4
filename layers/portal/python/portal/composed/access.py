"""Granting and revoking a party's access to a dossier, as the admin API does it.

Revocation deletes the grant in one transaction, and takes the party's open questionnaires (and a
draft awaiting its approval) in the dossier out of its Acties in the same one: from the next request on, every read of the dossier
fails with 404. The party's views are removed afterwards; until then they are unreachable anyway,
because every client read checks the grant first. It lives here, above dossiers and
questionnaires, because questionnaires build on dossiers.
"""

from __future__ import annotations

from typing import Any

from portal.approvals import waiting
from portal.audit import trail
from portal.dossiers import registry, statuses
from portal.dossiers.access import clear_views, grant
from portal.dossiers.counters import change_dossier_counts
from portal.dossiers.models import Dossier, Grant, grant_sk, party_key
from portal.platform import clock
from portal.platform.db import transaction
from portal.platform.races import retry_lost_races
from portal.questionnaires.actions import open_in_dossier

__all__ = ["grant", "revoke"]


def revoke(dossier_id: str, account_id: str, *, actor: str, source_ip: str) -> dict[str, Any]:
    """Take the party's access away, at once. Revoking a party without access is a no-op."""
    party = registry.party_of(account_id, for_grant=False)
    revoked = False

    def attempt() -> None:
        nonlocal revoked
        dossier = registry.load(dossier_id)
        if party not in dossier.parties:
            return
        status = statuses.get(dossier.status)
        # The party's open questionnaires in this dossier leave its Acties with the access.
        still_open = open_in_dossier(dossier_id, party)
        audit = trail.entry("dossier_revoked", actor=actor, subject=dossier_id, source_ip=source_ip, party=party)
        with transaction() as write:
            write.update(
                dossier,
                actions=[Dossier.parties.set([p for p in dossier.parties if p != party]),
                         Dossier.updated_at.set(clock.now().isoformat())],
            )
            write.delete(Grant(pk=party_key(party), sk=grant_sk(dossier_id)), condition=Grant.pk.exists())
            change_dossier_counts(
                write, party, total=-1, in_progress=-int(status.in_progress), actions_open=-len(still_open),
                also=(waiting.removal(dossier_id),),  # a draft awaiting its approval leaves Acties too
            )
            for questionnaire in still_open:
                write.update(questionnaire, actions=[type(questionnaire).gsi2pk.remove(), type(questionnaire).gsi2sk.remove()])
            write.save(audit, condition=type(audit).pk.does_not_exist())
        revoked = True

    retry_lost_races(attempt)
    if revoked:
        clear_views(dossier_id, party)
    return registry.show(dossier_id)
