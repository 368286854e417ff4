"""Answers are checked per field with clear codes: IBAN, BSN, show_if, repeating groups, required."""

from __future__ import annotations

import pytest
from portal.platform.errors import Invalid
from portal.platform.texts import known_codes
from portal.questionnaires import answers, checks, templates
from portal.questionnaires.answers import FIELD_CODES, check_all, check_page
from portal.questionnaires.schema import Template


def _template(*questions: dict, second_page: list[dict] | None = None) -> Template:
    pages = [{"title": {"nl": "Eén", "en": "One"}, "questions": list(questions)}]
    if second_page:
        pages.append({"title": {"nl": "Twee", "en": "Two"}, "questions": second_page})
    return Template.model_validate({"id": "test", "title": {"nl": "Test", "en": "Test"}, "pages": pages})


def q(qid: str, qtype: str, **extra: object) -> dict:
    return {"id": qid, "type": qtype, "label": {"nl": qid, "en": qid}, **extra}


def problems(error: pytest.ExceptionInfo[Invalid]) -> list[tuple[str, str, int]]:
    assert error.value.code == "answers_invalid"
    return [(p["field"], p["code"], p["page"]) for p in error.value.detail["fields"]]


@pytest.mark.parametrize("iban", [
    "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300", "BE68539007547034",
    "DE89370400440532013000", "GB29NWBK60161331926819",
])
def test_a_correct_iban_is_accepted_in_its_electronic_form(iban: str) -> None:
    assert checks.iban(iban) == iban.replace(" ", "").upper()


@pytest.mark.parametrize("iban", [
    "NL91ABNA0417164301", "NL92ABNA0417164300", "NL91ABNA041716430", "NL91 ABNA", "1234567890", "", 417164300, None,
])
def test_an_iban_with_a_typing_error_or_wrong_length_is_refused(iban: object) -> None:
    assert checks.iban(iban) is None


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "1112.22.333", "12345672"])
def test_a_bsn_passing_the_eleven_test_is_accepted(bsn: str) -> None:
    assert checks.bsn(bsn) is not None and len(checks.bsn(bsn)) == 9


@pytest.mark.parametrize("bsn", ["123456789", "111222334", "000000000", "12345678a", "12345", "1234567890", True, None])
def test_a_bsn_failing_the_eleven_test_is_refused(bsn: object) -> None:
    assert checks.bsn(bsn) is None


def test_amounts_are_read_as_people_type_them_and_stored_exactly() -> None:
    assert checks.amount("1.250,50") == "1250.50"
    assert checks.amount("€ 1.500") == "1500.00"
    assert checks.amount("1500.5") == "1500.50"
    assert checks.amount("1,250.50") == "1250.50"  # as an English-speaking client types it
    assert checks.amount("1.250,5") == "1250.50" and checks.amount("1,2,3") is None
    assert checks.amount(1250) == "1250.00"
    assert checks.amount(checks.amount("99,99")) == "99.99"  # idempotent: re-checking stored values is safe
    assert checks.amount("-5") is None and checks.amount("veel") is None and checks.amount(True) is None


def test_dates_emails_and_phone_numbers() -> None:
    assert checks.iso_date("1980-03-12") == "1980-03-12"
    assert checks.iso_date("1980-02-30") is None and checks.iso_date("12-03-1980") is None
    assert checks.email(" jan@example.nl ") == "jan@example.nl" and checks.email("jan@") is None
    assert checks.phone("020 - 123 4567") == "020 - 123 4567" and checks.phone("+31 6 12345678")
    assert checks.phone("06 1234") is None and checks.phone("bel me") is None


