"""The recommender's result types, and the enums for kinds of ranking and clarity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from cloudwizard.engine.model import NO_LAYER, ON_PREMISES, Text, TradeOff

#: The clarity scale, in score points between the recommended option and the runner-up (see
#: docs/recommender.md). One scale for every report: the same margin is always the same word.
CLEAR_MARGIN = 5.0
FAIRLY_CLEAR_MARGIN = 2.0
#: `Ranking.confidence` is the margin divided by this (capped at 1), or 1 when a fact decided.
CONFIDENCE_SCALE = 10.0
#: Confidence levels on that 0…1 scale; they match the clarity scale exactly (5 and 2 points).
HIGH_CONFIDENCE = CLEAR_MARGIN / CONFIDENCE_SCALE
MEDIUM_CONFIDENCE = FAIRLY_CLEAR_MARGIN / CONFIDENCE_SCALE
#: Two scores closer than this are level (a tie): scores are sums of the questionnaire's weights.
TIE_EPSILON = 1e-9


class RankingKind(StrEnum):
    """What a ranking ranks. A `StrEnum`: ``RankingKind.MODEL == "model"`` holds."""

    #: The four cloud deployment models (public, hybrid, community, private).
    MODEL = "model"
    #: The three cloud service layers (saas, paas, iaas).
    LAYER = "layer"
    #: The four models and running it yourself (on_premises): what the recommended pair's model is.
    DEPLOYMENT = "deployment"


class Clarity(StrEnum):
    """How clear a recommendation is, on one documented scale.

    - ``clear``: a decisive fact ruled the runner-up out or made the top option the first
      candidate, or the top option leads by at least `CLEAR_MARGIN` points;
    - ``fairly_clear``: it leads by at least `FAIRLY_CLEAR_MARGIN` points;
    - ``close_call``: it leads by less (a lead of 0 is a tie, see `Ranking.is_tie`).
    """

    CLEAR = "clear"
    FAIRLY_CLEAR = "fairly_clear"
    CLOSE_CALL = "close_call"

    @property
    def level(self) -> str:
        """The older three-level name: ``high``, ``medium`` or ``low``."""
        return {"clear": "high", "fairly_clear": "medium", "close_call": "low"}[self.value]


def clarity_for(margin: float, decided: bool) -> Clarity:
    """The clarity of a lead of `margin` points (`decided`: a fact decided it)."""
    if decided or margin >= CLEAR_MARGIN:
        return Clarity.CLEAR
    if margin >= FAIRLY_CLEAR_MARGIN:
        return Clarity.FAIRLY_CLEAR
    return Clarity.CLOSE_CALL


@dataclass(frozen=True, slots=True)
class OptionScore:
    """The score of one option."""

    id: str
    score: float
    excluded_by: tuple[str, ...] = ()
    #: Constraints that made this option a first candidate (a decisive fact).
    preferred_by: tuple[str, ...] = ()

    @property
    def excluded(self) -> bool:
        """True when a hard constraint rules this option out."""
        return bool(self.excluded_by)

    @property
    def preferred(self) -> bool:
        """True when a decisive fact made this option a first candidate."""
        return bool(self.preferred_by) and not self.excluded


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
class NearTie:
    """Two or more options that are (nearly) level, and what would decide between them.

    The one list of level options that every report says: the "how sure" sentence and the tie's
    own paragraph both name `options`, and both say which of them are exactly level (`tied`) and
    which are close behind (`behind`).

    Attributes:
        kind: the ranking it belongs to.
        options: the level options, best first (the recommended one and those within
            `FAIRLY_CLEAR_MARGIN` points of it; when a fact made the top option a first candidate,
            only the other first candidates).
        margin: points between the first and the second.
        deciding: ids of the answered questions whose change would put another of these options
            first, most telling first (from "what would change this"; else the answers that
            separate the two most).
        scores: the score of each of `options`, in the same order.
    """

    kind: RankingKind
    options: tuple[str, ...]
    margin: float
    deciding: tuple[str, ...] = ()
    scores: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if self.scores and len(self.scores) != len(self.options):
            raise ValueError("a near tie needs one score per option")

    @property
    def is_tie(self) -> bool:
        """True when the first two are exactly level (the tie order decided)."""
        return abs(self.margin) < TIE_EPSILON

    @property
    def tied(self) -> tuple[str, ...]:
        """The options exactly level with the first one, the first included (one when none is)."""
        if not self.scores:
            return self.options[:2] if self.is_tie else self.options[:1]
        first = self.scores[0]
        return tuple(o for o, s in zip(self.options, self.scores, strict=True) if abs(first - s) < TIE_EPSILON)

    @property
    def behind(self) -> tuple[str, ...]:
        """The level options that are not exactly level with the first: close behind it."""
        tied = self.tied
        return tuple(o for o in self.options if o not in tied)


@dataclass(frozen=True, slots=True)
class Ranking:
    """A ranking of options (the models, the layers or the deployments), with its explanation.

    Attributes:
        kind: `RankingKind` (a str enum: compares equal to ``"model"``, ``"layer"``).
        options: every option, best first.
        margin: points between the recommended option and the runner-up.
        confidence: 0…1 on the documented scale: 1 when a decisive fact decided, else
            margin / `CONFIDENCE_SCALE`, capped at 1.
        reasons: answers that favoured the recommended option over the runner-up most.
        against: answers that favoured the runner-up over the recommended option by giving the
            runner-up points, most first
            (the reports say "some answers point the other way" only when there are any).
        pros, cons: trade-offs of the recommended option that fit the audience and answers.
        runner_up_pros, runner_up_cons: the same for the runner-up.
        conflict: every option was ruled out; the least bad one is shown.
        decided_by: constraints that decided: they ruled the runner-up out or made the top
            option a first candidate.
        near_tie: set when the lead is a tie or a close call.
    """

    kind: RankingKind
    options: tuple[OptionScore, ...]
    margin: float
    confidence: float
    reasons: tuple[Contribution, ...] = ()
    pros: tuple[TradeOff, ...] = ()
    cons: tuple[TradeOff, ...] = ()
    runner_up_pros: tuple[TradeOff, ...] = ()
    runner_up_cons: tuple[TradeOff, ...] = ()
    conflict: bool = False
    decided_by: tuple[str, ...] = ()
    near_tie: NearTie | None = None
    against: tuple[Contribution, ...] = ()
    #: the runner-up when it is not the second option: the options before it are parts of the
    #: advice itself (a split advice), listed in `skipped` (when every other option is a part, the
    #: second one stays the runner-up)
    second: str = ""
    skipped: tuple[str, ...] = ()

    @property
    def recommended(self) -> str:
        """Id of the best option."""
        return self.options[0].id

    @property
    def runner_up(self) -> str:
        """Id of the second-best option that is not a part of the advice itself."""
        return self.second or self.options[1].id

    @property
    def clarity(self) -> Clarity:
        """How clear the lead is (`Clarity`)."""
        if self.conflict:
            return Clarity.CLOSE_CALL
        return clarity_for(self.margin, bool(self.decided_by))

    @property
    def confidence_level(self) -> str:
        """``high``, ``medium`` or ``low``: the same scale as `clarity`."""
        return self.clarity.level

    @property
    def is_tie(self) -> bool:
        """True when the runner-up has the same score and no fact decided: the tie order chose."""
        return not self.decided_by and not self.conflict and abs(self.margin) < TIE_EPSILON

    @property
    def level_with_runner_up(self) -> tuple[str, ...]:
        """Ids of the other options with exactly the runner-up's score (not ruled out): a shared second place."""
        second = self.score_of(self.runner_up)
        if second.excluded:
            return ()
        return tuple(o.id for o in self.options[1:] if o.id != second.id and o.id not in self.skipped
                     and not o.excluded and abs(o.score - second.score) < TIE_EPSILON)

    def score_of(self, option: str) -> OptionScore:
        """The score entry of one option."""
        return next(o for o in self.options if o.id == option)


