"""The recommender: answers → one explained `Recommendation`.

How it decides (also in ``docs/recommender.md`` and ``docs/advice-quality.md``):

1. Work out which questions are visible; only their answers count.
2. Collect the *effects* of the answers: every chosen choice's effect, every range effect of a scale
   or number answer whose condition holds, and every questionnaire rule whose condition holds.
3. Decisive facts first: an option named in a triggered constraint's ``rules_out`` is excluded; an
   option named in its ``prefers`` becomes a first candidate (ranked before the others).
4. Then weights: each option's score is its base score plus the weights of all effects.
5. Rank three ways: the four cloud models, the three cloud layers, and the deployments (the four
   models plus ``on_premises``: you run it yourself). Ties are broken by the questionnaire's
   ``tie_order``.
6. The recommended **pair** is the top deployment with the top layer, or ``on_premises`` with no
   cloud layer. Needs that ask for another layer get a part of their own (a split advice).
7. Explain: the margin on one clarity scale (clear / fairly clear / close call), near ties with
   what would decide them, the answers that favoured the top option most, constraints and
   precautions with what triggered them, pros and cons, notices, further reading, and the
   smallest plausible changes of answers that would change the pair ("what would change this").

The pieces live in `cloudwizard.engine.decision` (kinds, scoring, explanation, counterfactuals);
this module puts them together and re-exports the public names. The result is deterministic.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cloudwizard.engine.decision.counterfactuals import MAX_COUNTERFACTUALS, what_would_change
from cloudwizard.engine.decision.explanation import (
    MAX_REASONS,
    SPLIT_MIN_WEIGHT,
    combination_of,
    explain,
    pair_of,
    runner_up_pair,
    split_advice,
    with_deciding,
)
from cloudwizard.engine.decision.kinds import (
    CLEAR_MARGIN,
    CONFIDENCE_SCALE,
    FAIRLY_CLEAR_MARGIN,
    HIGH_CONFIDENCE,
    MEDIUM_CONFIDENCE,
    Applied,
    Change,
    Clarity,
    Combination,
    Contribution,
    Counterfactual,
    NearTie,
    OptionScore,
    Pair,
    Ranking,
    RankingKind,
    SplitPart,
    clarity_for,
)
from cloudwizard.engine.decision.scoring import score as _score
from cloudwizard.engine.model import Constraint, Effect, Notice, Precaution, Questionnaire, Reading

__all__ = [
    "CLEAR_MARGIN",
    "CONFIDENCE_SCALE",
    "FAIRLY_CLEAR_MARGIN",
    "HIGH_CONFIDENCE",
    "MAX_COUNTERFACTUALS",
    "MAX_REASONS",
    "MEDIUM_CONFIDENCE",
    "SPLIT_MIN_WEIGHT",
    "Applied",
    "Change",
    "Clarity",
    "Combination",
    "Contribution",
    "Counterfactual",
    "NearTie",
    "OptionScore",
    "Pair",
    "Ranking",
    "RankingKind",
    "Recommendation",
    "SplitPart",
    "clarity_for",
    "recommend",
    "what_would_change",
]


@dataclass(frozen=True)
class Recommendation:
    """Everything the GUI, the command line and every report render: one explained result."""

    questionnaire: Questionnaire
    answers: Mapping[str, Any]
    hidden_answers: Mapping[str, Any]
    audience: str | None
    model: Ranking
    layer: Ranking
    contributions: tuple[Contribution, ...]
    constraints: tuple[Applied, ...]
    precautions: tuple[Applied, ...]
    notices: tuple[Notice, ...]
    further_reading: tuple[Reading, ...]
    what_would_change: tuple[Counterfactual, ...] = ()
    created: str = field(default_factory=lambda: _dt.date.today().isoformat())
    #: The four models and running it yourself (``on_premises``), best first: the pair's model.
    deployment: Ranking | None = None
    #: The recommended pair: a model (or ``on_premises``) and a layer (or ``none``).
    pair: Pair | None = None
    #: The nearest other pair (what the advice would be if the closer of the two rankings flipped).
    runner_up_pair: Pair | None = None
    #: A split advice, the recommended pair first; empty when one pair serves every need.
    split: tuple[SplitPart, ...] = ()
    #: How the parts relate (one pair, own equipment plus cloud services, a real hybrid cloud, a split).
    combination: Combination = Combination.SINGLE

    @property
    def clarity(self) -> Clarity:
        """How clear the recommended pair is: the less clear of its model and (cloud) layer."""
        d = self.deployment or self.model
        levels = [d.clarity] if self.pair is not None and self.pair.self_run else [d.clarity, self.layer.clarity]
        order = [Clarity.CLOSE_CALL, Clarity.FAIRLY_CLEAR, Clarity.CLEAR]
        return min(levels, key=order.index)

    @property
    def near_ties(self) -> tuple[NearTie, ...]:
        """Near ties of the pair's model and (unless self-run) layer, each with what would decide it."""
        d = self.deployment or self.model
        out = [d.near_tie] if d.near_tie else []
        if self.layer.near_tie and not (self.pair is not None and self.pair.self_run):
            out.append(self.layer.near_tie)
        return tuple(out)

    @property
    def pair_reasons(self) -> tuple[Contribution, ...]:
        """Why this pair: the reasons for its model, then those for its layer (each answer once)."""
        d = self.deployment or self.model
        items = list(d.reasons)
        if not (self.pair is not None and self.pair.self_run):
            items += list(self.layer.reasons)
        seen: set[tuple[str, str | None]] = set()
        out = []
        for c in items:
            if (c.origin, c.choice) not in seen:
                seen.add((c.origin, c.choice))
                out.append(c)
        return tuple(out)

    def constraint(self, constraint_id: str) -> Constraint:
        """The questionnaire's constraint with this id."""
        return self.questionnaire.constraints[constraint_id]

    def precaution(self, precaution_id: str) -> Precaution:
        """The questionnaire's precaution with this id."""
        return self.questionnaire.precautions[precaution_id]

    def cited_sources(self) -> tuple[str, ...]:
        """Ids of every source the shown texts cite, in the questionnaire's order."""
        cited: set[str] = set()
        for a in self.constraints:
            cited.update(self.constraint(a.id).sources)
        for a in self.precautions:
            cited.update(self.precaution(a.id).sources)
        for ranking in (self.model, self.layer, *((self.deployment,) if self.deployment else ())):
            for t in ranking.pros + ranking.cons + ranking.runner_up_pros + ranking.runner_up_cons:
                cited.update(t.sources)
        for n in self.notices:
            cited.update(n.sources)
        for r in self.further_reading:
            cited.update(r.sources)
        return tuple(s.id for s in self.questionnaire.sources if s.id in cited)


