"""The activity item: ``ACTIVITY#<ulid> / ACTIVITY``, one per client action.

Keys (docs/architecture.md): the item's own key never changes (the table's stream publishes its
INSERT once). The inbox's lists are one Query each on an index whose partition names the state,
``OPEN`` until a staff identity marks it handled, then ``HANDLED`` (the three keys move together):

- gsi1 ``INBOX#<state>`` / ``<ulid>``: the whole office
- gsi2 ``INBOX#DOSSIER#<dossier>#<state>`` / ``<ulid>``: one dossier
- gsi3 ``INBOX#PARTY#<party>#<state>`` / ``<ulid>``: one client

So "not handled" is a Query on its own partition, never a filter; a list of both states merges
two Queries (two calls a page, whatever the office's size).
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import MapAttribute, UnicodeAttribute

from portal.platform.db import Gsi1, Gsi2, Gsi3, PortalModel

OPEN, HANDLED = "OPEN", "HANDLED"
STATES = (OPEN, HANDLED)
SORT_KEY = "ACTIVITY"

# kind (the inbox's filter, snake case) -> the event's detail-type
MESSAGE_RECEIVED = "message_received"
FILE_SUPPLIED = "file_supplied"
QUESTIONNAIRE_COMPLETED = "questionnaire_completed"
DOCUMENT_OPENED = "document_opened"
PAYMENT_INSTRUCTION_OPENED = "payment_instruction_opened"
DRAFT_APPROVED = "draft_approved"
DRAFT_QUESTION_ASKED = "draft_question_asked"
# Made by the digest job, not by a client: a published item not opened for N days (activity/unopened.py).
DOCUMENT_NOT_OPENED = "document_not_opened"
PAYMENT_INSTRUCTION_NOT_OPENED = "payment_instruction_not_opened"
DETAIL_TYPES = {
    MESSAGE_RECEIVED: "MessageReceived",
    FILE_SUPPLIED: "FileSupplied",
    QUESTIONNAIRE_COMPLETED: "QuestionnaireCompleted",
    DOCUMENT_OPENED: "DocumentOpened",
    PAYMENT_INSTRUCTION_OPENED: "PaymentInstructionOpened",
    DRAFT_APPROVED: "DraftApproved",
    DRAFT_QUESTION_ASKED: "DraftQuestionAsked",
    DOCUMENT_NOT_OPENED: "DocumentNotOpened",
    PAYMENT_INSTRUCTION_NOT_OPENED: "PaymentInstructionNotOpened",
}
KINDS = tuple(DETAIL_TYPES)


class Activity(PortalModel):
    id = UnicodeAttribute()
    kind = UnicodeAttribute()
    dossier_id = UnicodeAttribute()
    party_id = UnicodeAttribute()
    account_id = UnicodeAttribute()
    at = UnicodeAttribute()
    # Ids and short facts only (message id, attachment id, version): never content or personal data.
    refs = MapAttribute[str, Any](default=dict)
    handled_at = UnicodeAttribute(null=True)
    handled_by = UnicodeAttribute(null=True)
    assigned_to = UnicodeAttribute(null=True)
    assigned_at = UnicodeAttribute(null=True)
    assigned_by = UnicodeAttribute(null=True)
    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute()
    gsi2sk = UnicodeAttribute()
    gsi3pk = UnicodeAttribute()
    gsi3sk = UnicodeAttribute()
    by_state = Gsi1()
    by_dossier = Gsi2()
    by_party = Gsi3()


def activity_key(activity_id: str) -> str:
    return f"ACTIVITY#{activity_id}"


def state_partition(state: str) -> str:
    return f"INBOX#{state}"


def dossier_partition(dossier_id: str, state: str) -> str:
    return f"INBOX#DOSSIER#{dossier_id}#{state}"


def party_partition(party_id: str, state: str) -> str:
    return f"INBOX#PARTY#{party_id}#{state}"


def partitions(dossier_id: str, party_id: str, state: str) -> dict[str, str]:
    return {
        "gsi1pk": state_partition(state), "gsi2pk": dossier_partition(dossier_id, state),
        "gsi3pk": party_partition(party_id, state),
    }
