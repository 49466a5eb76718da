"""Regression tests for the engine fixes that the corpus, the property tests and the fuzz run led to."""

from __future__ import annotations

import contextlib

import pytest

from cloudwizard.engine.diagnostics import Diagnostic, Severity, printable
from cloudwizard.engine.model import Location
from cloudwizard.engine.yamlsafe import YamlError, parse_bytes, parse_text


def _error(text: str) -> YamlError:
    with pytest.raises(YamlError) as info:
        parse_text(text, "f.yaml")
    return info.value


def test_control_character_is_reported_at_its_place() -> None:
    err = _error("a: 1\nb: x\x07y\n")
    assert (err.location.line, err.location.column) == (2, 5)
    assert err.message == "the file holds a control character (U+0007) that YAML does not allow; remove it"


def test_syntax_error_names_where_the_unclosed_construct_starts() -> None:
    err = _error("a: 1\nb: [x, y\n\nc: 2\n")
    assert "(while parsing a flow sequence that starts at line 2, column 4)" in err.message


@pytest.mark.parametrize(
    ("text", "tip"),
    [("a:\n  b: 1\n\tc: 2\n", "indent with spaces, not tabs"),
     ("a: Who: you?\n", "put a text that holds ': ' in quotes")],
)
def test_common_syntax_errors_say_what_to_do(text: str, tip: str) -> None:
    assert _error(text).message.endswith(tip)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_named(encoding: str) -> None:
    data = "\ufeffa: 1\n".encode(encoding)
    with pytest.raises(YamlError) as info:
        parse_bytes(data, "f.yaml")
    assert info.value.message == f"the file is {encoding[:6].upper()} text; save it as UTF-8"


def test_tags_are_shown_as_written() -> None:
    err = _error("a: !!python/object/apply:os.system [id]\n")
    assert err.message.startswith("the YAML tag '!!python/object/apply:os.system' is not allowed")


def test_messages_never_replay_control_characters() -> None:
    d = Diagnostic(Severity.ERROR, Location("f.yaml", 1, 2), "unknown key '\x1b[2J\u202e'", ref="x\x07")
    assert str(d) == "f.yaml:1:2: error: unknown key “\\x1b[2J\\u202e” [x\\x07]"
    assert printable("tab\tand newline\n stay") == "tab\tand newline\n stay"


def _messages(body: str) -> list[str]:
    from cloudwizard.engine.loader import load_questionnaire_text
    from tests.engine.minimal import mini

    return load_questionnaire_text(mini(body), "q.yaml").report.format().splitlines()


_ONE_QUESTION = """\
    sections:
      - id: s1
        title: {en: One}
        questions:
          - id: kinds
            type: %s
            label: {en: Kinds?}
            choices:
              - {id: a, label: {en: A}}
              - {id: %s, label: {en: B}, exclusive: %s}
    """


def test_enum_typo_gets_a_suggestion_and_no_repeated_value() -> None:
    assert _messages(_ONE_QUESTION % ("multple", "b", "true")) == [
        "q.yaml:12:15: error: “type” must be one of single, multiple, yesno, scale, number, text, not “multple”; "
        "did you mean “multiple”? [kinds]"
    ]


def test_yaml11_boolean_where_true_or_false_is_needed_says_what_to_write() -> None:
    assert _messages(_ONE_QUESTION % ("multiple", "b", "yes")) == [
        "q.yaml:16:48: error: “exclusive” must be true or false: write true instead of “yes” [b]"
    ]


def test_duplicate_choice_is_not_also_reported_as_too_few_choices() -> None:
    assert _messages(_ONE_QUESTION % ("multiple", "a", "true")) == [
        "q.yaml:16:18: error: duplicate choice id “a” (first at line 15) [a]"
    ]


def test_text_example_uses_the_questionnaires_languages_and_nested_names_read_well() -> None:
    found = _messages(_ONE_QUESTION.replace("label: {en: Kinds?}", "label: Kinds?").replace(
        "{id: a, label: {en: A}}", "{id: a, label: {en: A}, score: {saas: 2000}}") % ("multiple", "b", "true"))
    assert found == [
        "q.yaml:13:16: error: “label” must be a text per language, e.g. {en: …} (found “Kinds?”) [kinds]",
        "q.yaml:15:51: error: “score.saas”: 2000 is out of range (-1000 to 1000) [a]",
    ]


