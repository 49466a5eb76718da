"""The recommender: constraints before weights, ties, explanations and counterfactuals."""

from __future__ import annotations

from typing import Any

import pytest

from cloudwizard.engine.answers import answers_from_mapping
from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import recommend, what_would_change

from .minimal import BASIC, mini

#: A questionnaire with one yes/no question and no effects: every option scores 0.
ONE_YES_NO_QUESTION = mini(
    """\
    sections:
      - id: s
        title: {en: S}
        questions:
          - id: a
            type: yesno
            label: {en: A?}
    """
)


@pytest.fixture
def q() -> Questionnaire:
    result = load_questionnaire_text(BASIC, "q.yaml")
    assert result.questionnaire is not None
    return result.questionnaire


def rec_for(q: Questionnaire, raw: dict[str, Any], **kw: Any) -> Any:
    return recommend(q, answers_from_mapping(q, raw), today="2026-01-02", **kw)


def test_weights_rank_models_and_layers(q: Questionnaire) -> None:
    rec = rec_for(q, {"who": "me", "kinds": ["photos"], "offline": "yes"})
    assert rec.model.recommended == "public"
    assert rec.layer.recommended == "saas"
    assert rec.model.score_of("public").score == 2
    assert [r.origin for r in rec.model.reasons] == ["who"]
    assert [a.id for a in rec.precautions] == ["backup"]
    assert rec.precautions[0].triggered_by == ("kinds",)
    assert rec.created == "2026-01-02"


def test_hard_constraint_beats_any_weight(q: Questionnaire) -> None:
    text = BASIC.replace("score: {private: 4}", "score: {public: 10}")
    q2 = load_questionnaire_text(text, "q.yaml").questionnaire
    assert q2 is not None
    rec = rec_for(q2, {"who": "firm", "size": 10, "kinds": ["secret"]})
    public = rec.model.score_of("public")
    assert public.excluded_by == ("no_public",)
    assert rec.model.recommended != "public"
    assert rec.model.options[-1].id == "public"
    assert [a.id for a in rec.constraints] == ["no_public"]


def test_ties_follow_the_documented_order() -> None:
    text = ONE_YES_NO_QUESTION
    q = load_questionnaire_text(text, "t.yaml").questionnaire
    assert q is not None
    rec = recommend(q, {"a": "yes"})
    assert [o.id for o in rec.model.options] == ["public", "hybrid", "community", "private"]
    assert [o.id for o in rec.layer.options] == ["saas", "paas", "iaas"]
    assert rec.model.confidence_level == "low"
    custom = load_questionnaire_text(
        text + "tie_order: {models: [private, community, hybrid, public], layers: [iaas, paas, saas]}\n", "t.yaml"
    ).questionnaire
    assert custom is not None
    assert recommend(custom, {"a": "yes"}).model.recommended == "private"


def test_hidden_answers_never_count(q: Questionnaire) -> None:
    answers = answers_from_mapping(q, {"who": "me", "size": 900, "kinds": ["none"]})
    rec = recommend(q, answers)
    assert "size" not in rec.answers
    assert rec.hidden_answers == {"size": 900}
    assert rec.layer.score_of("iaas").score == 0


def test_range_effects_apply_by_value(q: Questionnaire) -> None:
    small = rec_for(q, {"who": "firm", "size": 10, "kinds": ["none"]})
    big = rec_for(q, {"who": "firm", "size": 60, "kinds": ["none"]})
    assert small.model.recommended == "hybrid" and small.model.score_of("hybrid").score == 1
    assert big.model.score_of("hybrid").score == 4
    assert big.layer.recommended == "iaas"
    assert any(r.origin == "size" for r in big.layer.reasons)


def test_counterfactuals_really_change_the_result(q: Questionnaire) -> None:
    rec = rec_for(q, {"who": "firm", "size": 60, "kinds": ["none"]})
    assert rec.what_would_change, "expected at least one counterfactual"
    for cf in rec.what_would_change:
        changed = recommend(q, cf.answers(rec.answers), counterfactuals=False)
        top = changed.model.recommended if cf.kind == "model" else changed.layer.recommended
        assert top == cf.new_top
        assert top != (rec.model.recommended if cf.kind == "model" else rec.layer.recommended)
        assert all(c.question_id != "who" for c in cf.changes), "the audience question is not advice"
    layer_cf = [cf for cf in rec.what_would_change if cf.kind == "layer"]
    assert any(c.question_id == "size" and c.after == 49 for cf in layer_cf for c in cf.changes)


def test_recommendation_is_deterministic(q: Questionnaire) -> None:
    raw = {"who": "firm", "size": 60, "kinds": ["photos", "secret"], "offline": "no"}
    first, second = rec_for(q, raw), rec_for(q, raw)
    assert first.model == second.model and first.layer == second.layer
    assert first.what_would_change == second.what_would_change


def test_what_would_change_is_empty_when_nothing_can(q: Questionnaire) -> None:
    text = ONE_YES_NO_QUESTION
    q2 = load_questionnaire_text(text, "t.yaml").questionnaire
    assert q2 is not None
    assert what_would_change(q2, {"a": "yes"}, "public", "saas") == ()


def test_example_questionnaire_scenarios(example_questionnaire: Questionnaire) -> None:
    from cloudwizard.engine.scenarios import run_scenarios

    results = run_scenarios(example_questionnaire)
    assert results and all(r.passed for r in results), [r.failures for r in results]
