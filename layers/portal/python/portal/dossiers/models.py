"""Dossier items in the portal table.

Key scheme (one table; every key is built here, ids are ULIDs and never contain ``#``)::

    pk                   sk                          item
    DOSSIER#<id>         META                        Dossier: number, description, status, progress, parties
    DOSSIER#<id>         ITEM#<tab>#<item>           Document: what staff published (file, visibility, withdrawn)
    DOSSIER#<id>         VIEW#<party>#<tab>#<item>   DocumentView: one party's copy of a visible document,
                                                     with its read mark: a tab's page is one query
    DOSSIER#<id>         READ#<item>#<account>       ReadRecord: who read / downloaded a document, and when
    DOSSIERNR#<number>   CLAIM                       DossierNumberClaim: dossier numbers are unique
    PARTY#<party>        DOSSIER#<id>                Grant: the party may see the dossier; carries a copy of
                                                     number, description and status, and counts per tab,
                                                     so the client's list is one query on its own partition
    PARTY#<party>        COUNTS                      PartyCounters (counters.py): Home's tiles
    CONFIG               STATUSES                    StatusConfig: the office's dossier statuses
    gsi2: DOSSIERS / <created_at>#<id>               staff's list of dossiers

A party is what a grant is given to: a person's account id, or a company's main account id (its
extra accounts share it). Authorization reads the Grant on every request, never a cache, so a
revocation takes effect on the client's next request.
"""

from __future__ import annotations

import re
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from portal.platform.db import Gsi2, PortalModel, batch_get

_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")

# The four tabs of a dossier page. Items of the first three live here; messages come from the
# messages feature, but their counts live on the grant like the others.
TABS = ("correspondence", "documents", "supplied", "messages")
ITEM_TABS = ("correspondence", "documents", "supplied")
STAFF_TABS = ("correspondence", "documents")
META = "META"


def is_id(value: str | None) -> bool:
    """Whether a value from a URL can be an id at all; anything else never reaches a key."""
    return bool(value) and bool(_ID.fullmatch(value or ""))


def dossier_key(dossier_id: str) -> str:
    return f"DOSSIER#{dossier_id}"


def party_key(party_id: str) -> str:
    return f"PARTY#{party_id}"


GRANT_PREFIX = "DOSSIER#"  # a party's grants, in its partition
ITEM_PREFIX = "ITEM#"  # a dossier's published items, in its partition


def grant_sk(dossier_id: str) -> str:
    return f"{GRANT_PREFIX}{dossier_id}"


def item_sk(tab: str, item_id: str) -> str:
    return f"{ITEM_PREFIX}{tab}#{item_id}"


def views_prefix(party_id: str) -> str:
    """All of a party's views in a dossier, every tab."""
    return f"VIEW#{party_id}#"


def view_prefix(party_id: str, tab: str) -> str:
    return f"{views_prefix(party_id)}{tab}#"


def view_sk(party_id: str, tab: str, item_id: str) -> str:
    return view_prefix(party_id, tab) + item_id


def reads_prefix(item_id: str) -> str:
    return f"READ#{item_id}#"


def read_sk(item_id: str, account_id: str) -> str:
    return reads_prefix(item_id) + account_id


def number_claim_key(number: str) -> str:
    return f"DOSSIERNR#{number.upper()}"


class Step(MapAttribute[str, Any]):
    title_nl = UnicodeAttribute()
    title_en = UnicodeAttribute()
    done = BooleanAttribute(default=False)


class Dossier(PortalModel):
    id = UnicodeAttribute()
    number = UnicodeAttribute()
    description = UnicodeAttribute()
    status = UnicodeAttribute()
    steps = ListAttribute(of=Step, default=list)
    # The parties with a grant: few per dossier, so changes to the dossier reach every grant in the
    # same transaction without a query. Every change to parties or documents raises `version`, so
    # a publish racing a grant (or a withdraw) is retried rather than missing the new party.
    parties = ListAttribute(of=UnicodeAttribute, default=list)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    version = VersionAttribute()
    listing = Gsi2()


class DossierNumberClaim(PortalModel):
    dossier_id = UnicodeAttribute()


class StatusEntry(MapAttribute[str, Any]):
    key = UnicodeAttribute()
    label_nl = UnicodeAttribute()
    label_en = UnicodeAttribute()
    in_progress = BooleanAttribute(default=False)


class StatusConfig(PortalModel):
    statuses = ListAttribute(of=StatusEntry, default=list)
    version = VersionAttribute()


class Grant(PortalModel):
    dossier_id = UnicodeAttribute()
    number = UnicodeAttribute()
    description = UnicodeAttribute()
    status = UnicodeAttribute()
    status_nl = UnicodeAttribute()
    status_en = UnicodeAttribute()
    in_progress = BooleanAttribute(default=False)
    granted_at = UnicodeAttribute()
    items_correspondence = NumberAttribute(default=0)
    items_documents = NumberAttribute(default=0)
    items_supplied = NumberAttribute(default=0)
    items_messages = NumberAttribute(default=0)
    unread_correspondence = NumberAttribute(default=0)
    unread_documents = NumberAttribute(default=0)
    unread_supplied = NumberAttribute(default=0)
    unread_messages = NumberAttribute(default=0)


def tab_count(tab: str) -> NumberAttribute:
    """The grant's attribute counting a tab's items visible to the party."""
    return getattr(Grant, f"items_{tab}")


def tab_unread(tab: str) -> NumberAttribute:
    """The grant's attribute counting a tab's items the party has not read yet."""
    return getattr(Grant, f"unread_{tab}")


class Document(PortalModel):
    id = UnicodeAttribute()
    dossier_id = UnicodeAttribute()
    tab = UnicodeAttribute()
    title = UnicodeAttribute()
    file_name = UnicodeAttribute()
    content_type = UnicodeAttribute()
    size = NumberAttribute()
    s3_key = UnicodeAttribute()
    published_at = UnicodeAttribute()
    published_by = UnicodeAttribute()
    visible_to = ListAttribute(of=UnicodeAttribute, null=True)  # party ids; None: every granted party
    withdrawn = BooleanAttribute(default=False)
    withdrawn_at = UnicodeAttribute(null=True)


class DocumentView(PortalModel):
    dossier_id = UnicodeAttribute()
    item_id = UnicodeAttribute()
    tab = UnicodeAttribute()
    title = UnicodeAttribute()
    file_name = UnicodeAttribute()
    content_type = UnicodeAttribute()
    size = NumberAttribute()
    s3_key = UnicodeAttribute()
    published_at = UnicodeAttribute()
    read_at = UnicodeAttribute(null=True)
    read_by = UnicodeAttribute(null=True)


class ReadRecord(PortalModel):
    item_id = UnicodeAttribute()
    account_id = UnicodeAttribute()
    party_id = UnicodeAttribute()
    first_read_at = UnicodeAttribute()
    last_read_at = UnicodeAttribute()
    downloads = NumberAttribute(default=0)


def get_many(keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Items of any kind by key, in one strongly consistent BatchGetItem (raw, for ``from_raw_data``)."""
    return {(item["pk"]["S"], item["sk"]["S"]): item for item in batch_get(keys)}
