"""The recommender: answers → one explained `Recommendation`.

How it decides (also in ``docs/recommender.md``):

1. Work out which questions are visible; only their answers count.
2. Collect the *effects* of the answers: every chosen choice's effect, every range effect of a scale
   or number answer whose condition holds, and every questionnaire rule whose condition holds.
3. Hard constraints first: an option named in a triggered constraint's ``rules_out`` is excluded.
4. Then weights: each option's score is its base score plus the weights of all effects.
5. Rank: options that are not excluded come first, by score, highest first. **Ties** are broken by
   the questionnaire's ``tie_order`` (by default public, hybrid, community, private and saas, paas,
   iaas: the option that asks the least of the user first).
6. Explain: the margin to the runner-up and a confidence level, the answers that favoured the top
   option over the runner-up most, the constraints and precautions with what triggered them, pros
   and cons of the top option and of the runner-up, notices and further reading, and the smallest
   changes of answers that would change the top option ("what would change this").

The result is deterministic: the same answers give the same object.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as _dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cloudwizard.engine.model import (
    LAYERS,
    MODELS,
    Constraint,
    Effect,
    Notice,
    Precaution,
    Question,
    Questionnaire,
    QuestionType,
    Reading,
    Text,
    TradeOff,
)
from cloudwizard.engine.session import Visibility, resolve

#: Confidence levels by relative margin (margin / sum of the weights that separate the two).
HIGH_CONFIDENCE = 0.30
MEDIUM_CONFIDENCE = 0.12
#: How many reasons and counterfactuals to report.
MAX_REASONS = 5
MAX_COUNTERFACTUALS = 4


@dataclass(frozen=True, slots=True)
class OptionScore:
    """The score of one model or layer."""

    id: str
    score: float
    excluded_by: tuple[str, ...] = ()

    @property
    def excluded(self) -> bool:
        """True when a hard constraint rules this option out."""
        return bool(self.excluded_by)


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one answer (or rule) added to the scores.

    Attributes:
        origin: the question id, or ``rule:<id>`` for a questionnaire rule.
        answer: the answer as plain data (None for a rule).
        choice: the choice id that carried the effect (None for range effects and rules).
        score: weights per option.
        because: the questionnaire's reason text.
        edge: how much it favoured the top option over the runner-up (set per ranking).
    """

    origin: str
    answer: Any
    choice: str | None
    score: Mapping[str, float]
    because: Text
    edge: float = 0.0


@dataclass(frozen=True, slots=True)
class Applied:
    """A constraint or precaution that applies, with the answers and rules that triggered it."""

    id: str
    triggered_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ranking:
    """The ranking of the four models or of the three layers, with its explanation.

    Attributes:
        kind: ``model`` or ``layer``.
        options: every option, best first.
        reasons: answers that favoured the recommended option over the runner-up most.
        pros, cons: trade-offs of the recommended option that fit the audience and answers.
        runner_up_pros, runner_up_cons: the same for the runner-up.
    """

    kind: str
    options: tuple[OptionScore, ...]
    margin: float
    confidence: float
    reasons: tuple[Contribution, ...] = ()
    pros: tuple[TradeOff, ...] = ()
    cons: tuple[TradeOff, ...] = ()
    runner_up_pros: tuple[TradeOff, ...] = ()
    runner_up_cons: tuple[TradeOff, ...] = ()
    conflict: bool = False

    @property
    def recommended(self) -> str:
        """Id of the best option."""
        return self.options[0].id

    @property
    def runner_up(self) -> str:
        """Id of the second-best option."""
        return self.options[1].id

    @property
    def confidence_level(self) -> str:
        """``high``, ``medium`` or ``low``."""
        if self.confidence >= HIGH_CONFIDENCE:
            return "high"
        if self.confidence >= MEDIUM_CONFIDENCE:
            return "medium"
        return "low"

    def score_of(self, option: str) -> OptionScore:
        """The score entry of one option."""
        return next(o for o in self.options if o.id == option)