# -- putting it together ----------------------------------------------------------------------


def _applied(effects: Iterable[tuple[str, Any, str | None, Effect]], attr: str) -> tuple[Applied, ...]:
    found: dict[str, list[str]] = {}
    for origin, _answer, _choice, effect in effects:
        for ident in getattr(effect, attr):
            found.setdefault(ident, [])
            if origin not in found[ident]:
                found[ident].append(origin)
    return tuple(Applied(k, tuple(v)) for k, v in found.items())


def _fits_advice(p: Precaution, audience: str | None, models: set[str]) -> bool:
    """Whether a triggered precaution fits the audience and the pair(s) recommended."""
    if p.audiences and audience not in p.audiences:
        return False
    return not p.models or bool(models & set(p.models))


def _deciding(r: Ranking, cfs: tuple[Counterfactual, ...], kind: RankingKind) -> tuple[str, ...]:
    """Questions whose change would put another option of a near tie first."""
    if r.near_tie is None:
        return ()
    out: list[str] = []
    for cf in cfs:
        if cf.kind is kind and cf.new_top in r.near_tie.options:
            for c in cf.changes:
                if c.question_id not in out:
                    out.append(c.question_id)
    if not out:
        for reason in sorted(r.reasons, key=lambda c: -abs(c.edge)):
            if reason.origin not in out and not reason.origin.startswith("rule:"):
                out.append(reason.origin)
    return tuple(out)


