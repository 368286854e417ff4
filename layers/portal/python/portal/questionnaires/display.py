"""Answers as people read them, in one language: the result screen, staff's JSON and the PDF all
show the same words ("Ja", "€ 1.234,50", "12 maart 1980", "NL91 ABNA 0417 1643 00")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from portal.questionnaires.answers import shown
from portal.questionnaires.schema import Question, Template

EMPTY = "—"
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
YES_NO = {"nl": ("Ja", "Nee"), "en": ("Yes", "No")}


def long_date(iso: str, language: str) -> str:
    """``1980-03-12`` as "12 maart 1980" / "12 March 1980"."""
    day = date.fromisoformat(iso[:10])
    return f"{day.day} {MONTHS['en' if language == 'en' else 'nl'][day.month - 1]} {day.year}"


def _grouped(digits: str, separator: str) -> str:
    groups = []
    while len(digits) > 3:
        digits, groups = digits[:-3], [digits[-3:], *groups]
    return separator.join([digits, *groups])


def euros(value: str, language: str) -> str:
    whole, cents = f"{Decimal(value):.2f}".split(".")
    if language == "en":
        return f"€{_grouped(whole, ',')}.{cents}"
    return f"€ {_grouped(whole, '.')},{cents}"


def _number(value: float, language: str) -> str:
    text = str(value)
    return text.replace(".", ",") if language != "en" else text


def value_text(question: Question, value: Any, language: str) -> str:
    """One answer as text; ``—`` for no answer."""
    if value is None or value == [] or value == "":
        return EMPTY
    kind = question.type
    if kind == "yes_no":
        return YES_NO["en" if language == "en" else "nl"][0 if value else 1]
    if kind in ("single_choice", "multiple_choice"):
        labels = {o.value: o.label.get(language) for o in question.options or []}
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, v) for v in chosen)
    if kind == "amount":
        return euros(value, language)
    if kind == "number":
        return _number(value, language)
    if kind == "date":
        return long_date(value, language)
    if kind == "iban":
        return " ".join(value[i:i + 4] for i in range(0, len(value), 4))
    return str(value)


def _entries(questions: list[Question], answers: dict[str, Any], language: str) -> list[dict[str, Any]]:
    entries = []
    for question in questions:
        if not shown(question, answers):
            continue
        value = answers.get(question.id)
        entry: dict[str, Any] = {"id": question.id, "type": question.type, "label": question.label.get(language)}
        if question.type == "group":
            name = (question.item_label or question.label).get(language)
            entry["items"] = [
                {"label": f"{name} {number}", "answers": _entries(question.questions or [], item, language)}
                for number, item in enumerate(value or [], 1)
            ]
        else:
            entry.update(value=value, display=value_text(question, value, language))
        entries.append(entry)
    return entries


def rendered(template: Template, answers: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """Every page with its shown questions and their answers, in ``language``.

    ``[{"number", "title", "answers": [{"id", "type", "label", "value", "display"} |
    {"id", "type": "group", "label", "items": [{"label": "Kind 1", "answers": [...]}]}]}]``
    """
    return [
        {"number": number, "title": page.title.get(language), "answers": _entries(page.questions, answers, language)}
        for number, page in enumerate(template.pages, 1)
    ]
