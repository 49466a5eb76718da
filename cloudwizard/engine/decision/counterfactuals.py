"""Counterfactuals: the smallest plausible changes of answers that change the recommended pair."""

from __future__ import annotations

import ast
import itertools
from collections.abc import Mapping
from typing import Any

from cloudwizard.engine.decision.kinds import Change, Counterfactual, RankingKind
from cloudwizard.engine.decision.scoring import score, tops
from cloudwizard.engine.model import Question, Questionnaire, QuestionType
from cloudwizard.engine.session import resolve

#: The pair's layer when you run it yourself (model ``on_premises``): no cloud service layer.
NO_LAYER = "none"

#: How many counterfactuals to report per kind.
MAX_COUNTERFACTUALS = 4


def alternatives(question: Question, value: Any, answers: Mapping[str, Any]) -> list[Any]:
    """Other answers worth trying for one question, nearest first.

    Choices offered for these answers only (a physiotherapist is never asked "what if your data
    were classified": that choice is not offered to the self-employed), and never an "I don't know"
    choice (`Choice.dont_know`): not knowing is no advice.
    """
    t = question.type
    offered = [c.id for c in question.choices if (c.when is None or c.when(answers)) and not c.dont_know]
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
    """The smallest changes of answers that change the recommended pair's model or layer.

    `top_model` and `top_layer` are the pair's (the model may be ``on_premises``, the layer
    ``none``). Single changes are tried for every visible question except the audience question
    and questions marked ``what_if: false`` (facts about who you are: changing them is not
    advice); if a kind has none, pairs among the most influential questions are tried. For each
    kind, at most `MAX_COUNTERFACTUALS` are kept, one per new top option first, in reading order.

    Running it yourself has no service layer (``none``), so a change into or out of it is a change
    of the deployment model, whose layer follows: a model counterfactual only, compared on the model
    and said as the new pair ("public cloud with SaaS" instead of "run it yourself"), never "the
    layer would become SaaS" beside "no cloud service layer". When the advice is to run it yourself
    there is no layer counterfactual at all; the model ones may then use both kinds' share, one per
    new pair first.
    """
    q = questionnaire
    view = resolve(q, answers)
    candidates = [
        qid for qid in view.questions if qid != q.audience_question and q.question(qid).what_if
    ]
    singles: list[tuple[Change, ...]] = []
    for qid in candidates:
        question = q.question(qid)
        for alt in alternatives(question, view.answers.get(qid), view.answers):
            singles.append((Change(qid, view.answers.get(qid), alt),))
    trials = _trial_budget(q)  # bounded work on the largest questionnaires the limits allow
    found = _try(q, view.answers, singles[:trials], top_model, top_layer)
    # Running it yourself (layer "none") can only change with the model: no layer kind to look for.
    kinds = (RankingKind.MODEL,) if top_layer == NO_LAYER else (RankingKind.MODEL, RankingKind.LAYER)
    missing = [k for k in kinds if not found[k]]
    if missing:
        influential = _influential(q, view.answers, candidates)[:6]
        pairs: list[tuple[Change, ...]] = []
        for a, b in itertools.combinations(influential, 2):
            for alt_a in alternatives(q.question(a), view.answers.get(a), view.answers)[:4]:
                for alt_b in alternatives(q.question(b), view.answers.get(b), view.answers)[:4]:
                    pairs.append((Change(a, view.answers.get(a), alt_a), Change(b, view.answers.get(b), alt_b)))
        more = _try(q, view.answers, pairs[: max(0, trials - len(singles))], top_model, top_layer)
        for k in missing:
            found[k] = more[k]
    if top_layer == NO_LAYER:
        return tuple(_pick(found[RankingKind.MODEL], by_pair=True, most=2 * MAX_COUNTERFACTUALS))
    return tuple(_pick(found[RankingKind.MODEL])) + tuple(_pick(found[RankingKind.LAYER]))


#: Work one counterfactual search may do, in question-and-choice evaluations. Each trial re-scores
#: the whole questionnaire, so the trials allowed shrink as the questionnaire grows: the bundled one
#: is never cut short, 2 questions of 20,000 choices stop after a few dozen trials.
COUNTERFACTUAL_WORK = 1_000_000


def _trial_budget(q: Questionnaire) -> int:
    size = len(q.questions) + sum(len(question.choices) for question in q.questions)
    return max(20, COUNTERFACTUAL_WORK // max(1, size))


def _influential(q: Questionnaire, answers: Mapping[str, Any], candidates: list[str]) -> list[str]:
    weight: dict[str, float] = {}
    s = score(q, answers)
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
) -> dict[RankingKind, list[Counterfactual]]:
    found: dict[RankingKind, list[Counterfactual]] = {RankingKind.MODEL: [], RankingKind.LAYER: []}
    for changes in change_sets:
        trial = dict(answers)
        for c in changes:
            if c.after is None or c.after == frozenset():
                trial.pop(c.question_id, None)
            else:
                trial[c.question_id] = c.after
        new_model, new_layer = tops(q, trial)
        if new_model != top_model:
            found[RankingKind.MODEL].append(Counterfactual(RankingKind.MODEL, changes, new_model, new_layer))
        # Running it yourself has no service layer: a change that makes the pair "run it yourself",
        # or that leads from it to a cloud pair, changes the model, and the layer follows from that.
        # Labelled a layer what-if, it was compared as a layer (PaaS beside PaaS; "SaaS" beside "no
        # cloud service layer") while the model was what changed.
        if new_layer != top_layer and NO_LAYER not in (new_layer, top_layer):
            found[RankingKind.LAYER].append(Counterfactual(RankingKind.LAYER, changes, new_layer, new_model))
    return found


def _pick(found: list[Counterfactual], *, by_pair: bool = False,
          most: int = MAX_COUNTERFACTUALS) -> list[Counterfactual]:
    """At most `most`, preferring variety: one per new top option (or, `by_pair`, new pair) first."""
    picked: list[Counterfactual] = []
    seen_tops: set[tuple[str, ...]] = set()
    seen_questions: set[tuple[str, ...]] = set()
    for cf in found:
        key = tuple(c.question_id for c in cf.changes)
        top = (cf.new_top, cf.new_other) if by_pair else (cf.new_top,)
        if top not in seen_tops and key not in seen_questions:
            picked.append(cf)
            seen_tops.add(top)
            seen_questions.add(key)
    for cf in found:
        key = tuple(c.question_id for c in cf.changes)
        if len(picked) >= most:
            break
        if cf not in picked and key not in seen_questions:
            picked.append(cf)
            seen_questions.add(key)
    return picked[:most]