def test_each_wrong_answer_gets_its_own_field_code() -> None:
    template = _template(
        q("iban", "iban"), q("bsn", "bsn"), q("email", "email"), q("date", "date"), q("count", "number"),
        q("choice", "single_choice", options=[{"value": "a", "label": {"nl": "A", "en": "A"}}]),
        q("phone", "phone"), q("price", "amount"), q("agree", "yes_no"),
    )
    submitted = {
        "iban": "NL91ABNA0417164301", "bsn": "123456789", "email": "nope", "date": "31-12-2026", "count": "veel",
        "choice": "b", "phone": "12", "price": "gratis", "agree": "ja",
    }
    with pytest.raises(Invalid) as error:
        check_page(template, 1, submitted, {})
    assert problems(error) == [
        ("iban", "iban_invalid", 1), ("bsn", "bsn_invalid", 1), ("email", "email_invalid", 1),
        ("date", "date_invalid", 1), ("count", "number_invalid", 1), ("choice", "choice_invalid", 1),
        ("phone", "phone_number_invalid", 1), ("price", "amount_invalid", 1), ("agree", "choice_invalid", 1),
    ]


def test_a_required_question_left_empty_is_refused_with_required() -> None:
    template = _template(q("name", "short_text", required=True), q("remarks", "long_text"))
    for empty in (None, "", "   "):
        with pytest.raises(Invalid) as error:
            check_page(template, 1, {"name": empty, "remarks": "x"}, {})
        assert problems(error) == [("name", "required", 1)]
    assert check_page(template, 1, {"name": " Zoë ", "remarks": ""}, {}) == {"name": "Zoë"}


def test_a_hidden_question_is_not_required_and_its_answer_is_dropped() -> None:
    template = _template(
        q("has_partner", "yes_no", required=True),
        q("partner_name", "short_text", required=True, show_if={"question": "has_partner", "equals": True}),
    )
    assert check_page(template, 1, {"has_partner": False, "partner_name": "Piet"}, {}) == {"has_partner": False}
    with pytest.raises(Invalid) as error:
        check_page(template, 1, {"has_partner": True}, {})
    assert problems(error) == [("partner_name", "required", 1)]
    assert check_page(template, 1, {"has_partner": True, "partner_name": "Piet"}, {})["partner_name"] == "Piet"


def test_show_if_follows_an_answer_saved_on_an_earlier_page() -> None:
    template = _template(
        q("heirs", "single_choice", required=True, options=[
            {"value": "legal", "label": {"nl": "Wet", "en": "Law"}}, {"value": "other", "label": {"nl": "Anders", "en": "Other"}},
        ]),
        second_page=[q("heirs_other", "long_text", required=True, show_if={"question": "heirs", "equals": "other"})],
    )
    assert check_page(template, 2, {"heirs_other": "mijn buurman"}, {"heirs": "legal"}) == {}
    with pytest.raises(Invalid) as error:
        check_page(template, 2, {}, {"heirs": "other"})
    assert problems(error) == [("heirs_other", "required", 2)]


def test_a_repeating_group_with_two_children_is_checked_per_child() -> None:
    template = templates.parse(templates.shipped("testament"))
    children = [
        {"first_names": "Zoë", "surname": "de Vries", "birth_date": "2010-05-01", "relation": "own", "deceased": False,
         "death_date": "2020-01-01"},
        {"first_names": "Łukasz", "surname": "de Vries", "birth_date": "2012-07-14", "relation": "adopted", "deceased": True},
    ]
    with pytest.raises(Invalid) as error:
        check_page(template, 3, {"has_children": True, "children": children}, {})
    assert problems(error) == [("children.1.death_date", "required", 3)]
    children[1]["death_date"] = "2021-02-03"
    clean = check_page(template, 3, {"has_children": True, "children": children}, {})
    assert [c["first_names"] for c in clean["children"]] == ["Zoë", "Łukasz"]
    assert "death_date" not in clean["children"][0]  # hidden for a living child: dropped
    assert clean["children"][1]["death_date"] == "2021-02-03"


