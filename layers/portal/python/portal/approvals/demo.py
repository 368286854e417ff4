"""Demo data for the local stack: the transfer dossier's draft deed, up for the person's approval.

Run by ``infra/local/demo.py`` after the dossiers seeder, which published "Concept akte van
levering" (visible to both parties) in that dossier.
"""

from __future__ import annotations

from portal.approvals import requesting
from portal.dossiers.models import Document, dossier_key


def seed(seeded: dict[str, str], *, actor: str, source_ip: str) -> list[str]:
    dossier, person = seeded.get("dossier_transfer"), seeded.get("person")
    if not dossier or not person:
        return []
    drafts = [d for d in Document.query(dossier_key(dossier), Document.sk.startswith("ITEM#documents#"))
              if d.title.lower().startswith("concept akte") and not d.withdrawn]
    if drafts:
        requesting.request(dossier, document_id=drafts[0].id, parties=[person], actor=actor, source_ip=source_ip)
    return []
