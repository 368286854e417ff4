"""Pending notifications and each recipient's digest state.

``NOTIFY#<recipient> / <ulid>``: one piece of news for one recipient (an account id, or ``STAFF``
for the office). Only pending items carry ``gsi2pk = NOTIFY#PENDING`` (sk ``<recipient>#<ulid>``),
so the digest reads what is pending and nothing else: its cost grows with the news, not with the
number of accounts. ``NOTIFYSTATE#<recipient> / META`` holds the watermark (the newest ulid
already mailed, with the exact ids of that batch) and the lease a run holds while it mails.
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UnicodeSetAttribute

from portal.platform.db import Gsi2, PortalModel

PENDING = "NOTIFY#PENDING"
STAFF = "STAFF"
DOCUMENT, QUESTIONNAIRE, MESSAGE = "document", "questionnaire", "message"
CLIENT_MESSAGE, QUESTIONNAIRE_COMPLETED = "client_message", "questionnaire_completed"
# A payment instruction waiting (issue 18): always mailed, it cannot be switched off, and the
# e-mail names only the dossier, never an account number or an amount.
PAYMENT = "payment"
KINDS = (DOCUMENT, QUESTIONNAIRE, MESSAGE, CLIENT_MESSAGE, QUESTIONNAIRE_COMPLETED, PAYMENT)


class PendingNotification(PortalModel):
    recipient = UnicodeAttribute()
    kind = UnicodeAttribute()
    dossier_id = UnicodeAttribute()
    # Only the dossier's number and description: never the content of a document or message.
    dossier_label = UnicodeAttribute()
    created_at = UnicodeAttribute()
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    pending = Gsi2()
    # What the news is about (a questionnaire's id), where the digest checks it is still news.
    item_id = UnicodeAttribute(null=True)


def news_key(recipient: str) -> str:
    return f"NOTIFY#{recipient}"


def state_key(recipient: str) -> str:
    return f"NOTIFYSTATE#{recipient}"


class DigestState(PortalModel):
    watermark = UnicodeAttribute(default="")
    # The ulids of the last batch mailed: exact, so news written in the same millisecond as the
    # newest item mailed is never mistaken for sent (ulids of one millisecond are not ordered).
    sent_ids = UnicodeSetAttribute(null=True)
    lease_until = NumberAttribute(null=True)
    lease_owner = UnicodeAttribute(null=True)
    last_sent_at = UnicodeAttribute(null=True)
