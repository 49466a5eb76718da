"""A number written as text in an answers file is read as the file's language writes it, or refused
at its place; it is never cut short ("200,000" used to become 200 in the terminal)."""

from __future__ import annotations

import textwrap

import pytest

from cloudwizard.engine.answers import parse_answers
from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire

QUESTIONNAIRE = textwrap.dedent("""\
    format: 1
    id: numbers
    version: "1"
    languages: [en, nl, fr, de]
    fallback_language: en
    title: {en: Numbers, nl: Getallen, fr: Nombres, de: Zahlen}
    sections:
      - id: s
        title: {en: S, nl: S, fr: S, de: S}
        questions:
          - id: staff
            type: number
            label: {en: Staff, nl: Personeel, fr: Personnel, de: Personal}
            min: 1
            max: 20000000
          - id: share
            type: number
            label: {en: Share, nl: Deel, fr: Part, de: Anteil}
            min: 0
            max: 100
            step: 0.5
    """)


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    result = load_questionnaire_text(QUESTIONNAIRE, "numbers.yaml")
    assert result.questionnaire is not None, result.report.format()
    return result.questionnaire


def answers(lang: str, staff: str, share: str = "1") -> str:
    return textwrap.dedent(f"""\
        cloudwizard_answers: 1
        questionnaire: {{id: numbers, version: "1"}}
        language: {lang}
        answers:
          staff: "{staff}"
          share: "{share}"
        """)


@pytest.mark.parametrize(("lang", "staff", "share", "expected"), [
    ("nl", "200.000", "2,5", (200000, 2.5)),
    ("fr", "200 000", "2,5", (200000, 2.5)),
    ("de", "1.000.000", "12,5", (1000000, 12.5)),
    ("en", "200,000", "2.5", (200000, 2.5)),
    ("en", "7", "50", (7, 50)),
])
def test_text_numbers_read_the_language_s_way(q: Questionnaire, lang: str, staff: str, share: str,
                                              expected: tuple[float, float]) -> None:
    result = parse_answers(answers(lang, staff, share), q, "a.yaml")
    assert result.data is not None, result.report.format()
    assert (result.data.answers["staff"], result.data.answers["share"]) == expected


@pytest.mark.parametrize(("lang", "staff"), [("nl", "200,000"), ("en", "250.000")])
def test_an_ambiguous_number_is_refused_at_its_place(q: Questionnaire, lang: str, staff: str) -> None:
    result = parse_answers(answers(lang, staff), q, "a.yaml")
    assert result.data is None
    text = result.report.format()
    assert "a.yaml:5:" in text and "can be read two ways" in text, text


def test_a_fraction_of_a_person_is_refused(q: Questionnaire) -> None:
    result = parse_answers(answers("en", "10.5"), q, "a.yaml")
    assert result.data is None
    assert "whole number" in result.report.format()
