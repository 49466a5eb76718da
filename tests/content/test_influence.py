"""Every question of the bundled questionnaire earns its place: it changes the result or the advice."""

from __future__ import annotations

import textwrap

import pytest

from cloudwizard.engine.influence import (
    QuestionInfluence,
    candidate_values,
    format_influence,
    influence,
)
from cloudwizard.engine.loader import load_bundled, load_questionnaire_text
from cloudwizard.engine.model import Questionnaire

#: Questions allowed to change neither the result nor the advice, each with the reason why.
#: Empty today: every question changes the top model or layer, or feeds a precaution, constraint or
#: notice (run `cloudwizard influence` to see which).
INFLUENCE_EXEMPT: dict[str, str] = {}


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_bundled()


@pytest.fixture(scope="module")
def rows(q: Questionnaire) -> list[QuestionInfluence]:
    return influence(q)


def test_GIVEN_the_bundled_questionnaire_THEN_no_question_is_idle(rows: list[QuestionInfluence]) -> None:
    idle = [r.question_id for r in rows if r.idle and r.question_id not in INFLUENCE_EXEMPT]
    assert idle == [], format_influence(rows, INFLUENCE_EXEMPT)


def test_every_question_is_shown_in_some_sampled_path(rows: list[QuestionInfluence]) -> None:
    assert [r.question_id for r in rows if r.visible == 0] == []


def test_exemptions_name_real_questions_and_give_a_reason(q: Questionnaire) -> None:
    for qid, reason in INFLUENCE_EXEMPT.items():
        assert qid in q.question_index and reason.strip()


def test_the_questions_that_shape_the_advice_most_do_change_the_result(rows: list[QuestionInfluence]) -> None:
    by_id = {r.question_id: r for r in rows}
    for qid in ("audience", "org_apps", "existing_servers", "it_skills", "data_types", "peers",
                "control_feeling", "consumer_projects", "gcloud_use"):
        assert by_id[qid].changes_result, qid
    # Obligations feed precautions only; that is their job.
    for qid in ("nis2", "nis2_supplier", "exit_plan", "backup_practices", "people_count"):
        assert by_id[qid].feeds_advice, qid


def test_the_report_is_deterministic(q: Questionnaire, rows: list[QuestionInfluence]) -> None:
    # How long it takes is measured in benchmarks/bench_engine.py (a timed test fails under load).
    assert influence(q) == rows


def test_the_table_lists_every_question_once(q: Questionnaire, rows: list[QuestionInfluence]) -> None:
    table = format_influence(rows)
    lines = table.splitlines()
    for qid in q.question_index:
        assert sum(1 for line in lines if line.split() and line.split()[0] == qid) == 1
    assert "0 idle" in lines[-1]


_TINY = textwrap.dedent(
    """\
    format: 1
    id: tiny
    version: "1"
    languages: [en]
    fallback_language: en
    title: {en: Tiny}
    precautions:
      - id: p
        title: {en: P}
        text: {en: Do P.}
    sections:
      - id: s
        title: {en: S}
        questions:
          - id: decides
            type: yesno
            label: {en: Decides?}
            choices:
              - id: "yes"
                label: {en: "Yes"}
                score: {private: 3}
              - id: "no"
                label: {en: "No"}
          - id: advises
            type: yesno
            label: {en: Advises?}
            choices:
              - id: "yes"
                label: {en: "Yes"}
                precautions: [p]
              - id: "no"
                label: {en: "No"}
          - id: idle
            type: single
            label: {en: Idle?}
            choices:
              - {id: a, label: {en: A}}
              - {id: b, label: {en: B}}
          - id: size
            type: number
            label: {en: Size?}
            min: 1
            max: 1000
            validation:
              - rule: value <= 500
                message: {en: Too big.}
            effects:
              - when: value >= 100
                score: {iaas: 2}
    """
)


def test_GIVEN_a_questionnaire_with_an_idle_question_WHEN_measured_THEN_only_that_one_is_flagged() -> None:
    tiny = load_questionnaire_text(_TINY).questionnaire
    assert tiny is not None
    found = {r.question_id: r for r in influence(tiny, samples=40, seed=1)}
    assert found["decides"].model_changes == found["decides"].visible == 40
    assert found["advises"].feeds_advice and not found["advises"].changes_result
    assert found["size"].layer_changes > 0
    assert found["idle"].idle
    table = format_influence(list(found.values()), {"idle": "kept for statistics"})
    assert "exempt: kept for statistics" in table and "IDLE" not in table
    assert "IDLE" in format_influence(list(found.values()))


def test_candidate_numbers_reach_every_range_and_respect_validation() -> None:
    tiny = load_questionnaire_text(_TINY).questionnaire
    assert tiny is not None
    values = candidate_values(tiny.question("size"))
    assert min(values) == 1 and 99 in values and 100 in values
    assert max(values) <= 500