def _distinct(cfs: tuple[Counterfactual, ...]) -> tuple[Counterfactual, ...]:
    """The counterfactuals to show: one per set of changes.

    A change that moves both the model and the layer is found once for each kind; both would be
    said as the same sentence (the new pair), so the second is left out. Near ties still use every
    counterfactual found (`_deciding`).
    """
    seen: set[tuple[Any, ...]] = set()
    out: list[Counterfactual] = []
    for cf in cfs:
        key = tuple((c.question_id, c.after) for c in cf.changes)
        if key not in seen:
            seen.add(key)
            out.append(cf)
    return tuple(out)


def recommend(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    *,
    counterfactuals: bool = True,
    today: str | None = None,
) -> Recommendation:
    """Rank the models, layers and deployments for `answers`, pick the pair and explain it.

    Args:
        questionnaire: the loaded questionnaire.
        answers: answers in the engine's form (see `answers.coerce_answer`); answers to hidden
            questions are ignored.
        counterfactuals: also search "what would change this" (the slowest part).
        today: the date to print in reports (ISO); default today.
    """
    q = questionnaire
    s = _score(q, answers)
    contributions = [
        Contribution(origin, answer, choice, dict(effect.score), effect.because)
        for origin, answer, choice, effect in s.effects
        if effect.score
    ]
    audience = s.view.answers.get(q.audience_question) if q.audience_question else None
    model = explain(RankingKind.MODEL, q, s, contributions, audience)
    layer = explain(RankingKind.LAYER, q, s, contributions, audience)
    deployment = explain(RankingKind.DEPLOYMENT, q, s, contributions, audience)
    pair = pair_of(deployment, layer)
    split = split_advice(q, s, pair, model)
    # A split advice's other parts are no runner-up to it: the rankings explain the lead over the
    # best option that is not a part of the advice.
    parts = {part.pair for part in split[1:]}
    taken_layers = frozenset(p.layer for p in parts if p.model == pair.model)
    if taken_layers:
        layer = explain(RankingKind.LAYER, q, s, contributions, audience, taken_layers)
    taken_models = frozenset(p.model for p in parts if p.model != pair.model)
    if taken_models:
        deployment = explain(RankingKind.DEPLOYMENT, q, s, contributions, audience, taken_models)
    order = list(q.precautions)
    used = {pair.model, *(part.pair.model for part in split)}
    precautions = tuple(
        sorted(
            (a for a in _applied(s.effects, "precautions") if _fits_advice(q.precautions[a.id], audience, used)),
            key=lambda a: order.index(a.id),
        )
    )
    rec = Recommendation(
        questionnaire=q,
        answers=dict(s.view.answers),
        hidden_answers=dict(s.view.hidden_answers),
        audience=audience,
        model=model,
        layer=layer,
        contributions=tuple(contributions),
        constraints=_applied(s.effects, "constraints"),
        precautions=precautions,
        notices=tuple(n for n in q.notices if n.when is None or n.when(s.view.answers)),
        further_reading=tuple(r for r in q.further_reading if r.when is None or r.when(s.view.answers)),
        created=today or _dt.date.today().isoformat(),
        deployment=deployment,
        pair=pair,
        runner_up_pair=runner_up_pair(deployment, layer, tuple(part.pair for part in split)),
        split=split,
        combination=combination_of(pair, split),
    )
    if not counterfactuals:
        return rec
    wwc = what_would_change(q, s.view.answers, pair.model, pair.layer)
    return dataclasses.replace(
        rec,
        what_would_change=_distinct(wwc),
        model=with_deciding(model, _deciding(model, wwc, RankingKind.MODEL)),
        deployment=with_deciding(deployment, _deciding(deployment, wwc, RankingKind.MODEL)),
        layer=with_deciding(layer, _deciding(layer, wwc, RankingKind.LAYER)),
    )