def test_a_disallowed_call_names_the_function() -> None:
    from cloudwizard.engine.conditions import ConditionError, compile_condition

    with pytest.raises(ConditionError) as info:
        compile_condition("__import__('os').system('id') == 0", {})
    assert info.value.problems == [
        ("'__import__('os').system' is not a function a condition may call; allowed: answered, count", 0)
    ]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("cloudwizard_answers: {v: 1}\nquestionnaire: {id: mini, version: '1'}\n",
         "a.yaml:1:22: error: “cloudwizard_answers” must be the format number 1 (found a mapping)"),
        ("cloudwizard_answers: 1\nquestionnaire: {id: [mini], version: '1'}\n",
         "a.yaml:2:21: error: the questionnaire id must be a text such as “mini” (found a list)"),
        ("cloudwizard_answers: 1\nquestionnaire: {id: mini, version: {major: 1}}\n",
         "a.yaml:2:36: error: the questionnaire version must be a text such as “1” (found a mapping)"),
        ("cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '1'}\nset_aside: [x]\n",
         "a.yaml:3:12: error: “set_aside” must be a mapping of question id to answer"),
        ("cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '1'}\nlanguage: es\n",
         "a.yaml:3:11: error: language must be one of nl, fr, de, en (found “es”)"),
        ("cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '1'}\nanswers: {who: true}\n",
         "a.yaml:3:16: error: answer to “who”: expected one choice id, got true [who]"),
    ],
)
def test_answers_messages_never_show_internal_objects(head: str, expected: str) -> None:
    from cloudwizard.engine.answers import parse_answers
    from cloudwizard.engine.loader import load_questionnaire_text
    from tests.engine.minimal import BASIC

    q = load_questionnaire_text(BASIC, "q.yaml").questionnaire
    assert q is not None
    text = head if "\nanswers:" in head else head + "answers: {who: me}\n"
    lines = parse_answers(text, q, "a.yaml").report.format().splitlines()
    assert lines == [expected]
    assert "Node(" not in "\n".join(lines)


@pytest.mark.parametrize("text", ["1e5", "0E0", "-2E-3", "1_000", "+7", "null", "True", "~", "", "yes", "0x1F", ".inf"])
def test_a_saved_text_answer_always_reads_back_as_the_same_text(text: str) -> None:
    """Found by the property tests: PyYAML wrote ``notes: 1e5`` unquoted and it came back as a number."""
    from cloudwizard.engine.answers import AnswersFile, dump_answers, parse_answers
    from cloudwizard.engine.loader import load_questionnaire_text
    from tests.reliability.strategies import EXAMPLE_TEXT

    q = load_questionnaire_text(EXAMPLE_TEXT, "example.yaml").questionnaire
    assert q is not None
    answers = {"audience": "consumer", "notes": text} if text else {"audience": "consumer"}
    back = parse_answers(dump_answers(AnswersFile("example", "1.0", answers)), q, "a.yaml")
    assert back.report.diagnostics == []
    assert back.data is not None and back.data.answers == answers


@pytest.mark.parametrize("answers", [{"who": []}, {"who": {"a": 1}}, {"kinds": 3}])
def test_conditions_are_total_even_for_answers_of_the_wrong_shape(answers: dict[str, object]) -> None:
    """Found by the property tests: ``who in ('me', 'firm')`` raised TypeError for a list answer."""
    from cloudwizard.engine.conditions import NameInfo, compile_condition
    from cloudwizard.engine.model import QuestionType

    names = {"who": NameInfo(QuestionType.SINGLE, ("me", "firm"), 0),
             "kinds": NameInfo(QuestionType.MULTIPLE, ("photos",), 1)}
    cond = compile_condition("who in ('me', 'firm') or 'photos' in kinds", names)
    assert cond(answers) is False


def test_count_of_an_answer_of_the_wrong_shape_is_zero() -> None:
    """Found by the property tests: ``count(kinds)`` raised TypeError for a number."""
    from cloudwizard.engine.conditions import NameInfo, compile_condition
    from cloudwizard.engine.model import QuestionType

    cond = compile_condition("count(kinds) < 1", {"kinds": NameInfo(QuestionType.MULTIPLE, ("a",), 0)})
    assert cond({"kinds": 1}) is True and cond({"kinds": frozenset({"a"})}) is False


def test_compiling_a_condition_prints_no_python_warnings() -> None:
    """Found by the property tests: ``1if x`` made Python print a SyntaxWarning on standard error."""
    import warnings

    from cloudwizard.engine.conditions import ConditionError, compile_condition

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for source in ("1if x else y", "0x1for", "size > 1is 2"):
            with contextlib.suppress(ConditionError):
                compile_condition(source, {})
    assert [str(w.message) for w in caught] == []


@pytest.mark.parametrize("text", ["a: &b [*b]\n", "a: &m {x: *m}\n", "a: &l [1, [2, *l]]\n"])
def test_an_alias_inside_its_own_anchor_is_refused(text: str) -> None:
    """Found by tools/fuzz.py: ``language: &b [*b]`` built a list holding itself (RecursionError later)."""
    err = _error(text)
    assert err.code == "alias" and "endless loop" in err.message
    assert err.location.line == 1
