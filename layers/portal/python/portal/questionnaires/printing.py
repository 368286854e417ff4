"""The completed questionnaire as a PDF document, in the client's language.

Builds the neutral content for :mod:`portal.pdf.document` from the same rendering the result
screen shows, so the PDF and the screen never disagree. Rendering imports fpdf2, which only the
completing function ships.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from portal.files.names import clean_file_name
from portal.pdf.document import Content, Entry, Section, render
from portal.platform.settings import get_settings
from portal.questionnaires.display import EMPTY, long_date, rendered
from portal.questionnaires.models import Questionnaire
from portal.questionnaires.templates import pinned

LABELS = {
    "nl": {"dossier": "Dossier", "client": "Cliënt", "date": "Datum", "page": "Pagina"},
    "en": {"dossier": "Dossier", "client": "Client", "date": "Date", "page": "Page"},
}


def _entry(shown: dict[str, Any]) -> Entry:
    if "items" in shown:
        if not shown["items"]:
            return Entry(shown["label"], EMPTY)
        return Entry(shown["label"], items=[(item["label"], [_entry(a) for a in item["answers"]]) for item in shown["items"]])
    return Entry(shown["label"], shown["display"])


def file_name(questionnaire: Questionnaire, dossier_number: str, language: str) -> str:
    title = questionnaire.title_en if language == "en" else questionnaire.title_nl
    return clean_file_name(f"{title} {dossier_number}.pdf".replace("/", "-"))


def pdf_bytes(
    questionnaire: Questionnaire, *, answers: dict[str, Any] | None = None, dossier: dict[str, str], client_name: str,
    language: str, completed: datetime,
) -> bytes:
    """The PDF of the questionnaire's answers (or of ``answers``, the clean set about to be stored)."""
    template = pinned(questionnaire.template)
    words = LABELS["en" if language == "en" else "nl"]
    pages = rendered(template, answers if answers is not None else json.loads(questionnaire.answers), language)
    content = Content(
        office=get_settings().office_name,
        title=template.title.get(language),
        facts=[
            (words["dossier"], f"{dossier['number']} – {dossier['description']}"),
            (words["client"], client_name),
            (words["date"], long_date(completed.isoformat(), language)),
        ],
        sections=[Section(page["title"], [_entry(a) for a in page["answers"]]) for page in pages],
        page_label=words["page"],
        created=completed,
    )
    return render(content)
