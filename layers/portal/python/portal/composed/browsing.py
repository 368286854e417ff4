"""The dossier page as the client API sends it: header, progress and tabs (dossiers), with the
open tab's first page; the Berichten tab's is a page of the messages thread (messages, which
build on dossiers); the signing appointment and whether a draft awaits the caller's approval
(appointments, approvals), read in the page's one BatchGetItem. The list and a tab's further pages
are the dossiers package's own."""

from __future__ import annotations

from typing import Any

from portal.accounts.sessions import Principal
from portal.appointments.models import APPOINTMENT
from portal.appointments.viewing import from_raw as appointment_from_raw
from portal.approvals.models import HEAD as APPROVAL_HEAD
from portal.dossiers import browsing
from portal.dossiers.browsing import items, list_dossiers
from portal.dossiers.models import dossier_key
from portal.messages.reading import thread_page

__all__ = ["dossier_page", "items", "list_dossiers"]


def dossier_page(caller: Principal, dossier_id: str, *, tab: str | None = None, source_ip: str) -> dict[str, Any]:
    """One request opens the page: with ``tab``, that tab's first page too (three DynamoDB calls with
    the session check: the BatchGetItem that proves the grant, then the tab's query)."""
    appointment_key = (dossier_key(dossier_id), APPOINTMENT)
    approval_key = (dossier_key(dossier_id), APPROVAL_HEAD)
    page, found = browsing.dossier_page_with(caller, dossier_id, tab=tab, source_ip=source_ip,
                                             read_along=[appointment_key, approval_key])
    page["appointment"] = appointment_from_raw(found[appointment_key], caller.party_id) if appointment_key in found else None
    # Only whether to ask for it: the party's own answer is read by GET .../approval when shown.
    page["approval_requested"] = approval_key in found and caller.party_id in [
        p.get("S") for p in found[approval_key].get("parties", {}).get("L", [])]
    if tab == "messages":  # the grant was proven above, as thread_page expects
        page["first_page"] = {"tab": tab, **thread_page(caller, dossier_id)}
    return page
