"""Draft-deed approval (concept-akte ter goedkeuring) in the portal table.

Key scheme::

    pk              sk                              item
    DOSSIER#<id>    APPROVAL                        ApprovalHead: the version now up for approval (a
                                                    published document, its SHA-256, the named parties)
    DOSSIER#<id>    APPROVAL#<version>#<party>      ApprovalResponse: one named party's answer to one
                                                    version: waiting or approved (who, when, session,
                                                    address, the SHA-256 agreed to), questions asked

A new version gets a new ``version`` id, so every earlier answer stays as evidence of what was
agreed to and none carries over: a new version resets every approval.
"""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.exceptions import DoesNotExist

from portal.platform.db import PortalModel

HEAD = "APPROVAL"
WAITING, APPROVED = "waiting", "approved"


def response_sk(version_id: str, party_id: str) -> str:
    return f"APPROVAL#{version_id}#{party_id}"


class ApprovalHead(PortalModel):
    dossier_id = UnicodeAttribute()
    version_id = UnicodeAttribute()
    number = NumberAttribute()  # 1 for the first draft, 2 for the next ...
    document_id = UnicodeAttribute()
    title = UnicodeAttribute()
    file_name = UnicodeAttribute()
    sha256 = UnicodeAttribute()  # of the exact bytes a download serves
    parties = ListAttribute(of=UnicodeAttribute, default=list)
    respond_by = UnicodeAttribute(null=True)  # YYYY-MM-DD
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    version = VersionAttribute()


class ApprovalResponse(PortalModel):
    dossier_id = UnicodeAttribute()
    version_id = UnicodeAttribute()
    party_id = UnicodeAttribute()
    sha256 = UnicodeAttribute()
    state = UnicodeAttribute(default=WAITING)
    approved_at = UnicodeAttribute(null=True)
    approved_by = UnicodeAttribute(null=True)  # the account (a company's accounts share a party)
    session_id = UnicodeAttribute(null=True)
    source_ip = UnicodeAttribute(null=True)
    questions = NumberAttribute(default=0)
    last_question_at = UnicodeAttribute(null=True)


def load_head(dossier_id: str) -> ApprovalHead | None:
    try:
        return ApprovalHead.get(f"DOSSIER#{dossier_id}", HEAD, consistent_read=True)
    except DoesNotExist:
        return None


def fingerprint(sha256: str) -> str:
    """What the client is shown: the first 16 hex digits in groups of four."""
    return " ".join(sha256[i:i + 4] for i in range(0, 16, 4)).upper()
