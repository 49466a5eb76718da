"""Numbers read the way each language writes them, or asked back; never truncated or guessed."""

from __future__ import annotations

import pytest

from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import NOWHERE, Question, QuestionType, Text
from cloudwizard.engine.numbers import Ambiguity, NumberError, format_number, is_integer_question, parse_number

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the language's own way
        ("200,000", "en", 200000), ("2.5", "en", 2.5), ("12,345.67", "en", 12345.67), ("1,000,000", "en", 1000000),
        ("200.000", "nl", 200000), ("2,5", "nl", 2.5), ("1.234,5", "de", 1234.5), ("20.000.000", "de", 20000000),
        ("200.000", "fr", 200000), ("2,5", "fr", 2.5),
        # spaces between groups of three, in every language
        ("200 000", "en", 200000), ("1 000 000", "nl", 1000000), (f"200{NBSP}000", "de", 200000),
        (f"200{NNBSP}000", "fr", 200000), ("1\u2009000", "en", 1000), ("1 000,5", "fr", 1000.5),
        # plain numbers and signs
        ("42", "nl", 42), (" 7 ", "en", 7), ("-3", "de", -3), ("\u22123", "fr", -3), ("+5", "en", 5),
        ("0,5", "nl", 0.5), ("2,0", "nl", 2), ("1,000", "en", 1000), ("1.500", "nl", 1500),
    ],
)
def test_read_in_the_languages_way(text: str, lang: str, expected: float) -> None:
    value = parse_number(text, lang)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "lang", "suggestion"),
    [
        # only the other language's way makes sense
        ("1.5", "de", 1.5), ("2,5", "en", 2.5), ("1,000,000", "nl", 1000000), ("1.234,5", "en", 1234.5),
        ("10,5", "en", 10.5),
    ],
)
def test_ambiguous_or_foreign_entries_are_asked_back(text: str, lang: str, suggestion: float) -> None:
    result = parse_number(text, lang)
    assert result == Ambiguity(text, suggestion)


@pytest.mark.parametrize(
    ("text", "lang", "readings"),
    [
        # a lone separator with three digits after it reads both ways: the whole number (the other
        # language's groups) first, then the language's own decimal
        ("200,000", "nl", (200000, 200)), ("200,000", "de", (200000, 200)), ("200,000", "fr", (200000, 200)),
        ("250.000", "en", (250000, 250)), ("1,500", "de", (1500, 1.5)), ("2.500", "en", (2500, 2.5)),
        ("-200,000", "nl", (-200000, -200)),
    ],
)
def test_a_lone_separator_with_three_digits_offers_both_readings_the_whole_number_first(
        text: str, lang: str, readings: tuple[float, ...]) -> None:
    result = parse_number(text, lang)
    assert result == Ambiguity(text, readings[0], readings[1:])
    assert [type(r) for r in result.readings] == [type(r) for r in readings]


def test_a_whole_number_question_keeps_both_readings_only_when_both_are_whole() -> None:
    assert parse_number("200,000", "nl", integer=True) == Ambiguity("200,000", 200000, (200,))
    assert parse_number("2,500", "nl", integer=True) == Ambiguity("2,500", 2500)


@pytest.mark.parametrize(
    ("text", "lang", "readings"),
    [
        # groups, then a decimal sign with three digits: the language's own reading (a decimal), then
        # groups written with two marks
        ("1.000,000", "nl", (1000, 1000000)), ("1.000,000", "de", (1000, 1000000)),
        ("1,000.000", "en", (1000, 1000000)), ("1 000,000", "fr", (1000, 1000000)),
        ("1.000,000", "fr", (1000, 1000000)), ("1.234,567", "nl", (1234.567, 1234567)),
        ("-1.234,567", "nl", (-1234.567, -1234567)),
    ],
)
def test_groups_then_three_decimals_offer_both_readings_the_languages_own_first(
        text: str, lang: str, readings: tuple[float, ...]) -> None:
    result = parse_number(text, lang)
    assert isinstance(result, Ambiguity)
    assert result.readings == readings
    assert result.suggestion == readings[0]


