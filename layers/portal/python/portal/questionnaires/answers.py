"""Checking a client's answers against the pinned template, one page at a time or all at once.

Answers are a flat JSON object keyed by question id (ids are unique in a template); a repeating
group's answer is a list of objects keyed by its sub-question ids. A question hidden by its
``show_if`` is never required and its answer is dropped, so what is stored is exactly what the
client was shown. Problems are reported per field with a stable code and the page to go back to:
``{"field": "children.1.birth_date", "code": "date_invalid", "page": 3}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from portal.platform.errors import Invalid
from portal.questionnaires import checks
from portal.questionnaires.schema import Question, Template

TEXT_LIMITS = {"short_text": 200, "long_text": 4000}
# Types whose check is a normal-form function: the code names what was wrong.
_NORMALISED: dict[str, tuple[Callable[[Any], Any], str]] = {
    "number": (checks.number, "number_invalid"),
    "amount": (checks.amount, "amount_invalid"),
    "date": (checks.iso_date, "date_invalid"),
    "email": (checks.email, "email_invalid"),
    "phone": (checks.phone, "phone_number_invalid"),
    "iban": (checks.iban, "iban_invalid"),
    "bsn": (checks.bsn, "bsn_invalid"),
}
# Every per-field code, for the error catalogue and the API documentation.
FIELD_CODES = (
    "required", "text_invalid", "text_too_long", "choice_invalid", "group_invalid", "group_too_few", "group_too_many",
    *(code for _, code in _NORMALISED.values()),
)


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    page: int


def _empty(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _same(current: Any, expected: Any) -> bool:
    if isinstance(current, bool) or isinstance(expected, bool):
        return current is expected  # True must not equal 1
    if isinstance(current, list):
        return expected in current
    if isinstance(expected, int | float) and isinstance(current, int | float | str):
        try:  # an amount is stored as "1500.00"; the condition may say 1500
            return Decimal(str(current)) == Decimal(str(expected))
        except InvalidOperation:
            return False
    return current == expected


def shown(question: Question, scope: dict[str, Any]) -> bool:
    """Whether the client sees the question, given the answers before it (``show_if``)."""
    condition = question.show_if
    return condition is None or _same(scope.get(condition.question), condition.equals)


def _text(question: Question, raw: Any) -> tuple[Any, str | None]:
    if not isinstance(raw, str):
        return None, "text_invalid"
    text = raw.replace("\r\n", "\n").strip()
    allowed = "\n\t" if question.type == "long_text" else ""
    if any((ord(c) < 32 and c not in allowed) or ord(c) == 127 for c in text):
        return None, "text_invalid"
    if len(text) > TEXT_LIMITS[question.type]:
        return None, "text_too_long"
    return text, None


def _choice(question: Question, raw: Any) -> tuple[Any, str | None]:
    values = [o.value for o in question.options or []]
    if question.type == "single_choice":
        return (raw, None) if isinstance(raw, str) and raw in values else (None, "choice_invalid")
    if not isinstance(raw, list) or not all(isinstance(v, str) and v in values for v in raw):
        return None, "choice_invalid"
    return [v for v in values if v in raw], None  # the template's order, no duplicates


def _scalar(question: Question, raw: Any) -> tuple[Any, str | None]:
    if question.type in TEXT_LIMITS:
        return _text(question, raw)
    if question.type == "yes_no":
        return (raw, None) if isinstance(raw, bool) else (None, "choice_invalid")
    if question.type in ("single_choice", "multiple_choice"):
        return _choice(question, raw)
    normalise, code = _NORMALISED[question.type]
    value = normalise(raw)
    return (value, None) if value is not None else (None, code)


def _group(question: Question, raw: Any, path: str, page: int, problems: list[Problem]) -> list[dict[str, Any]] | None:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problems.append(Problem(path, "group_invalid", page))
        return None
    if len(raw) > question.max_items:
        problems.append(Problem(path, "group_too_many", page))
        return None
    if len(raw) < question.min_items:
        problems.append(Problem(path, "group_too_few", page))
    # Each block is checked on its own: a sub-question's show_if refers to its own block's answers.
    return [_block(question.questions or [], item, {}, f"{path}.{i}.", page, problems) for i, item in enumerate(raw)]


def _block(
    questions: list[Question], raw: dict[str, Any], scope: dict[str, Any], prefix: str, page: int, problems: list[Problem]
) -> dict[str, Any]:
    """The clean answers of one block of questions; ``scope`` gains them, for later show_if checks."""
    clean: dict[str, Any] = {}
    for question in questions:
        if not shown(question, scope):
            continue
        path, value = prefix + question.id, raw.get(question.id)
        if _empty(value):
            if question.required:
                problems.append(Problem(path, "required", page))
            continue
        if question.type == "group":
            value = _group(question, value, path, page, problems)
        else:
            value, code = _scalar(question, value)
            if code:
                problems.append(Problem(path, code, page))
        if value is not None:
            clean[question.id] = scope[question.id] = value
    return clean


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise Invalid("answers_invalid", detail={"fields": [asdict(p) for p in problems]})


def check_page(template: Template, number: int, submitted: dict[str, Any], saved: dict[str, Any]) -> dict[str, Any]:
    """The clean answers of one page; earlier pages' saved answers decide its ``show_if``s.

    Raises 422 ``answers_invalid`` with ``fields`` when anything on the page is wrong. Answers to
    questions that are not on this page, or not shown, are dropped.
    """
    pages = template.question_pages()
    scope = {key: value for key, value in saved.items() if pages.get(key, number) < number}
    problems: list[Problem] = []
    clean = _block(template.pages[number - 1].questions, submitted, scope, "", number, problems)
    _refuse(problems)
    return clean


def check_all(template: Template, answers: dict[str, Any]) -> dict[str, Any]:
    """Every page checked in order, as completion needs: the clean answers, or 422 ``answers_invalid``."""
    scope: dict[str, Any] = {}
    problems: list[Problem] = []
    for number, page in enumerate(template.pages, 1):
        _block(page.questions, answers, scope, "", number, problems)
    _refuse(problems)
    return scope


def replace_page(template: Template, number: int, saved: dict[str, Any], page_answers: dict[str, Any]) -> dict[str, Any]:
    """The saved answers with page ``number``'s replaced (a cleared optional answer disappears)."""
    on_page = {q.id for q in template.pages[number - 1].questions}
    return {**{k: v for k, v in saved.items() if k not in on_page}, **page_answers}
