"""Loading questionnaires: every problem found in one run, each with FILE:LINE:COL and the id at fault."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cloudwizard.engine.loader import load, load_questionnaire, load_questionnaire_text
from cloudwizard.engine.model import QuestionType
from cloudwizard.engine.schema import json_schema

from .minimal import BASIC, mini

REPO = Path(__file__).resolve().parents[2]


def messages(text: str) -> list[str]:
    return [str(d) for d in load_questionnaire_text(text, "q.yaml").report.sorted()]


def test_basic_questionnaire_loads_into_frozen_objects() -> None:
    result = load_questionnaire_text(BASIC, "q.yaml")
    assert result.report.diagnostics == []
    q = result.questionnaire
    assert q is not None
    assert [s.id for s in q.sections] == ["s1", "s2"]
    assert q.question("kinds").type is QuestionType.MULTIPLE
    assert q.question("kinds").choice("none").exclusive
    assert q.question("offline").choice_ids == ("yes", "no")
    assert q.constraints["no_public"].rules_out == ("public",)
    with pytest.raises(AttributeError):
        q.id = "other"  # type: ignore[misc]


def test_every_problem_is_reported_in_one_run() -> None:
    text = mini(
        """\
        sections:
          - id: s1
            title: {en: One}
            colour: red
            questions:
              - id: a
                type: single
                label: {en: A?}
                choices:
                  - {id: x, label: {en: X}, score: {pubic: 1}}
                  - {id: x, label: {en: X again}}
              - id: b
                type: yesno
                when: c == 'yes'
                label: {en: B?}
              - id: c
                type: scale
                label: {en: C?}
                min: 5
                max: 1
              - id: a
                type: text
                label: {en: dup}
        """
    )
    found = messages(text)
    assert "q.yaml:10:5: error: unknown key “colour” in section; allowed: id, title, intro, when, questions [s1]" in found
    assert any("unknown model or layer “pubic”; did you mean “public”?" in m and ":16:45:" in m for m in found)
    assert any("duplicate choice id “x” (first at line 16)" in m for m in found)
    assert any("“c” is asked later" in m and "[b]" in m for m in found)
    assert any("max (1) must be larger than min (5)" in m and "[c]" in m for m in found)
    assert any("duplicate question id “a”" in m for m in found)
    assert len([m for m in found if ": error: " in m]) >= 6


def test_missing_translation_is_a_warning() -> None:
    text = BASIC.replace("languages: [en]", "languages: [en, nl]").replace("fallback_language: en", "fallback_language: en")
    result = load_questionnaire_text(text, "q.yaml")
    assert result.questionnaire is not None
    assert result.report.errors == []
    assert any(d.code == "translation" and "missing translation: nl" in d.message for d in result.report.warnings)
    assert not result.report.ok(strict=True)


def test_unquoted_yaml11_boolean_where_text_is_expected_warns() -> None:
    text = BASIC.replace("{id: me, label: {en: Me}}", "{id: me, label: {en: no}}", 1)
    result = load_questionnaire_text(text, "q.yaml")
    assert any(d.code == "yaml11-bool" for d in result.report.warnings)


def test_dangling_references_name_the_thing_and_suggest() -> None:
    text = BASIC.replace("precautions: [backup]", "precautions: [bakup]").replace(
        "constraints: [no_public]", "constraints: [nopublic]")
    found = messages(text)
    assert any("unknown precaution “bakup” (did you mean “backup”?)" in m and "[kinds.photos]" in m for m in found)
    assert any("unknown constraint “nopublic” (did you mean “no_public”?)" in m for m in found)


def test_condition_errors_point_into_the_condition() -> None:
    text = BASIC.replace("when: who == 'firm'\n", "when: who == 'boss'\n", 1)
    found = messages(text)
    line = next(m for m in found if "has no choice “boss”" in m)
    assert line.startswith("q.yaml:")
    _, _line, col, *_ = line.split(":")
    assert int(col) > 15  # points at the literal, not at the start of the line


def test_wrong_types_and_missing_keys() -> None:
    text = mini(
        """\
        sections:
          - id: s1
            title: Plain string
            questions:
              - id: a
                type: dropdown
                label: {en: A?}
              - id: b
                type: yesno
                label: {en: B?}
                required: maybe
              - type: yesno
                label: {en: B?}
        """
    )
    found = messages(text)
    assert any("“title” must be a text per language" in m for m in found)
    assert any("“type” must be one of single, multiple, yesno, scale, number, text, not “dropdown”" in m for m in found)
    assert any("missing key “id” in question" in m for m in found)
    assert any("condition “maybe”" in m and "unknown question “maybe”" in m for m in found)


def test_format_and_top_level() -> None:
    assert any("format 2 is not supported" in m for m in messages(BASIC.replace("format: 1", "format: 2")))
    found = messages("- just\n- a list\n")
    assert found == ["q.yaml:1:1: error: expected a mapping (questionnaire), found a list"]


def test_yes_no_choices_must_be_yes_and_no() -> None:
    text = BASIC.replace(
        "required: \"'photos' in kinds\"",
        "required: \"'photos' in kinds\"\n        choices:\n"
        "          - {id: ja, label: {en: Ja}}\n          - {id: nee, label: {en: Nee}}",
    )
    assert any("must be “yes” and “no”" in m for m in messages(text))


@pytest.mark.parametrize(
    ("path", "fragment"),
    [("missing.yaml", "no such file"), (".", "folder")],
)
def test_load_questionnaire_never_raises(tmp_path: Path, path: str, fragment: str) -> None:
    result = load_questionnaire(tmp_path / path)
    assert result.questionnaire is None
    assert fragment in result.report.errors[0].message


def test_every_shipped_questionnaire_loads_cleanly() -> None:
    from cloudwizard.engine.loader import bundled_questionnaires

    paths = bundled_questionnaires()
    assert paths, "no questionnaire ships with the package"
    for path in paths:
        result = load_questionnaire(path)
        assert result.report.format() == "", path
        load(path)


def test_schema_json_is_generated_from_the_code() -> None:
    committed = json.loads((REPO / "questionnaires" / "schema.json").read_text(encoding="utf-8"))
    stale = "questionnaires/schema.json is stale: run `cloudwizard schema -o questionnaires/schema.json`"
    assert committed == json_schema(), stale


def test_schema_accepts_the_example_structure() -> None:
    """The schema names every key the example uses (a cheap structural check without a validator)."""
    import yaml

    schema = json_schema()
    example = yaml.safe_load((REPO / "questionnaires" / "examples" / "example.yaml").read_text(encoding="utf-8"))
    assert set(example) <= set(schema["properties"])
    question_keys = set(schema["$defs"]["question"]["properties"])
    for section in example["sections"]:
        for question in section["questions"]:
            assert set(question) <= question_keys
