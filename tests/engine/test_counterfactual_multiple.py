"""Counterfactuals never suggest leaving a multiple-choice question unanswered."""

from __future__ import annotations

import textwrap

from cloudwizard.engine.answers import answers_from_mapping
from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.recommender import what_would_change

_TEXT = textwrap.dedent(
    """\
    format: 1
    id: cf
    version: "1"
    languages: [en]
    fallback_language: en
    title: {en: T}
    sections:
      - id: s
        title: {en: S}
        questions:
          - id: needs
            type: multiple
            label: {en: Needs?}
            choices:
              - id: build
                label: {en: Build}
                score: {paas: 3}
              - id: office
                label: {en: Office}
                score: {saas: 4}
    """
)


def test_GIVEN_a_single_choice_that_decides_the_layer_WHEN_asking_what_would_change_THEN_emptying_it_is_not_offered() -> None:
    result = load_questionnaire_text(_TEXT)
    assert result.questionnaire is not None
    q = result.questionnaire
    answers = answers_from_mapping(q, {"needs": ["build"]})
    changes = what_would_change(q, answers, "public", "paas")
    assert changes, "adding 'office' changes the layer"
    for cf in changes:
        for change in cf.changes:
            assert change.after, f"suggests an empty answer: {change}"
    assert {(c.kind, c.new_top) for c in changes} == {("layer", "saas")}
    assert [c.after for cf in changes for c in cf.changes] == [frozenset({"build", "office"})]