@dataclass(frozen=True, slots=True)
class Pair:
    """A coherent recommendation: a way to deploy and the service layer that goes with it.

    Attributes:
        model: a cloud model (public, private, community, hybrid) or ``on_premises`` (you run it
            yourself on your own equipment; then `layer` is ``none``).
        layer: saas, paas, iaas, or ``none`` (no cloud service layer).
    """

    model: str
    layer: str

    @property
    def self_run(self) -> bool:
        """True for "you run it yourself": own equipment, no cloud service layer."""
        return self.model == ON_PREMISES

    def __post_init__(self) -> None:
        if (self.model == ON_PREMISES) != (self.layer == NO_LAYER):
            raise ValueError(f"incoherent pair {self.model}/{self.layer}: on_premises goes with layer none only")


@dataclass(frozen=True, slots=True)
class SplitPart:
    """One part of a split advice: a pair for some of the needs.

    Attributes:
        pair: the pair for these needs.
        needs: the answers (question id, choice id) that ask for this part; empty for the part that
            holds everything else.
        because: their reasons.
    """

    pair: Pair
    needs: tuple[tuple[str, str], ...] = ()
    because: tuple[Text, ...] = ()


class Combination(StrEnum):
    """How the parts of the advice relate, said in plain words in the reports."""

    #: One pair for everything.
    SINGLE = "single"
    #: Your own equipment plus separate cloud services (e.g. an office server plus online mail):
    #: often called hybrid, but not a hybrid cloud in NIST SP 800-145's sense.
    ON_PREMISES_PLUS_CLOUD = "on_premises_plus_cloud"
    #: Two cloud infrastructures bound together so data and applications can move (NIST hybrid).
    HYBRID_CLOUD = "hybrid_cloud"
    #: Different layers (or models) for different needs, e.g. SaaS for office work, PaaS for an app.
    SPLIT = "split"


class Change(NamedTuple):
    """One changed answer in a counterfactual.

    A named tuple, like `Location`: a small value, made by the thousand while "what would change
    this" searches.
    """

    question_id: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class Counterfactual:
    """A small change of answers that changes a top recommendation.

    Attributes:
        kind: which recommendation changes: `RankingKind.MODEL` (the pair's model, which may be
            ``on_premises``) or `RankingKind.LAYER` (the pair's layer, which may be ``none``).
        changes: the answers to change (one, or two when no single change is enough).
        new_top: what would then be recommended.
        new_other: the top option of the other kind after the change.
    """

    kind: RankingKind
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
