"""Explanation: margins on the clarity scale, reasons, pros and cons, the pair and the split advice."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from cloudwizard.engine.decision.kinds import (
    CONFIDENCE_SCALE,
    FAIRLY_CLEAR_MARGIN,
    Combination,
    Contribution,
    NearTie,
    Pair,
    Ranking,
    RankingKind,
    SplitPart,
)
from cloudwizard.engine.decision.scoring import Scored, rank
from cloudwizard.engine.model import LAYERS, NO_LAYER, ON_PREMISES, Questionnaire, Text, TradeOff

#: How many reasons to report per ranking.
MAX_REASONS = 5
#: A need (a choice of a question marked ``needs: true``) asks for a part of its own in a split
#: advice when its choice gives a layer (or running it yourself) at least this many points.
SPLIT_MIN_WEIGHT = 2.0


def _fits(t: TradeOff, audience: str | None, answers: Mapping[str, Any]) -> bool:
    if t.audiences and audience not in t.audiences:
        return False
    return t.when is None or t.when(answers)


def origin_order(q: Questionnaire, origin: str) -> int:
    """Position of a question in reading order (rules after every question)."""
    ids = list(q.question_index)
    return ids.index(origin) if origin in q.question_index else len(ids)


def explain(
    kind: RankingKind,
    q: Questionnaire,
    s: Scored,
    contributions: list[Contribution],
    audience: str | None,
    skip: frozenset[str] = frozenset(),
) -> Ranking:
    """Rank the options of `kind` and explain the lead of the top option over the runner-up.

    `skip`: options that are already part of the advice (a split advice's other parts); the
    runner-up is the best option after the top that is not among them.
    """
    ranked = rank(q, kind, s)
    top = ranked[0]
    second = next((o for o in ranked[1:] if o.id not in skip), ranked[1])
    margin = top.score - second.score
    decided: tuple[str, ...] = ()
    if not top.excluded and second.excluded:
        decided = second.excluded_by
    elif top.preferred and not second.preferred:
        decided = top.preferred_by
    if top.excluded:
        confidence = 0.0
    elif decided:
        confidence = 1.0
    else:
        confidence = min(1.0, max(0.0, margin) / CONFIDENCE_SCALE)
    edged = [
        Contribution(c.origin, c.answer, c.choice, c.score, c.because,
                     c.score.get(top.id, 0.0) - c.score.get(second.id, 0.0))
        for c in contributions
    ]
    position = {qid: i for i, qid in enumerate(q.question_index)}
    last = len(position)
    reasons = tuple(
        sorted((c for c in edged if c.edge > 0), key=lambda c: (-c.edge, position.get(c.origin, last)))[:MAX_REASONS]
    )
    # An answer speaks for the runner-up when it gives the runner-up points: one that only takes
    # points from the top option ("without servers of your own there is nothing to keep", against
    # a hybrid cloud) argues for neither, and was listed as speaking for running it yourself.
    against = tuple(
        sorted((c for c in edged if c.edge < 0 and c.score.get(second.id, 0.0) > 0),
               key=lambda c: (c.edge, position.get(c.origin, last)))[:MAX_REASONS]
    )
    near_tie = None
    if not decided and not top.excluded and margin < FAIRLY_CLEAR_MARGIN:
        # A first candidate is level only with the other first candidates: a requirement put it
        # before the rest, whatever their points.
        level = tuple(o for o in ranked
                      if not o.excluded and (o.id not in skip or o is second)
                      and (o.preferred or not top.preferred)
                      and top.score - o.score < FAIRLY_CLEAR_MARGIN)
        if len(level) >= 2:
            near_tie = NearTie(kind, tuple(o.id for o in level), margin, scores=tuple(o.score for o in level))
    info_top, info_second = q.options.get(top.id), q.options.get(second.id)
    ans = s.view.answers
    return Ranking(
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
        decided_by=decided,
        near_tie=near_tie,
        against=against,
        second=second.id if second is not ranked[1] else "",
        skipped=tuple(o.id for o in ranked[1:] if o.id in skip and o is not second),
    )


def pair_of(deployment: Ranking, layer: Ranking) -> Pair:
    """The recommended pair: the top deployment, with the top layer (or none when self-run)."""
    top = deployment.recommended
    return Pair(top, NO_LAYER) if top == ON_PREMISES else Pair(top, layer.recommended)


def runner_up_pair(deployment: Ranking, layer: Ranking, advice: tuple[Pair, ...] = ()) -> Pair | None:
    """The nearest other pair: change the ranking whose lead is smaller.

    A pair that is part of the `advice` (a split advice's other parts) is no alternative to it:
    the next option of that ranking is taken, else the other ranking changes. None when every
    other pair is part of the advice.
    """
    top = deployment.recommended
    taken = {pair_of(deployment, layer), *advice}

    def by_layer() -> Pair | None:
        if top == ON_PREMISES or layer.conflict:
            return None
        return next((p for o in layer.options[1:] if not o.excluded
                     for p in (Pair(top, o.id),) if p not in taken), None)

    def by_model() -> Pair | None:
        return next((p for o in deployment.options[1:]
                     for p in (Pair(o.id, NO_LAYER) if o.id == ON_PREMISES else Pair(o.id, layer.recommended),)
                     if p not in taken), None)

    closer = layer.margin < deployment.margin or bool(deployment.decided_by)
    first, second = (by_layer, by_model) if closer else (by_model, by_layer)
    return first() or second()


def _need_target(score: Mapping[str, float]) -> str | None:
    """The layer (or on_premises) a need's choice asks for, if it asks clearly for one."""
    candidates = [(w, o) for o, w in score.items() if o in (*LAYERS, ON_PREMISES) and w >= SPLIT_MIN_WEIGHT]
    if not candidates:
        return None
    candidates.sort(key=lambda c: -c[0])
    if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
        return None
    return candidates[0][1]


def split_advice(
    q: Questionnaire,
    s: Scored,
    pair: Pair,
    model: Ranking,
) -> tuple[SplitPart, ...]:
    """Parts of a split advice, the recommended pair first; empty when one pair serves every need.

    A need is a choice of a question marked ``needs: true`` whose effect gives one layer (or running
    it yourself) at least `SPLIT_MIN_WEIGHT` points. Needs that ask for another layer than the pair's
    get a part of their own: with the pair's model, or, when the pair is "you run it yourself", with
    the best cloud model that is not ruled out (hybrid only as a first candidate). Own equipment
    also serves needs for servers (IaaS), so those stay with a self-run pair.
    """
    grouped: dict[str, list[tuple[str, str, Text]]] = {}
    for origin, _answer, choice, effect in s.effects:
        if choice is None or origin not in q.question_index or not q.question(origin).needs:
            continue
        target = _need_target(effect.score)
        if target is None:
            continue
        grouped.setdefault(target, []).append((origin, choice, effect.because))
    parts: list[SplitPart] = []
    # A part's cloud model: the best one not ruled out; hybrid only when it is a first candidate
    # (a hybrid cloud is a wish to bind two clouds, never a fallback).
    cloud = next((o.id for o in model.options if not o.excluded and (o.id != "hybrid" or o.preferred)), None)
    for target, needs in grouped.items():
        if target in (pair.layer, pair.model):
            continue
        if pair.self_run and target == "iaas":
            continue
        if target == ON_PREMISES:
            part = Pair(ON_PREMISES, NO_LAYER)
        else:
            base = cloud if pair.self_run else pair.model
            if base is None:
                continue
            part = Pair(base, target)
        parts.append(SplitPart(part, tuple((o, c) for o, c, _ in needs), tuple(b for _, _, b in needs if b)))
    if not parts:
        return ()
    return (SplitPart(pair), *parts)


def combination_of(pair: Pair, split: tuple[SplitPart, ...]) -> Combination:
    """How the parts relate: a real hybrid cloud, own equipment plus cloud services, a split, or one pair."""
    if pair.model == "hybrid":
        return Combination.HYBRID_CLOUD
    if split and any(p.pair.self_run for p in split) and any(not p.pair.self_run for p in split):
        return Combination.ON_PREMISES_PLUS_CLOUD
    if split:
        return Combination.SPLIT
    return Combination.SINGLE


def with_deciding(r: Ranking, deciding: tuple[str, ...]) -> Ranking:
    """`r` with the questions that would decide its near tie filled in."""
    if r.near_tie is None:
        return r
    tie = dataclasses.replace(r.near_tie, deciding=deciding)
    return dataclasses.replace(r, near_tie=tie)
