"""The staff's PDF receipt of a draft's approvals: the version's SHA-256 and fingerprint, and per
named party its state, when, by which account, from which session and address, and questions.

In Dutch (the default) or English, as staff choose; the words come from receipt_texts.json beside
this module (a catalog, like error_messages.json), so a wording changes without touching code.
"""

from __future__ import annotations

import base64
import json
from functools import cache
from pathlib import Path
from typing import Any

from portal.approvals.requesting import state
from portal.platform import clock
from portal.platform.settings import get_settings

LANGUAGES = ("nl", "en")


@cache
def texts(language: str) -> dict[str, Any]:
    catalog = json.loads((Path(__file__).with_name("receipt_texts.json")).read_text(encoding="utf-8"))
    return catalog[language if language in LANGUAGES else "nl"]


def receipt(dossier_id: str, *, language: str = "nl") -> dict[str, Any]:
    from portal.dossiers import registry
    from portal.pdf.document import Content, Entry, Section, render  # fpdf2 loads only here

    words = texts(language)
    found = state(dossier_id)
    dossier = registry.load(dossier_id)
    sections = [
        Section(row["name"] or row["party_id"], [
            Entry(words["state"], words["states"].get(row["state"], row["state"])),
            Entry(words["opened_at"], row["opened_at"] or "-"),
            Entry(words["approved_at"], row["approved_at"] or "-"),
            Entry(words["approved_by"], row["approved_by"] or "-"),
            Entry(words["session"], row["session_id"] or "-"),
            Entry(words["source_ip"], row["source_ip"] or "-"),
            Entry(words["questions"], str(row["questions"])),
        ])
        for row in found["parties"]
    ]
    content = Content(
        office=get_settings().office_name, title=words["title"],
        facts=[(words["dossier"], f"{dossier.number} {dossier.description}"), (words["document"], found["title"]),
               (words["file"], found["file_name"]), (words["version"], str(found["number"])),
               (words["fingerprint"], found["fingerprint"]), (words["sha256"], found["sha256"]),
               (words["requested_at"], found["requested_at"])],
        sections=sections, page_label=words["page"], created=clock.now(),
    )
    pdf = render(content)
    name = words["file_name"].format(number=dossier.number, version=found["number"]).replace(" ", "-")
    return {"file_name": name, "language": language if language in LANGUAGES else "nl",
            "content_type": "application/pdf", "size": len(pdf), "pdf_base64": base64.b64encode(pdf).decode("ascii")}
