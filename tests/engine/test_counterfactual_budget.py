"""The counterfactual search does bounded work on the largest questionnaires (issue 14 §2)."""

from __future__ import annotations

from typing import Any

import pytest

from cloudwizard.engine import recommender
from cloudwizard.engine.decision import counterfactuals
from cloudwizard.engine.loader import load_bundled, load_questionnaire_text
from cloudwizard.engine.model import Questionnaire


def _wide(questions: int, choices: int) -> Questionnaire:
    out = ["format: 1", "id: wide", 'version: "1"', "languages: [en]", "fallback_language: en", "title: {en: Wide}",
           "sections:", "  - id: s", "    title: {en: S}", "    questions:"]
    for i in range(questions):
        out += [f"      - id: q{i}", "        type: single", "        label: {en: Q}", "        choices:"]
        out += [f"          - {{id: c{j}, label: {{en: C}}, score: {{{'public' if j % 2 else 'private'}: {1 + j % 3}}}}}"
                for j in range(choices)]
    result = load_questionnaire_text("\n".join(out) + "\n", "wide.yaml")
    assert result.questionnaire is not None, result.report.format()
    return result.questionnaire


@pytest.mark.parametrize(("questions", "choices"), [(2, 5_000), (400, 5)])
def test_the_search_tries_no_more_than_its_budget(monkeypatch: pytest.MonkeyPatch, questions: int, choices: int) -> None:
    q = _wide(questions, choices)
    calls: list[int] = []
    real = counterfactuals.tops

    def counting(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(counterfactuals, "tops", counting)
    answers = {question.id: question.choices[0].id for question in q.questions}
    rec = recommender.recommend(q, answers, counterfactuals=False)
    recommender.what_would_change(q, answers, rec.model.recommended, rec.layer.recommended)
    assert len(calls) <= counterfactuals._trial_budget(q) < questions * choices


def test_the_bundled_questionnaire_is_never_cut_short() -> None:
    q = load_bundled()
    singles = sum(max(len(question.choices), 30) for question in q.questions)
    assert counterfactuals._trial_budget(q) > singles + 15 * 16  # every single change and every pair tried