def test_a_whole_number_question_is_offered_only_the_whole_readings() -> None:
    assert parse_number("1.000,000", "nl", integer=True) == Ambiguity("1.000,000", 1000, (1000000,))
    assert parse_number("1.234,567", "de", integer=True) == Ambiguity("1.234,567", 1234567)


@pytest.mark.parametrize("text", ["", "lots", "1e5", "inf", "nan", "1.00.0", "12 34", "5.", "1,,000", "0x10",
                                  "\u0663", "1 0000", "--1", "1.000,000.5"])
def test_not_a_number_is_refused(text: str) -> None:
    for lang in ("nl", "fr", "de", "en"):
        with pytest.raises(NumberError) as exc:
            parse_number(text, lang)
        assert exc.value.reason == "not_a_number"


def test_whole_numbers_where_things_are_counted() -> None:
    with pytest.raises(NumberError) as exc:
        parse_number("10.5", "en", integer=True)
    assert exc.value.reason == "not_whole"
    with pytest.raises(NumberError):
        parse_number("10,5", "nl", integer=True)
    with pytest.raises(NumberError):
        parse_number("1.5", "de", integer=True)  # only a decimal the other way, and not whole
    assert parse_number("2,0", "nl", integer=True) == 2
    # the ambiguous reading offered is the whole one
    assert parse_number("2.500", "en", integer=True) == Ambiguity("2.500", 2500)


def test_huge_input_is_refused_not_crashed() -> None:
    with pytest.raises(NumberError) as exc:
        parse_number("9" * 5000, "en")
    assert exc.value.reason == "too_long"


def test_messages_are_translated() -> None:
    with pytest.raises(NumberError) as exc:
        parse_number("veel", "nl")
    assert exc.value.message("en") == "'veel' is not a number"
    assert exc.value.message("nl") != exc.value.message("en")
    assert "veel" in exc.value.message("fr")


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        (20000000, "nl", "20.000.000"), (20000000, "de", "20.000.000"), (20000000, "en", "20,000,000"),
        (20000000, "fr", f"20{NNBSP}000{NNBSP}000"), (1, "nl", "1"), (999, "en", "999"), (1000, "en", "1,000"),
        (2.5, "nl", "2,5"), (2.5, "en", "2.5"), (1234.5, "de", "1.234,5"), (-1500, "en", "-1,500"),
        (100000.0, "fr", f"100{NNBSP}000"), (1e-7, "en", "0.0000001"),
    ],
)
def test_format_number(value: float, lang: str, text: str) -> None:
    assert format_number(value, lang) == text


def test_format_then_parse_round_trips() -> None:
    for lang in ("nl", "fr", "de", "en"):
        for value in (1, 12, 999, 1000, 65536, 20000000, 2.5, 1234.75):
            assert parse_number(format_number(value, lang), lang) == value
    assert format_number(200000, "nl", group=NBSP) == f"200{NBSP}000"


def _question(qtype: QuestionType, **bounds: float) -> Question:
    return Question("q", qtype, Text({"en": "Q"}), NOWHERE, "s", **bounds)  # type: ignore[arg-type]


def test_integer_rule_follows_min_max_and_step() -> None:
    assert is_integer_question(_question(QuestionType.NUMBER, minimum=1, maximum=100000))
    assert is_integer_question(_question(QuestionType.NUMBER))
    assert not is_integer_question(_question(QuestionType.NUMBER, minimum=0, maximum=100, step=0.5))
    assert not is_integer_question(_question(QuestionType.NUMBER, minimum=0.5, maximum=10))
    assert is_integer_question(_question(QuestionType.SCALE, minimum=1, maximum=5))


def test_bundled_number_questions_count_whole_things() -> None:
    q = load_bundled()
    numbers = [item for item in q.questions if item.type is QuestionType.NUMBER]
    assert {item.id for item in numbers} >= {"staff", "people_count"}
    assert all(is_integer_question(item) for item in numbers)
