"""Demo data for the local stack: a few messages for the demo person in their first dossier.

Run by ``infra/local/demo.py`` after the dossiers seeder: two messages from the office (the first
read, the second unread, so the Berichten tab shows both states and an unread count) and the
person's reply to the first with a small attachment, which also appears under "Door mij
aangeleverd". Everything goes through the domain functions, uploads included.
"""

from __future__ import annotations

from portal.accounts.lookup import by_id
from portal.accounts.sessions import Principal
from portal.dossiers.models import Grant, party_key
from portal.dossiers.publishing import upload_prefix
from portal.files import storage
from portal.messages import reading, sending, staff, uploads
from portal.messages.models import upload_key
from portal.platform.aws import client
from portal.platform.settings import get_settings

_DRAFT = (
    "Beste heer De Vries,\n\nBijgaand ontvangt u de concept akte van levering voor Dorpsstraat 1. Wilt u deze "
    "doorlezen en ons laten weten of de gegevens kloppen?\n\nMet vriendelijke groet,\nmr. E. Bakker"
)
_ID_COPY = (
    "Beste heer De Vries,\n\nVoor de identificatie bij het passeren hebben wij een kopie van uw paspoort of "
    "identiteitskaart nodig. U kunt deze als bijlage bij een bericht aan ons sturen.\n\nMet vriendelijke groet,\n"
    "mr. E. Bakker"
)
_REPLY = "Beste mevrouw Bakker,\n\nDank u wel. De gegevens kloppen, op één punt na: zie de bijlage.\n\nJan de Vries"


def _first_dossier(person: str, preferred: str | None) -> str | None:
    if preferred:
        return preferred
    grants = sorted(Grant.query(party_key(person), Grant.sk.startswith("DOSSIER#")), key=lambda g: g.granted_at)
    return grants[0].dossier_id if grants else None


def _staff_upload(dossier_id: str, data: bytes, file_name: str) -> dict[str, str]:
    """What `portal-admin messages send --attach` does, minus HTTP: the file lands under staff/."""
    key = storage.new_key(upload_prefix(dossier_id))
    client("s3").put_object(Bucket=get_settings().documents_bucket, Key=key, Body=data, ContentType="application/pdf")
    return {"upload_key": key, "file_name": file_name}


def seed(seeded: dict[str, str], *, draft_pdf: bytes | None = None, actor: str, source_ip: str) -> list[str]:
    """``draft_pdf``: a viewable PDF to attach to the office's first message (none: no attachment)."""
    person = seeded.get("person")
    dossier_id = _first_dossier(person, seeded.get("dossier_transfer")) if person else None
    if not person or not dossier_id:
        return []
    account = by_id(person)
    caller = Principal(account.id, account.party_id, account.kind, account.language, "demo-seed", account)
    files = [_staff_upload(dossier_id, draft_pdf, "Concept akte van levering.pdf")] if draft_pdf else []
    draft = staff.send(dossier_id, to=person, subject="Concept akte van levering", body=_DRAFT, attachments=files,
                        actor=actor, source_ip=source_ip)
    reading.open_message(caller, dossier_id, draft["id"], source_ip=source_ip)

    note = b"Opmerking bij de concept akte: het huisnummer van de berging is 1a, niet 1.\n"
    offered = uploads.offer(caller, dossier_id, file_name="opmerkingen concept akte.txt", content_type="text/plain",
                            size=len(note), source_ip=source_ip)
    key = upload_key(dossier_id, account.party_id, offered["upload_id"])
    client("s3").put_object(Bucket=get_settings().documents_bucket, Key=key, Body=note, ContentType="text/plain")
    uploads.check(caller, dossier_id, offered["upload_id"], source_ip=source_ip)
    sending.send(caller, dossier_id, subject="Re: Concept akte van levering", body=_REPLY, in_reply_to=draft["id"],
                 attachments=[offered["upload_id"]], idempotency_key="demo-reply", source_ip=source_ip)

    staff.send(dossier_id, to=person, subject="Kopie legitimatiebewijs", body=_ID_COPY, attachments=[],
                actor=actor, source_ip=source_ip)
    return []