@dataclass(frozen=True, slots=True)
class Change:
    """One changed answer in a counterfactual."""

    question_id: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class Counterfactual:
    """A small change of answers that changes a top recommendation.

    Attributes:
        kind: ``model`` or ``layer`` — which recommendation changes.
        changes: the answers to change (one, or two when no single change is enough).
        new_top: what would then be recommended.
        new_other: the top option of the other kind after the change.
    """

    kind: str
    changes: tuple[Change, ...]
    new_top: str
    new_other: str

    def answers(self, base: Mapping[str, Any]) -> dict[str, Any]:
        """`base` with the changes applied."""
        out = dict(base)
        for c in self.changes:
            if c.after is None:
                out.pop(c.question_id, None)
            else:
                out[c.question_id] = c.after
        return out


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
        for ranking in (self.model, self.layer):
            for t in ranking.pros + ranking.cons + ranking.runner_up_pros + ranking.runner_up_cons:
                cited.update(t.sources)
        for n in self.notices:
            cited.update(n.sources)
        for r in self.further_reading:
            cited.update(r.sources)
        return tuple(s.id for s in self.questionnaire.sources if s.id in cited)


# -- scoring -----------------------------------------------------------------------------------


def _effects(q: Questionnaire, view: Visibility) -> list[tuple[str, Any, str | None, Effect]]:
    """Every effect that applies: (origin, answer, choice id, effect)."""
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
class _Scored:
    totals: dict[str, float]
    excluded: dict[str, list[str]]
    effects: list[tuple[str, Any, str | None, Effect]]
    view: Visibility


def _score(q: Questionnaire, answers: Mapping[str, Any]) -> _Scored:
    view = resolve(q, answers)
    effects = _effects(q, view)
    totals = {o: float(q.base_scores.get(o, 0.0)) for o in MODELS + LAYERS}
    excluded: dict[str, list[str]] = {}
    for _origin, _answer, _choice, effect in effects:
        for option, weight in effect.score.items():
            totals[option] += weight
        for cid in effect.constraints:
            for option in q.constraints[cid].rules_out:
                excluded.setdefault(option, [])
                if cid not in excluded[option]:
                    excluded[option].append(cid)
    return _Scored(totals, excluded, effects, view)


def _rank(options: tuple[str, ...], order: tuple[str, ...], s: _Scored) -> tuple[OptionScore, ...]:
    position = {o: i for i, o in enumerate(order)}
    ranked = sorted(options, key=lambda o: (o in s.excluded, -round(s.totals[o], 9), position[o]))
    return tuple(OptionScore(o, s.totals[o], tuple(s.excluded.get(o, ()))) for o in ranked)


def _tops(q: Questionnaire, answers: Mapping[str, Any]) -> tuple[str, str]:
    s = _score(q, answers)
    return _rank(MODELS, q.model_order, s)[0].id, _rank(LAYERS, q.layer_order, s)[0].id


# -- explanation -------------------------------------------------------------------------------


def _fits(t: TradeOff, audience: str | None, answers: Mapping[str, Any]) -> bool:
    if t.audiences and audience not in t.audiences:
        return False
    return t.when is None or t.when(answers)


def _ranking(
    kind: str,
    q: Questionnaire,
    s: _Scored,
    contributions: list[Contribution],
    audience: str | None,
) -> tuple[Ranking, tuple[Contribution, ...]]:
    options, order = (MODELS, q.model_order) if kind == "model" else (LAYERS, q.layer_order)
    ranked = _rank(options, order, s)
    top, second = ranked[0], ranked[1]
    margin = top.score - second.score
    edged = [
        Contribution(c.origin, c.answer, c.choice, c.score, c.because,
                     c.score.get(top.id, 0.0) - c.score.get(second.id, 0.0))
        for c in contributions
    ]
    separating = sum(abs(c.edge) for c in edged)
    if top.excluded:
        confidence = 0.0
    elif second.excluded:
        confidence = 1.0
    else:
        confidence = min(1.0, max(0.0, margin) / max(1.0, separating))
    reasons = tuple(
        sorted((c for c in edged if c.edge > 0), key=lambda c: (-c.edge, _origin_order(q, c.origin)))[:MAX_REASONS]
    )
    info_top, info_second = q.options.get(top.id), q.options.get(second.id)
    ans = s.view.answers
    return (
        Ranking(
            kind=kind,
            options=ranked,
            margin=margin,
            confidence=confidence,
            reasons=reasons,
            pros=tuple(t for t in (info_top.pros if info_top else ()) if _fits(t, audience, ans)),
            cons=tuple(t for t in (info_top.cons if info_top else ()) if _fits(t, audience, ans)),
            runner_up_pros=tuple(t for t in (info_second.pros if info_second else ()) if _fits(t, audience, ans)),
            runner_up_cons=tuple(t for t in (info_second.cons if info_second else ()) if _fits(t, audience, ans)),
            conflict=top.excluded,
        ),
        tuple(edged),
    )


