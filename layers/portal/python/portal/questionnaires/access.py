"""Which questionnaire a caller may open: one sent to the caller's party, in a dossier the party
is still granted. Anything else, guessed or copied, is 404 exactly like an id that does not exist,
and the refusal is recorded in the caller's audit trail (the dossiers' rule, reused)."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from portal.accounts.sessions import Principal
from portal.dossiers.authorization import denied, grant_for
from portal.dossiers.models import Grant, is_id
from portal.platform.errors import NotFound
from portal.questionnaires.models import META, Questionnaire, questionnaire_key


def load(questionnaire_id: str) -> Questionnaire:
    """Any questionnaire by id, for staff; 404 ``questionnaire_not_found``."""
    if not is_id(questionnaire_id):
        raise NotFound("questionnaire_not_found")
    try:
        return Questionnaire.get(questionnaire_key(questionnaire_id), META, consistent_read=True)
    except DoesNotExist:
        raise NotFound("questionnaire_not_found") from None


def for_client(caller: Principal, questionnaire_id: str, *, source_ip: str) -> tuple[Questionnaire, Grant]:
    """The questionnaire and the party's grant on its dossier, or 404 ``not_found``.

    Party-level: every account of a company sees (and may fill in) what was sent to any of them.
    """
    try:
        found = load(questionnaire_id)
    except NotFound:
        raise denied(caller, source_ip, questionnaire=questionnaire_id) from None
    if found.party_id != caller.party_id:
        raise denied(caller, source_ip, questionnaire=questionnaire_id)
    return found, grant_for(caller, found.dossier_id, source_ip=source_ip)
