"""Staff put a published document up for approval by named parties, and read the state per party.

The SHA-256 is taken from the stored object itself, the bytes every download of the document
serves, so the fingerprint a client approves is the fingerprint of what they could read.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from portal.approvals import waiting
from portal.approvals.models import (
    APPROVED,
    HEAD,
    WAITING,
    ApprovalHead,
    ApprovalResponse,
    fingerprint,
    load_head,
    response_sk,
)
from portal.audit import trail
from portal.dossiers import publishing, registry
from portal.dossiers.access import visible_to
from portal.dossiers.models import ReadRecord, dossier_key, is_id
from portal.notifications import events
from portal.platform import clock, ids
from portal.platform.aws import client
from portal.platform.db import transaction
from portal.platform.errors import Invalid, NotFound
from portal.platform.races import retry_lost_races
from portal.platform.settings import get_settings

REQUESTED, RESET = "approval_requested", "approval_reset"


def sha256_of(s3_key: str) -> str:
    body = client("s3").get_object(Bucket=get_settings().documents_bucket, Key=s3_key)["Body"]
    digest = hashlib.sha256()
    for chunk in iter(lambda: body.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _respond_by(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise Invalid("approval_respond_by_invalid") from None


def request(
    dossier_id: str, *, document_id: str, parties: list[str], respond_by: str | None = None, actor: str, source_ip: str,
) -> dict[str, Any]:
    """Put the document up for approval by these accounts' parties; any earlier version's answers
    stop counting (they stay, as evidence of what was agreed to then)."""
    document = publishing.find(dossier_id, document_id)
    if document.withdrawn or document.tab != "documents":
        raise Invalid("approval_document_invalid")
    if not parties:
        raise Invalid("approval_parties_required")
    named = registry.parties_of(parties)
    if any(not visible_to(document, p) for p in named):
        raise Invalid("approval_party_cannot_see_document")
    due = _respond_by(respond_by)
    sha256 = sha256_of(document.s3_key)

    def attempt() -> ApprovalHead:
        dossier = registry.load(dossier_id)
        if any(p not in dossier.parties for p in named):
            raise Invalid("approval_party_cannot_see_document")
        previous = load_head(dossier_id)
        dropped = list(previous.parties) if previous else []
        head = previous or ApprovalHead(pk=dossier_key(dossier_id), sk=HEAD, dossier_id=dossier_id, number=0)
        head.version_id, head.number = ids.new_id(), int(head.number or 0) + 1
        head.document_id, head.title, head.file_name = document.id, document.title, document.file_name
        head.sha256, head.parties, head.respond_by = sha256, named, due
        head.created_at, head.created_by = clock.now().isoformat(), actor
        label = f"{dossier.number} {dossier.description}"
        audit = trail.entry("approval_requested", actor=actor, subject=dossier_id, source_ip=source_ip,
                            version=head.version_id, sha256=sha256, document=document.id)
        with transaction() as write:
            write.save(head)
            for party in named:
                write.save(ApprovalResponse(
                    pk=dossier_key(dossier_id), sk=response_sk(head.version_id, party), dossier_id=dossier_id,
                    version_id=head.version_id, party_id=party, sha256=sha256, state=WAITING,
                ), condition=ApprovalResponse.pk.does_not_exist())
                waiting.mark(write, party, dossier_id=dossier_id, dossier_number=dossier.number,
                             dossier_description=dossier.description, version_id=head.version_id,
                             number=int(head.number), title=head.title, respond_by=due, requested_at=head.created_at)
            for party in set(dropped) - set(named):  # no longer named: nothing awaits them in Acties
                waiting.clear(write, party, dossier_id=dossier_id)
            kind = RESET if previous else REQUESTED
            for pending in events.for_parties(named, kind=kind, dossier_id=dossier_id, dossier_label=label):
                write.save(pending)
            write.save(audit, condition=type(audit).pk.does_not_exist())
        return head

    return state(retry_lost_races(attempt).dossier_id)


def state(dossier_id: str) -> dict[str, Any]:
    """Per named party: waiting, opened (downloaded), approved (when, by whom, from where), questions."""
    head = load_head(dossier_id) if is_id(dossier_id) else None
    if head is None:
        raise NotFound("approval_not_found")
    answers = {
        r.party_id: r for r in ApprovalResponse.query(
            dossier_key(dossier_id), ApprovalResponse.sk.startswith(f"APPROVAL#{head.version_id}#"), consistent_read=True)
    }
    opened: dict[str, str] = {}
    for read in ReadRecord.query(dossier_key(dossier_id), ReadRecord.sk.startswith(f"READ#{head.document_id}#")):
        if read.first_read_at >= head.created_at:
            opened[read.party_id] = min(opened.get(read.party_id, read.first_read_at), read.first_read_at)
    names = {p["party_id"]: p["name"] for p in registry.show(dossier_id)["parties"]}
    rows = []
    for party in head.parties:
        answer = answers.get(party)
        approved = answer is not None and answer.state == APPROVED
        rows.append({
            "party_id": party, "name": names.get(party),
            "state": "approved" if approved else ("opened" if party in opened else "waiting"),
            "opened_at": opened.get(party), "approved_at": answer.approved_at if approved else None,
            "approved_by": answer.approved_by if approved else None,
            "session_id": answer.session_id if approved else None,
            "source_ip": answer.source_ip if approved else None,
            "questions": int(answer.questions or 0) if answer else 0,
        })
    return {
        "dossier_id": dossier_id, "version_id": head.version_id, "number": int(head.number),
        "document_id": head.document_id, "title": head.title, "file_name": head.file_name,
        "sha256": head.sha256, "fingerprint": fingerprint(head.sha256), "respond_by": head.respond_by,
        "requested_at": head.created_at, "requested_by": head.created_by, "parties": rows,
    }