def _origin_order(q: Questionnaire, origin: str) -> int:
    ids = list(q.question_index)
    return ids.index(origin) if origin in q.question_index else len(ids)


def _applied(effects: Iterable[tuple[str, Any, str | None, Effect]], attr: str) -> tuple[Applied, ...]:
    found: dict[str, list[str]] = {}
    for origin, _answer, _choice, effect in effects:
        for ident in getattr(effect, attr):
            found.setdefault(ident, [])
            if origin not in found[ident]:
                found[ident].append(origin)
    return tuple(Applied(k, tuple(v)) for k, v in found.items())


def recommend(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    *,
    counterfactuals: bool = True,
    today: str | None = None,
) -> Recommendation:
    """Rank the models and layers for `answers` and explain the result.

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
    model, _ = _ranking("model", q, s, contributions, audience)
    layer, _ = _ranking("layer", q, s, contributions, audience)
    precautions = _applied(s.effects, "precautions")
    order = list(q.precautions)
    precautions = tuple(sorted(precautions, key=lambda a: order.index(a.id)))
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
    )
    if not counterfactuals:
        return rec
    wwc = what_would_change(q, s.view.answers, model.recommended, layer.recommended)
    return dataclasses.replace(rec, what_would_change=wwc)


# -- counterfactuals ---------------------------------------------------------------------------


def _alternatives(question: Question, value: Any, answers: Mapping[str, Any]) -> list[Any]:
    """Other answers worth trying for one question, nearest first."""
    t = question.type
    offered = [c.id for c in question.choices if c.when is None or c.when(answers)]
    if t in (QuestionType.SINGLE, QuestionType.YESNO):
        return [c for c in offered if c != value]
    if t is QuestionType.MULTIPLE:
        current = value or frozenset()
        exclusive = {c.id for c in question.choices if c.exclusive}
        out = []
        for c in offered:
            if c in current:
                # Taking away the only choice leaves the question unanswered: not a change of answer.
                if len(current) > 1:
                    out.append(current - {c})
            elif c in exclusive:
                out.append(frozenset({c}))
            else:
                out.append((current - exclusive) | {c})
        return out
    if t in (QuestionType.SCALE, QuestionType.NUMBER):
        candidates: set[float] = set()
        if t is QuestionType.SCALE and question.minimum is not None and question.maximum is not None:
            steps = int((question.maximum - question.minimum) / question.step) + 1
            if steps <= 21:
                candidates.update(question.minimum + i * question.step for i in range(steps))
        for rng in question.effects:
            for n in _numbers(rng.when.source):
                candidates.update((n - question.step, n, n + question.step))
        lo = question.minimum if question.minimum is not None else float("-inf")
        hi = question.maximum if question.maximum is not None else float("inf")
        usable = sorted((c for c in candidates if lo <= c <= hi and c != value), key=lambda c: abs(c - (value or 0)))
        return [int(c) if float(c).is_integer() else c for c in usable]
    return []


def _numbers(source: str) -> list[float]:
    return [
        float(n.value)
        for n in ast.walk(ast.parse(source, mode="eval"))
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)) and not isinstance(n.value, bool)
    ]


def what_would_change(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    top_model: str,
    top_layer: str,
) -> tuple[Counterfactual, ...]:
    """The smallest changes of answers that change the top model or the top layer.

    Single changes are tried for every visible question except the audience question (changing who
    you are is not advice); if a kind has none, pairs among the most influential questions are
    tried. For each kind, at most `MAX_COUNTERFACTUALS` are kept, one per new top option first,
    in reading order.
    """
    q = questionnaire
    view = resolve(q, answers)
    trials = _trial_budget(q)  # issue 14: bounded work on the largest questionnaires
    candidates = [qid for qid in view.questions if qid != q.audience_question]
    singles: list[tuple[Change, ...]] = []
    for qid in candidates:
        question = q.question(qid)
        for alt in _alternatives(question, view.answers.get(qid), view.answers):
            singles.append((Change(qid, view.answers.get(qid), alt),))
    found = _try(q, view.answers, singles[:trials], top_model, top_layer)
    missing = [k for k in ("model", "layer") if not found[k]]
    if missing:
        influential = _influential(q, view.answers, candidates)[:6]
        pairs: list[tuple[Change, ...]] = []
        for a, b in itertools.combinations(influential, 2):
            for alt_a in _alternatives(q.question(a), view.answers.get(a), view.answers)[:4]:
                for alt_b in _alternatives(q.question(b), view.answers.get(b), view.answers)[:4]:
                    pairs.append((Change(a, view.answers.get(a), alt_a), Change(b, view.answers.get(b), alt_b)))
        more = _try(q, view.answers, pairs[: max(0, trials - len(singles))], top_model, top_layer)
        for k in missing:
            found[k] = more[k]
    return tuple(_pick(found["model"])) + tuple(_pick(found["layer"]))


#: Work one counterfactual search may do, in question-and-choice evaluations (issue 14). Each trial
#: re-scores the whole questionnaire, so the trials allowed shrink as the questionnaire grows: the
#: bundled one is never cut short, 2 questions of 20,000 choices stop after a few dozen trials.
COUNTERFACTUAL_WORK = 1_000_000


def _trial_budget(q: Questionnaire) -> int:
    size = len(q.questions) + sum(len(question.choices) for question in q.questions)
    return max(20, COUNTERFACTUAL_WORK // max(1, size))


def _influential(q: Questionnaire, answers: Mapping[str, Any], candidates: list[str]) -> list[str]:
    weight: dict[str, float] = {}
    s = _score(q, answers)
    for origin, _a, _c, effect in s.effects:
        if origin in candidates:
            weight[origin] = weight.get(origin, 0.0) + sum(abs(w) for w in effect.score.values())
    return sorted(candidates, key=lambda qid: (-weight.get(qid, 0.0), candidates.index(qid)))


def _try(
    q: Questionnaire,
    answers: Mapping[str, Any],
    change_sets: list[tuple[Change, ...]],
    top_model: str,
    top_layer: str,
) -> dict[str, list[Counterfactual]]:
    found: dict[str, list[Counterfactual]] = {"model": [], "layer": []}
    for changes in change_sets:
        trial = dict(answers)
        for c in changes:
            if c.after is None or c.after == frozenset():
                trial.pop(c.question_id, None)
            else:
                trial[c.question_id] = c.after
        new_model, new_layer = _tops(q, trial)
        if new_model != top_model:
            found["model"].append(Counterfactual("model", changes, new_model, new_layer))
        if new_layer != top_layer:
            found["layer"].append(Counterfactual("layer", changes, new_layer, new_model))
    return found


def _pick(found: list[Counterfactual]) -> list[Counterfactual]:
    """At most MAX_COUNTERFACTUALS, preferring variety: one per new top option first."""
    picked: list[Counterfactual] = []
    seen_tops: set[str] = set()
    seen_questions: set[tuple[str, ...]] = set()
    for cf in found:
        key = tuple(c.question_id for c in cf.changes)
        if cf.new_top not in seen_tops and key not in seen_questions:
            picked.append(cf)
            seen_tops.add(cf.new_top)
            seen_questions.add(key)
    for cf in found:
        key = tuple(c.question_id for c in cf.changes)
        if len(picked) >= MAX_COUNTERFACTUALS:
            break
        if cf not in picked and key not in seen_questions:
            picked.append(cf)
            seen_questions.add(key)
    return picked[:MAX_COUNTERFACTUALS]
