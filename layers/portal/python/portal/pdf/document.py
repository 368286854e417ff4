"""A questions-and-answers document as PDF: header, sections of label/answer pairs, page numbers.

It knows nothing of questionnaires: the caller hands it the texts, already in the reader's
language. DejaVu Sans covers Latin, Greek and Cyrillic with every diacritic ("Łukasz Özdemir",
"Zoë"), and fpdf2 embeds only the glyphs used, with a ToUnicode map so the text can be copied
and searched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVu"
LINE = 5.5


@dataclass(frozen=True)
class Entry:
    """A question and its answer; a repeating group's block has ``items`` instead of an answer."""

    label: str
    answer: str = ""
    items: list[tuple[str, list[Entry]]] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    title: str
    entries: list[Entry]


@dataclass(frozen=True)
class Content:
    office: str
    title: str
    facts: list[tuple[str, str]]  # ("Dossier", "2026-0042 Testament"), ("Cliënt", "Zoë ..."), ...
    sections: list[Section]
    page_label: str  # "Pagina" / "Page": the footer reads "Pagina 1/3"
    created: datetime


def render(content: Content) -> bytes:
    """The PDF's bytes."""
    from fpdf import FPDF  # only here: see the package docstring

    class _Pdf(FPDF):
        def header(self) -> None:
            self.set_font(FONT, "B", 9)
            self.set_text_color(90, 90, 90)
            self.cell(0, 6, content.office, new_x="LMARGIN", new_y="NEXT")
            self.set_draw_color(200, 200, 200)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(4)
            self.set_text_color(0, 0, 0)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font(FONT, "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 10, f"{content.page_label} {self.page_no()}/{{nb}}", align="C")

    pdf = _Pdf(format="A4")
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(content.title)
    pdf.set_author(content.office)
    pdf.set_creation_date(content.created)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, content.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for name, value in content.facts:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(30, LINE, name)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, LINE, value, new_x="LMARGIN", new_y="NEXT")
    for section in content.sections:
        pdf.ln(4)
        _keep_together(pdf, 7 + 2 * LINE + 3)  # a heading never ends a page on its own
        pdf.set_font(FONT, "B", 13)
        pdf.multi_cell(0, 7, section.title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        _entries(pdf, section.entries, indent=0)
    return bytes(pdf.output())


def _keep_together(pdf: Any, height: float) -> None:
    """Start a new page when ``height`` would not fit: a question stays with (the start of) its answer."""
    if pdf.will_page_break(height):
        pdf.add_page()


def _pair(pdf: Any, label: str, answer: str, *, indent: float = 0) -> None:
    """Label in bold over its answer: long answers and long questions both wrap cleanly."""
    _keep_together(pdf, 2 * LINE + 2)
    pdf.set_x(pdf.l_margin + indent)
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(0, LINE, label, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + indent)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, LINE, answer, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _entries(pdf: Any, entries: list[Entry], indent: float) -> None:
    for entry in entries:
        if not entry.items:
            _pair(pdf, entry.label, entry.answer, indent=indent)
            continue
        _keep_together(pdf, 4 * LINE)
        pdf.set_x(pdf.l_margin + indent)
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, LINE, entry.label, new_x="LMARGIN", new_y="NEXT")
        for heading, block in entry.items:
            _keep_together(pdf, 3 * LINE)
            pdf.set_x(pdf.l_margin + indent + 4)
            pdf.set_font(FONT, "B", 10)
            pdf.multi_cell(0, LINE, heading, new_x="LMARGIN", new_y="NEXT")
            _entries(pdf, block, indent + 8)
        pdf.ln(1)
