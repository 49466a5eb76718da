"""Safe conditions: the whitelist, the load-time type checks and the evaluation rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cloudwizard.engine.conditions import ConditionError, NameInfo, compile_condition
from cloudwizard.engine.model import QuestionType

NAMES = {
    "who": NameInfo(QuestionType.SINGLE, ("me", "firm"), 0),
    "kinds": NameInfo(QuestionType.MULTIPLE, ("photos", "secret", "none"), 1),
    "offline": NameInfo(QuestionType.YESNO, ("yes", "no"), 2),
    "size": NameInfo(QuestionType.NUMBER, (), 3),
    "notes": NameInfo(QuestionType.TEXT, (), 4),
}
ANSWERS = {"who": "firm", "kinds": frozenset({"photos"}), "offline": "no", "size": 60, "notes": "hi"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("who == 'firm'", True),
        ("who != 'firm'", False),
        ("who in ('me', 'firm')", True),
        ("'photos' in kinds", True),
        ("'secret' not in kinds", True),
        ("offline", False),
        ("not offline", True),
        ("offline == 'no'", True),
        ("size >= 50 and size < 100", True),
        ("10 < size <= 60", True),
        ("size > -1", True),
        ("count(kinds) == 1", True),
        ("answered(notes) or false", True),
        ("who == 'me' or ('photos' in kinds and not offline)", True),
    ],
)
def test_evaluation(source: str, expected: bool) -> None:
    assert compile_condition(source, NAMES)(ANSWERS) is expected


@pytest.mark.parametrize(
    "source",
    ["who == 'me'", "who != 'me'", "'photos' in kinds", "size > 3", "offline", "count(kinds) >= 0 and size < 1"],
)
def test_unanswered_compares_false(source: str) -> None:
    assert compile_condition(source, NAMES)({}) is False


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("__import__('os').system('x')", "is not a function a condition may call"),
        ("who.upper() == 'X'", "'who.upper' is not a function"),
        ("who.real == 1", "not allowed"),
        ("[x for x in kinds]", "not allowed"),
        ("lambda: 1", "not allowed"),
        ("who == 'boss'", "has no choice 'boss'"),
        ("kinds == 'photos'", "multiple-choice answer"),
        ("'me' in who", "single answer"),
        ("who > 3", "not a number"),
        ("nobody == 'x'", "unknown question 'nobody'"),
        ("whoo == 'me'", "did you mean 'who'"),
        ("size", "bare name is only for yes/no"),
        ("who ==", "not a valid condition"),
        ("count(who) > 1", "count() is for multiple-choice"),
        ("", "empty"),
        ("size == 'big'", "comparing a text with a number"),
    ],
)
def test_mistakes_are_caught_at_load_time(source: str, fragment: str) -> None:
    with pytest.raises(ConditionError) as info:
        compile_condition(source, NAMES)
    assert any(fragment in m for m, _ in info.value.problems), info.value.problems


def test_forward_reference_and_self_reference_are_cycles() -> None:
    with pytest.raises(ConditionError, match="asked later"):
        compile_condition("size > 3", NAMES, before=2)
    with pytest.raises(ConditionError, match="refers to itself"):
        compile_condition("who == 'me'", NAMES, self_id="who")
    assert compile_condition("who == 'me'", NAMES, before=1).names == frozenset({"who"})


def test_value_names_the_answer_being_validated() -> None:
    rule = compile_condition("value <= 500", NAMES, value=NAMES["size"])
    assert rule({"value": 20}) and not rule({"value": 501})


def test_all_problems_are_reported_with_columns() -> None:
    with pytest.raises(ConditionError) as info:
        compile_condition("who == 'boss' and kinds == 'x'", NAMES)
    columns = [col for _, col in info.value.problems]
    assert len(columns) == 2 and columns[0] < columns[1]


@given(st.text(max_size=60))
def test_arbitrary_text_never_escapes_the_whitelist(source: str) -> None:
    try:
        cond = compile_condition(source, NAMES)
    except ConditionError:
        return
    assert isinstance(cond(ANSWERS), bool)


def test_a_section_reading_its_own_question_is_named_as_such() -> None:
    with pytest.raises(ConditionError, match="is asked in this section itself"):
        compile_condition("size > 3", NAMES, before=3, own_section=range(3, 5))
    with pytest.raises(ConditionError, match="is asked later"):
        compile_condition("notes == 'x'", NAMES, before=3, own_section=range(3, 4))