def test_a_repeating_group_counts_its_blocks() -> None:
    template = _template(q("heirs", "group", required=True, min_items=2, max_items=3,
                           questions=[q("name", "short_text", required=True)]))
    with pytest.raises(Invalid) as error:
        check_page(template, 1, {"heirs": []}, {})
    assert problems(error) == [("heirs", "required", 1)]
    with pytest.raises(Invalid) as error:
        check_page(template, 1, {"heirs": [{"name": "A"}]}, {})
    assert problems(error) == [("heirs", "group_too_few", 1)]
    with pytest.raises(Invalid) as error:
        check_page(template, 1, {"heirs": [{"name": "A"}] * 4}, {})
    assert problems(error) == [("heirs", "group_too_many", 1)]
    with pytest.raises(Invalid) as error:
        check_page(template, 1, {"heirs": "A en B"}, {})
    assert problems(error) == [("heirs", "group_invalid", 1)]


def test_completion_checks_every_page_and_names_the_page_to_go_back_to() -> None:
    template = _template(q("name", "short_text", required=True), second_page=[q("iban", "iban", required=True)])
    with pytest.raises(Invalid) as error:
        check_all(template, {"name": "Zoë", "iban": "NL00"})
    assert problems(error) == [("iban", "iban_invalid", 2)]


def test_multiple_choice_keeps_the_templates_order_and_show_if_means_contains() -> None:
    options = [{"value": v, "label": {"nl": v, "en": v}} for v in ("a", "b", "c")]
    template = _template(
        q("topics", "multiple_choice", options=options),
        q("about_c", "short_text", required=True, show_if={"question": "topics", "equals": "c"}),
    )
    assert check_page(template, 1, {"topics": ["c", "a", "a"], "about_c": "x"}, {}) == {"topics": ["a", "c"], "about_c": "x"}
    assert check_page(template, 1, {"topics": ["b"]}, {}) == {"topics": ["b"]}


def test_saving_a_page_replaces_only_that_pages_answers() -> None:
    template = _template(q("a", "short_text"), second_page=[q("b", "short_text")])
    assert answers.replace_page(template, 1, {"a": "old", "b": "kept"}, {}) == {"b": "kept"}


@pytest.mark.parametrize("broken, message", [
    ({"pages": [{"title": {"nl": "x", "en": "x"}, "questions": [q("a", "short_text"), q("a", "email")]}]}, "used twice"),
    ({"pages": [{"title": {"nl": "x", "en": "x"}, "questions": [q("a", "single_choice")]}]}, "options"),
    ({"pages": [{"title": {"nl": "x", "en": "x"}, "questions": [
        q("b", "short_text", show_if={"question": "a", "equals": True}), q("a", "yes_no")]}]}, "earlier question"),
    ({"pages": [{"title": {"nl": "x", "en": "x"}, "questions": [
        q("a", "yes_no"), q("b", "short_text", show_if={"question": "a", "equals": "ja"})]}]}, "true or false"),
    ({"pages": [{"title": {"nl": "x"}, "questions": [q("a", "short_text")]}]}, "en"),
])
def test_a_broken_template_is_refused_with_what_is_wrong(broken: dict, message: str) -> None:
    with pytest.raises(Invalid) as error:
        templates.parse({"id": "broken", "title": {"nl": "Kapot", "en": "Broken"}, **broken})
    assert error.value.code == "template_invalid"
    assert any(message in p["message"] or message in p["field"] for p in error.value.detail["problems"])


def test_the_shipped_templates_are_complete_in_dutch_and_english() -> None:
    for template_id in templates.SHIPPED:
        template = templates.parse(templates.shipped(template_id))
        assert template.title.nl and template.title.en and len(template.pages) >= 3


def test_every_code_a_client_can_get_has_a_dutch_and_english_text() -> None:
    from portal.platform.texts import message_for

    codes = {*FIELD_CODES, "answers_invalid", "questionnaire_completed", "questionnaire_not_completed", "page_not_found"}
    assert codes <= known_codes()
    for code in codes:
        assert message_for(code, "nl") != message_for(code, "en")
