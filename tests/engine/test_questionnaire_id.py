"""The questionnaire id may hold hyphens (the bundled one is ``cloudwizard-be``); other ids may not."""

from __future__ import annotations

import textwrap

from cloudwizard.engine.loader import BUNDLED_ID, load_questionnaire_text

_TEMPLATE = textwrap.dedent(
    """\
    format: 1
    id: {qid}
    version: "1"
    languages: [en]
    fallback_language: en
    title: {{en: T}}
    sections:
      - id: s
        title: {{en: S}}
        questions:
          - id: {question_id}
            type: yesno
            label: {{en: Q?}}
    """
)


def test_GIVEN_a_hyphenated_questionnaire_id_WHEN_loaded_THEN_it_is_accepted() -> None:
    result = load_questionnaire_text(_TEMPLATE.format(qid=BUNDLED_ID, question_id="q"))
    assert result.report.errors == []
    assert result.questionnaire is not None
    assert result.questionnaire.id == "cloudwizard-be"


def test_GIVEN_an_upper_case_questionnaire_id_WHEN_loaded_THEN_it_is_an_error() -> None:
    result = load_questionnaire_text(_TEMPLATE.format(qid="Cloud-BE", question_id="q"))
    assert result.questionnaire is None
    assert any("questionnaire id" in d.message for d in result.report.errors)


def test_GIVEN_a_hyphenated_question_id_WHEN_loaded_THEN_it_is_still_an_error() -> None:
    # Question ids are names in conditions, where '-' would read as a minus.
    result = load_questionnaire_text(_TEMPLATE.format(qid="x", question_id="my-q"))
    assert result.questionnaire is None
