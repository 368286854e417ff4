"""What a questionnaire template is: a title and pages of questions, every text in Dutch and English.

Templates are written by staff (JSON through the admin API or ``portal-admin``), so everything a
client will later rely on is checked here once, at creation: unique question ids, options for the
choice types, ``show_if`` pointing at an earlier question with a value that question can have.
A template that passes can always be filled in; the answer checks (answers.py) need no defensive code.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from portal.platform.types import Line, Text

QUESTION_TYPES = (
    "short_text", "long_text", "number", "amount", "date", "yes_no", "single_choice", "multiple_choice",
    "email", "phone", "iban", "bsn", "group",
)
CHOICE_TYPES = ("single_choice", "multiple_choice")
QuestionType = Literal[
    "short_text", "long_text", "number", "amount", "date", "yes_no", "single_choice", "multiple_choice",
    "email", "phone", "iban", "bsn", "group",
]
# Ids become answer keys and field paths ("children.0.first_name"): no dots, no surprises.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,49}$")]
TemplateId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
MAX_GROUP_ITEMS = 20


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Texts(_Strict):
    """One text in both languages: English is never left half done."""

    nl: Annotated[Text, StringConstraints(min_length=1, max_length=2000)]
    en: Annotated[Text, StringConstraints(min_length=1, max_length=2000)]

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.nl


class Option(_Strict):
    value: Slug
    label: Texts


class ShowIf(_Strict):
    """Show the question only when an earlier answer equals ``equals`` (or, for a multiple choice, contains it)."""

    question: Slug
    equals: bool | int | float | Line


class Question(_Strict):
    id: Slug
    type: QuestionType
    label: Texts
    help: Texts | None = None
    required: bool = False
    show_if: ShowIf | None = None
    options: list[Option] | None = Field(default=None, max_length=50)
    # group only: the block repeated per child / heir, and how many blocks are allowed.
    questions: list[Question] | None = Field(default=None, max_length=30)
    item_label: Texts | None = None
    min_items: int = Field(default=0, ge=0, le=MAX_GROUP_ITEMS)
    max_items: int = Field(default=10, ge=1, le=MAX_GROUP_ITEMS)

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.type in CHOICE_TYPES:
            values = [o.value for o in self.options or []]
            if not values or len(set(values)) != len(values):
                raise ValueError(f"{self.id}: a choice needs options with unique values")
        elif self.options is not None:
            raise ValueError(f"{self.id}: only choice questions have options")
        if self.type == "group":
            if not self.questions:
                raise ValueError(f"{self.id}: a group needs its questions")
            if any(q.type == "group" for q in self.questions):
                raise ValueError(f"{self.id}: groups do not nest")
            if self.min_items > self.max_items:
                raise ValueError(f"{self.id}: min_items is more than max_items")
            _check_ids_and_conditions(self.questions, where=self.id)
        elif self.questions is not None:
            raise ValueError(f"{self.id}: only a group has questions")
        return self


class Page(_Strict):
    title: Texts
    intro: Texts | None = None
    questions: list[Question] = Field(min_length=1, max_length=40)


class Template(_Strict):
    id: TemplateId
    title: Texts
    description: Texts | None = None
    pages: list[Page] = Field(min_length=1, max_length=30)

    @model_validator(mode="after")
    def _references(self) -> Template:
        _check_ids_and_conditions([q for page in self.pages for q in page.questions], where="template")
        return self

    def question_pages(self) -> dict[str, int]:
        """Each top-level question id with its page number (1-based)."""
        return {q.id: number for number, page in enumerate(self.pages, 1) for q in page.questions}


def _check_ids_and_conditions(questions: list[Question], where: str) -> None:
    """Ids unique; every ``show_if`` refers to an earlier question and to a value it can take."""
    seen: dict[str, Question] = {}
    for question in questions:
        if question.id in seen:
            raise ValueError(f"{where}: question id {question.id!r} is used twice")
        if question.show_if is not None:
            target = seen.get(question.show_if.question)
            if target is None:
                raise ValueError(f"{question.id}: show_if must refer to an earlier question of the same block")
            _check_condition_value(question.id, target, question.show_if.equals)
        seen[question.id] = question


def _check_condition_value(question_id: str, target: Question, equals: Any) -> None:
    if target.type == "group":
        raise ValueError(f"{question_id}: show_if cannot refer to a group")
    if target.type == "yes_no" and not isinstance(equals, bool):
        raise ValueError(f"{question_id}: show_if on a yes/no question needs true or false")
    if target.type in CHOICE_TYPES and equals not in [o.value for o in target.options or []]:
        raise ValueError(f"{question_id}: show_if value is not one of {target.id}'s options")


def localized_question(question: Question, language: str) -> dict[str, Any]:
    """A question as the client's screen needs it: texts in one language."""
    shown: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "label": question.label.get(language),
        "help": question.help.get(language) if question.help else None,
        "required": question.required,
        "show_if": question.show_if.model_dump() if question.show_if else None,
    }
    if question.options is not None:
        shown["options"] = [{"value": o.value, "label": o.label.get(language)} for o in question.options]
    if question.type == "group":
        shown.update(
            questions=[localized_question(q, language) for q in question.questions or []],
            item_label=question.item_label.get(language) if question.item_label else question.label.get(language),
            min_items=question.min_items,
            max_items=question.max_items,
        )
    return shown


def localized_pages(template: Template, language: str) -> list[dict[str, Any]]:
    return [
        {
            "number": number,
            "title": page.title.get(language),
            "intro": page.intro.get(language) if page.intro else None,
            "questions": [localized_question(q, language) for q in page.questions],
        }
        for number, page in enumerate(template.pages, 1)
    ]
