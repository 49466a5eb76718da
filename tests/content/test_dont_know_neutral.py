"""The "I don't know" answers added for the internet, loss and server-age questions are neutral: they move no score."""

from __future__ import annotations

from typing import Any

import pytest

from cloudwizard.engine.answers import coerce_for
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.yamlsafe import Node

#: question id -> (the choice without a score it is compared with, the "I don't know" choice)
NEUTRAL = {"internet": ("reliable", "unknown"), "loss_impact": ("some", "unknown")}
#: question id -> an "I don't know" choice that must score nothing (no choice of that question
#: without a score to compare it with; a scenario checks that it still asks the follow-up question)
SCORELESS = {**{qid: unknown for qid, (_, unknown) in NEUTRAL.items()}, "existing_servers": "age_unknown"}


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_bundled()


def _answers(q: Questionnaire, raw: dict[str, Any]) -> dict[str, Any]:
    plain = {k: v.plain() if isinstance(v, Node) else v for k, v in raw.items()}
    return {qid: coerce_for(q, qid, v) for qid, v in plain.items()}


@pytest.mark.parametrize("qid", sorted(SCORELESS))
def test_GIVEN_the_dont_know_choice_THEN_it_is_marked_and_scores_nothing(q: Questionnaire, qid: str) -> None:
    choice = q.question(qid).choice(SCORELESS[qid])
    assert choice is not None and choice.dont_know
    assert not choice.effect.score and not choice.effect.constraints


@pytest.mark.parametrize("qid", sorted(NEUTRAL))
def test_GIVEN_every_scenario_WHEN_answered_I_dont_know_THEN_scores_and_pair_are_unchanged(
    q: Questionnaire, qid: str
) -> None:
    plain, unknown = NEUTRAL[qid]
    compared = 0
    for scenario in q.tests:
        answers = _answers(q, dict(scenario.answers))
        if answers.get(qid) != plain:
            continue
        before = recommend(q, answers, counterfactuals=False)
        after = recommend(q, {**answers, qid: unknown}, counterfactuals=False)
        assert after.pair == before.pair, scenario.name
        assert after.deployment is not None and before.deployment is not None
        assert after.deployment.options == before.deployment.options, scenario.name
        assert after.layer.options == before.layer.options, scenario.name
        compared += 1
    assert compared >= 5
