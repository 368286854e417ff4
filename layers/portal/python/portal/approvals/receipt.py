"""The staff's PDF receipt of a draft's approvals: the version's SHA-256 and fingerprint, and per
named party its state, when, by which account, from which session and address, and questions."""

from __future__ import annotations

import base64
from typing import Any

from portal.approvals.requesting import state
from portal.platform import clock
from portal.platform.settings import get_settings

STATES = {"waiting": "wacht op reactie", "opened": "geopend, nog geen akkoord", "approved": "akkoord"}


def receipt(dossier_id: str) -> dict[str, Any]:
    from portal.dossiers import registry
    from portal.pdf.document import Content, Entry, Section, render  # fpdf2 loads only here

    found = state(dossier_id)
    dossier = registry.load(dossier_id)
    sections = [
        Section(row["name"] or row["party_id"], [
            Entry("Status", STATES.get(row["state"], row["state"])),
            Entry("Geopend op", row["opened_at"] or "-"),
            Entry("Akkoord op", row["approved_at"] or "-"),
            Entry("Door account", row["approved_by"] or "-"),
            Entry("Sessie", row["session_id"] or "-"),
            Entry("IP-adres", row["source_ip"] or "-"),
            Entry("Vragen gesteld", str(row["questions"])),
        ])
        for row in found["parties"]
    ]
    content = Content(
        office=get_settings().office_name, title="Bewijs van goedkeuring concept-akte",
        facts=[("Dossier", f"{dossier.number} {dossier.description}"), ("Document", found["title"]),
               ("Bestand", found["file_name"]), ("Versie", str(found["number"])),
               ("Vingerafdruk", found["fingerprint"]), ("SHA-256", found["sha256"]),
               ("Ter goedkeuring sinds", found["requested_at"])],
        sections=sections, page_label="Pagina", created=clock.now(),
    )
    pdf = render(content)
    return {"file_name": f"goedkeuring-{dossier.number}-v{found['number']}.pdf".replace(" ", "-"),
            "content_type": "application/pdf", "size": len(pdf), "pdf_base64": base64.b64encode(pdf).decode("ascii")}
