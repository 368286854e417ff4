"""A named party reads the draft up for approval, agrees to exactly that version, or asks about it.

Akkoord names the version and its SHA-256 as the client saw them: a version that is no longer the
current one is refused (409 ``approval_superseded``), and so is a second answer (an approval is
not silently changed; a question is always possible). A party of the dossier that is not named
sees no approval and is refused (403 ``approval_not_named``).
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import TransactWriteError

from portal.accounts.sessions import Principal
from portal.activity import recording
from portal.activity.models import DRAFT_APPROVED, DRAFT_QUESTION_ASKED
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
from portal.dossiers.authorization import denied, grant_for, require_ids
from portal.dossiers.models import dossier_key, get_many, grant_sk, party_key
from portal.platform import clock
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Forbidden, Invalid

SUBJECT = {"nl": "Vraag over {title} (versie {number}, {fingerprint})",
           "en": "Question about {title} (version {number}, {fingerprint})"}


def _response(head: ApprovalHead, party_id: str) -> ApprovalResponse | None:
    try:
        return ApprovalResponse.get(dossier_key(head.dossier_id), response_sk(head.version_id, party_id),
                                    consistent_read=True)
    except ApprovalResponse.DoesNotExist:
        return None


def _named_head(caller: Principal, dossier_id: str, source_ip: str, version_id: str) -> ApprovalHead:
    grant_for(caller, dossier_id, source_ip=source_ip)
    head = load_head(dossier_id)
    if head is None or caller.party_id not in head.parties:
        raise Forbidden("approval_not_named")
    if head.version_id != version_id:
        raise Conflict("approval_superseded")
    return head


def view(caller: Principal, dossier_id: str, *, source_ip: str) -> dict[str, Any]:
    """The party's draft and its own answer: the grant and the draft's head in one consistent
    BatchGetItem (no grant: 404, audited), then the answer (3 DynamoDB calls with the session)."""
    require_ids(caller, source_ip, dossier=dossier_id)
    grant_key, head_key = (party_key(caller.party_id), grant_sk(dossier_id)), (dossier_key(dossier_id), HEAD)
    found = get_many([grant_key, head_key])
    if grant_key not in found:
        raise denied(caller, source_ip, dossier=dossier_id)
    head = ApprovalHead.from_raw_data(found[head_key]) if head_key in found else None
    if head is None or caller.party_id not in head.parties:
        return {"approval": None}
    mine = _response(head, caller.party_id)
    return {"approval": {
        "version_id": head.version_id, "number": int(head.number), "document_id": head.document_id,
        "title": head.title, "file_name": head.file_name, "sha256": head.sha256,
        "fingerprint": fingerprint(head.sha256), "respond_by": head.respond_by, "reset": int(head.number) > 1,
        "state": mine.state if mine else WAITING, "approved_at": mine.approved_at if mine else None,
        "questions": int(mine.questions or 0) if mine else 0,
    }}


def approve(caller: Principal, dossier_id: str, *, version_id: str, sha256: str, source_ip: str,
            confirmed: bool = False) -> dict[str, Any]:
    """Akkoord with exactly this version: only after the party ticked that they read and agree."""
    if not confirmed:
        raise Invalid("approval_confirmation_required")
    head = _named_head(caller, dossier_id, source_ip, version_id)
    if sha256.lower() != head.sha256:
        raise Conflict("approval_superseded")
    now = clock.now().isoformat()
    session_id = caller.session.id if caller.session is not None else None
    audit = trail.entry("approval_given", actor=caller.account_id, subject=dossier_id, source_ip=source_ip,
                        version=head.version_id, sha256=head.sha256, party=caller.party_id)
    answer = ApprovalResponse(pk=dossier_key(dossier_id), sk=response_sk(head.version_id, caller.party_id))
    try:
        with transaction() as write:
            # The head's version: a new draft published meanwhile cancels this approval.
            write.condition_check(ApprovalHead, dossier_key(dossier_id), "APPROVAL",
                                  condition=ApprovalHead.version_id == head.version_id)
            write.update(answer, actions=[
                ApprovalResponse.state.set(APPROVED), ApprovalResponse.approved_at.set(now),
                ApprovalResponse.approved_by.set(caller.account_id), ApprovalResponse.session_id.set(session_id or ""),
                ApprovalResponse.source_ip.set(source_ip),
            ], condition=ApprovalResponse.state == WAITING)
            waiting.clear(write, caller.party_id, dossier_id=dossier_id)  # out of Acties with the answer
            write.save(audit, condition=type(audit).pk.does_not_exist())
            recording.save_in(write, recording.new(DRAFT_APPROVED, caller, dossier_id, version_id=head.version_id))
    except TransactWriteError:
        current = load_head(dossier_id)
        if current is None or current.version_id != head.version_id:
            raise Conflict("approval_superseded") from None
        raise Conflict("approval_already_given") from None
    return view(caller, dossier_id, source_ip=source_ip)


def ask(caller: Principal, dossier_id: str, *, version_id: str, body: str, idempotency_key: str,
        source_ip: str) -> dict[str, Any]:
    """Vraag stellen: a message to the office whose subject names the version and its fingerprint."""
    from portal.messages import sending

    head = _named_head(caller, dossier_id, source_ip, version_id)
    subject = SUBJECT.get(caller.language, SUBJECT["nl"]).format(
        title=head.title[:120], number=int(head.number), fingerprint=fingerprint(head.sha256))
    sent = sending.send(caller, dossier_id, subject=subject, body=body, in_reply_to=None, attachments=[],
                        idempotency_key=idempotency_key, source_ip=source_ip,
                        activity=(DRAFT_QUESTION_ASKED, {"version_id": head.version_id}))
    ApprovalResponse(pk=dossier_key(dossier_id), sk=response_sk(head.version_id, caller.party_id)).update(actions=[
        ApprovalResponse.questions.add(1), ApprovalResponse.last_question_at.set(clock.now().isoformat()),
    ], condition=ApprovalResponse.pk.exists())
    return {"message": sent}
