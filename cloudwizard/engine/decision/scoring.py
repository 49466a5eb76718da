"""Scoring: the effects of the answers, decisive facts first, then weights, then the ranking."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cloudwizard.engine.decision.kinds import OptionScore, RankingKind
from cloudwizard.engine.model import (
    DEPLOYMENTS,
    LAYERS,
    MODELS,
    NO_LAYER,
    ON_PREMISES,
    OPTIONS,
    Effect,
    Questionnaire,
)
from cloudwizard.engine.session import Visibility, resolve


def effects(q: Questionnaire, view: Visibility) -> list[tuple[str, Any, str | None, Effect]]:
    """Every effect that applies: (origin, answer, choice id, effect), in reading order, then rules."""
    out: list[tuple[str, Any, str | None, Effect]] = []
    index = q.question_index
    for qid, value in view.answers.items():
        question = index[qid]
        if question.type.has_choices:
            chosen = sorted(value) if isinstance(value, frozenset) else (value,)
            for cid in chosen:
                choice = question.choice(cid)
                if choice is not None and not choice.effect.is_empty:
                    out.append((qid, value, cid, choice.effect))
        elif question.effects:
            scope = {"value": value}
            for rng in question.effects:
                if rng.when(scope):
                    out.append((qid, value, None, rng.effect))
    for rule in q.rules:
        if rule.when(view.answers):
            out.append((f"rule:{rule.id}", None, None, rule.effect))
    return out


@dataclass(slots=True)
class Scored:
    """Scores and decisive facts for one set of answers.

    Attributes:
        totals: score per option (every id of `OPTIONS`).
        excluded: option → constraints that rule it out.
        preferred: option → constraints that make it a first candidate.
        effects: the effects that applied.
        view: the visible questions and their answers.
    """

    totals: dict[str, float]
    excluded: dict[str, list[str]]
    preferred: dict[str, list[str]]
    effects: list[tuple[str, Any, str | None, Effect]]
    view: Visibility


def score(q: Questionnaire, answers: Mapping[str, Any]) -> Scored:
    """Score `answers`: base scores plus every effect's weights; constraints noted per option."""
    view = resolve(q, answers)
    applied = effects(q, view)
    totals = {o: float(q.base_scores.get(o, 0.0)) for o in OPTIONS}
    excluded: dict[str, list[str]] = {}
    preferred: dict[str, list[str]] = {}
    for _origin, _answer, _choice, effect in applied:
        for option, weight in effect.score.items():
            totals[option] = totals.get(option, 0.0) + weight
        for cid in effect.constraints:
            constraint = q.constraints[cid]
            for option in constraint.rules_out:
                bucket = excluded.setdefault(option, [])
                if cid not in bucket:
                    bucket.append(cid)
            for option in constraint.prefers:
                bucket = preferred.setdefault(option, [])
                if cid not in bucket:
                    bucket.append(cid)
    return Scored(totals, excluded, preferred, applied, view)


def options_of(q: Questionnaire, kind: RankingKind) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The options of a ranking kind and their tie order."""
    if kind is RankingKind.MODEL:
        return MODELS, q.model_order
    if kind is RankingKind.LAYER:
        return LAYERS, q.layer_order
    # Running it yourself comes after every cloud model in a tie: it asks the most of you.
    return DEPLOYMENTS, (*q.model_order, ON_PREMISES)


def rank(q: Questionnaire, kind: RankingKind, s: Scored) -> tuple[OptionScore, ...]:
    """Rank the options of `kind`.

    Not ruled out first, then first candidates (decisive facts), then by score, then by tie order.
    """
    options, order = options_of(q, kind)
    position = {o: i for i, o in enumerate(order)}

    def key(o: str) -> tuple[bool, bool, float, int]:
        out = o in s.excluded
        first = bool(s.preferred.get(o)) and not out
        return (out, not first, -round(s.totals[o], 9), position[o])

    ranked = sorted(options, key=key)
    return tuple(
        OptionScore(o, s.totals[o], tuple(s.excluded.get(o, ())), tuple(s.preferred.get(o, ()))) for o in ranked
    )


def tops(q: Questionnaire, answers: Mapping[str, Any]) -> tuple[str, str]:
    """The recommended pair's model and layer for `answers` (fast: no explanation)."""
    s = score(q, answers)
    return pair_tops(q, s)


def pair_tops(q: Questionnaire, s: Scored) -> tuple[str, str]:
    """The pair (deployment, layer) that `s` recommends."""
    deployment = rank(q, RankingKind.DEPLOYMENT, s)[0].id
    if deployment == ON_PREMISES:
        return deployment, NO_LAYER
    return deployment, rank(q, RankingKind.LAYER, s)[0].id
