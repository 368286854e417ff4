"""Recording news: call these and add the returned items to the SAME TransactWrite as the item the
news is about (a published document, a sent questionnaire, a message), so nothing is lost if a later
step fails and nothing is announced that was not written.

    with transaction() as write:
        write.save(document)
        for pending in events.for_parties(parties, kind=events.DOCUMENT, dossier_id=..., dossier_label=...):
            write.save(pending)
"""

from __future__ import annotations

from collections.abc import Iterable

from portal.accounts.lookup import by_id
from portal.accounts.models import ACTIVE, COMPANY_EXTRA, COMPANY_MAIN, INVITED, Account, company_key
from portal.notifications.models import (
    CLIENT_MESSAGE,
    DOCUMENT,
    MESSAGE,
    PENDING,
    QUESTIONNAIRE,
    QUESTIONNAIRE_COMPLETED,
    STAFF,
    PendingNotification,
    news_key,
)
from portal.platform import clock, ids
from portal.platform.errors import NotFound

__all__ = ["for_parties", "for_staff", "DOCUMENT", "QUESTIONNAIRE", "MESSAGE", "CLIENT_MESSAGE", "QUESTIONNAIRE_COMPLETED"]


def _item(recipient: str, kind: str, dossier_id: str, dossier_label: str, item_id: str | None = None) -> PendingNotification:
    ulid = ids.new_id()
    return PendingNotification(
        pk=news_key(recipient), sk=ulid, recipient=recipient, kind=kind, dossier_id=dossier_id,
        dossier_label=dossier_label[:200], created_at=clock.now().isoformat(), gsi2pk=PENDING, gsi2sk=f"{recipient}#{ulid}",
        item_id=item_id,
    )


def accounts_of_party(party_id: str, statuses: tuple[str, ...] = (ACTIVE, INVITED)) -> list[str]:
    """Every live account that sees a party's dossiers: the person, or a company's main and extras."""
    try:
        head = by_id(party_id)
    except NotFound:
        return []
    if head.kind != COMPANY_MAIN:
        return [head.id] if head.status in statuses else []
    members = Account.company_members.query(company_key(party_id))
    return [a.id for a in members if a.kind in (COMPANY_MAIN, COMPANY_EXTRA) and a.status in statuses]


def for_parties(party_ids: Iterable[str], *, kind: str, dossier_id: str, dossier_label: str,
                item_id: str | None = None) -> list[PendingNotification]:
    """One pending notification per activated account that can see the item. An account still
    only invited gets none: what was published before the client activated it is there at the
    first login, not news in a digest after it (issue 16.8)."""
    recipients: list[str] = []
    for party_id in dict.fromkeys(party_ids):
        recipients.extend(accounts_of_party(party_id, statuses=(ACTIVE,)))
    return [_item(r, kind, dossier_id, dossier_label, item_id) for r in dict.fromkeys(recipients)]


def for_staff(*, kind: str, dossier_id: str, dossier_label: str) -> list[PendingNotification]:
    """News for the office's own address (a client's message, a completed questionnaire)."""
    return [_item(STAFF, kind, dossier_id, dossier_label)]


# Kinds a client can switch off in Mijn gegevens, by the account attribute that holds the switch.
CLIENT_SWITCHES = {DOCUMENT: "notify_documents", QUESTIONNAIRE: "notify_questionnaires", MESSAGE: "notify_messages"}
# Appointments (new, moved, cancelled, the reminder two days before) have their own switch
# ("Afspraken" in Mijn gegevens, issue 19): a client may want the signing's news and not every document's.
CLIENT_SWITCHES.update({
    kind: "notify_appointments"
    for kind in ("appointment", "appointment_moved", "appointment_cancelled", "appointment_reminder")
})
# A draft deed up for approval (and a new version of it, which resets every approval) is news about
# a document: the documents switch governs it.
CLIENT_SWITCHES.update({kind: "notify_documents" for kind in ("approval_requested", "approval_reset")})
