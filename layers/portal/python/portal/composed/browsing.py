"""The dossier page as the client API sends it: header, progress and tabs (dossiers), with the
open tab's first page; the Berichten tab's is a page of the messages thread (messages, which
build on dossiers). The list and a tab's further pages are the dossiers package's own."""

from __future__ import annotations

from typing import Any

from portal.accounts.sessions import Principal
from portal.dossiers import browsing
from portal.dossiers.browsing import items, list_dossiers
from portal.messages.reading import thread_page

__all__ = ["dossier_page", "items", "list_dossiers"]


def dossier_page(caller: Principal, dossier_id: str, *, tab: str | None = None, source_ip: str) -> dict[str, Any]:
    """One request opens the page: with ``tab``, that tab's first page too (three DynamoDB calls with
    the session check: the BatchGetItem that proves the grant, then the tab's query)."""
    page = browsing.dossier_page(caller, dossier_id, tab=tab, source_ip=source_ip)
    if tab == "messages":  # the grant was proven above, as thread_page expects
        page["first_page"] = {"tab": tab, **thread_page(caller, dossier_id)}
    return page
