"""How much each question matters: a sampling report for questionnaire authors.

For many complete, random sets of answers (drawn by walking a `Session` with a seeded random
generator, so the report is the same on every run), every visible question is given each of its
other possible answers in turn, and we note whether that changes the top model, the top layer, or
the advice around them (the precautions, constraints and notices). A question that never changes
the result *and* never changes the advice asks the user for nothing: remove it, or justify it.

Changing an answer can show questions that the sample had not answered (e.g. switching the audience);
those stay unanswered for that trial, as they would on a half-filled page, so the measure is a lower
bound on the question's real influence.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cloudwizard.engine.decision.explanation import split_advice
from cloudwizard.engine.decision.kinds import OptionScore, Pair, Ranking, RankingKind
from cloudwizard.engine.decision.scoring import Scored, rank, score
from cloudwizard.engine.i18n import N_, gettext_for, ngettext_for
from cloudwizard.engine.model import NO_LAYER, ON_PREMISES, Question, Questionnaire, QuestionType
from cloudwizard.engine.numbers import format_number
from cloudwizard.engine.recommender import Recommendation
from cloudwizard.engine.session import Session

#: How many answer sets `influence` draws by default, and the seed that makes them repeatable.
DEFAULT_SAMPLES = 150
DEFAULT_SEED = 20261123

#: Picks an answer for a question: given the question and the values it may take now, return one.
Chooser = Callable[[Question, Sequence[Any]], Any]


@dataclass(frozen=True, slots=True)
class QuestionInfluence:
    """What one question did over the sampled answer sets.

    Attributes:
        question_id: the question.
        visible: in how many sampled answer sets the question was shown.
        model_changes: in how many of those some other answer changed the top model.
        layer_changes: the same for the top layer.
        precaution_changes: … changed which precautions apply.
        constraint_changes: … changed which constraints apply.
        notice_changes: … changed which notices are shown.
    """

    question_id: str
    visible: int
    model_changes: int = 0
    layer_changes: int = 0
    precaution_changes: int = 0
    constraint_changes: int = 0
    notice_changes: int = 0

    @property
    def changes_result(self) -> bool:
        """True when the question changed the top model or the top layer at least once."""
        return bool(self.model_changes or self.layer_changes)

    @property
    def feeds_advice(self) -> bool:
        """True when the question changed the precautions, constraints or notices at least once."""
        return bool(self.precaution_changes or self.constraint_changes or self.notice_changes)

    @property
    def idle(self) -> bool:
        """True when the question was shown but changed nothing at all: a candidate for removal."""
        return not (self.changes_result or self.feeds_advice)

    def rate(self, count: int) -> float:
        """`count` as a share of the answer sets in which the question was visible."""
        return count / self.visible if self.visible else 0.0


def candidate_values(question: Question) -> list[Any]:
    """Every value worth trying for a scale or number question, valid by its own rules.

    The ends of the range and each threshold named in its range effects and validation rules (with
    one step either side), so every range effect can be reached.
    """
    lo = question.minimum if question.minimum is not None else 0
    hi = question.maximum if question.maximum is not None else lo + 1000 * question.step
    found: set[float] = {lo, hi}
    if question.type is QuestionType.SCALE and (hi - lo) / question.step <= 20:
        found.update(lo + i * question.step for i in range(int((hi - lo) / question.step) + 1))
    for cond in [e.when for e in question.effects] + [v.rule for v in question.validation]:
        for n in _numbers(cond.source):
            found.update((n - question.step, n, n + question.step))
    values = sorted(v for v in found if lo <= v <= hi and all(r.rule({"value": v}) for r in question.validation))
    return [int(v) if float(v).is_integer() else v for v in values]


def _numbers(source: str) -> list[float]:
    import ast

    return [
        float(n.value)
        for n in ast.walk(ast.parse(source, mode="eval"))
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)) and not isinstance(n.value, bool)
    ]


def possible_answers(question: Question, offered: Sequence[str]) -> list[Any]:
    """The answers a chooser may pick from, for a question whose offered choices are `offered`.

    Single and yes/no: each offered choice id. Multiple: each offered choice alone, plus the set of
    all non-exclusive offered choices (the session turns a mix with an exclusive choice into that
    choice alone). Scale and number: `candidate_values`. Text: a placeholder text.
    """
    t = question.type
    if t in (QuestionType.SINGLE, QuestionType.YESNO):
        return list(offered)
    if t is QuestionType.MULTIPLE:
        exclusive = {c.id for c in question.choices if c.exclusive}
        out: list[Any] = [frozenset({c}) for c in offered]
        plain = frozenset(c for c in offered if c not in exclusive)
        if len(plain) > 1:
            out.append(plain)
        return out
    if t in (QuestionType.SCALE, QuestionType.NUMBER):
        return list(candidate_values(question))
    return ["…"]


def complete_answers(questionnaire: Questionnaire, choose: Chooser, *, max_rounds: int | None = None) -> dict[str, Any]:
    """Walk a session, answering each visible unanswered question in reading order with `choose`.

    For a multiple-choice question the chooser gets the offered choice ids and returns a set of them
    (or one id); any other question gets `possible_answers`. Answers are set one at a time, so
    exclusive choices and questions that appear or disappear behave as they do for a user. Returns the
    effective answers once every visible question is answered. Each round answers one question and
    an answer is never taken back, so `max_rounds` defaults to the number of questions (a fixed 100
    raised `RuntimeError` for any questionnaire of more than 100 questions).
    """
    session = Session(questionnaire)
    rounds = len(questionnaire.question_index) + 1 if max_rounds is None else max_rounds
    for _ in range(rounds):
        pending = [q for q in session.visible_questions() if session.answer(q.id) is None]
        if not pending:
            return session.effective_answers()
        question = pending[0]
        offered = session.visible_choices(question.id)
        if question.type is QuestionType.MULTIPLE:
            value = choose(question, offered)
            picked = sorted(value) if isinstance(value, (set, frozenset, list, tuple)) else [value]
            for cid in picked:
                session.set_answer(question.id, frozenset({cid}) | (session.answer(question.id) or frozenset()))
        else:
            value = choose(question, possible_answers(question, offered))
            session.set_answer(question.id, value)
    raise RuntimeError("answering did not settle; a question keeps appearing")  # pragma: no cover


def random_chooser(rng: random.Random) -> Chooser:
    """A chooser that picks uniformly; for multiple choice, a random non-empty subset."""

    def choose(question: Question, options: Sequence[Any]) -> Any:
        if question.type is QuestionType.MULTIPLE:
            k = rng.randint(1, max(1, min(3, len(options))))
            return frozenset(rng.sample(list(options), k))
        return rng.choice(list(options))

    return choose


def _alternatives(question: Question, value: Any, offered: Sequence[str]) -> list[Any]:
    if question.type is QuestionType.MULTIPLE:
        exclusive = {c.id for c in question.choices if c.exclusive}
        current = value or frozenset()
        out = []
        for c in offered:
            if c in current:
                alt = current - {c}
            elif c in exclusive:
                alt = frozenset({c})
            else:
                alt = (current - exclusive) | {c}
            if alt:
                out.append(alt)
        return out
    return [v for v in possible_answers(question, offered) if v != value]


@dataclass(frozen=True, slots=True)
class _Outcome:
    model: str
    layer: str
    precautions: frozenset[str]
    constraints: frozenset[str]
    notices: frozenset[str]


def _outcome(rec: Recommendation) -> _Outcome:
    """What a full recommendation says, as far as `influence` compares it."""
    return _Outcome(
        rec.model.recommended,
        rec.layer.recommended,
        frozenset(a.id for a in rec.precautions),
        frozenset(a.id for a in rec.constraints),
        frozenset(n.id for n in rec.notices),
    )


def outcome(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> _Outcome:
    """The same as ``_outcome(recommend(questionnaire, answers, counterfactuals=False))``, cheaper.

    `influence` re-scores the questionnaire for every other answer of every question, and compares
    only the top model and layer and which precautions, constraints and notices apply. This scores
    once and ranks, without the explanations, pros and cons `recommend` writes for a report (about
    half its time). The split advice, which decides whether a precaution for some models only
    applies, is worked out only when such a precaution was triggered and the pair's own model is
    not among its models. A test checks that both give the same on many answer sets.
    """
    q = questionnaire
    s = score(q, answers)
    ans = s.view.answers
    models = rank(q, RankingKind.MODEL, s)
    layer = rank(q, RankingKind.LAYER, s)[0].id
    deployment = rank(q, RankingKind.DEPLOYMENT, s)[0].id
    pair = Pair(ON_PREMISES, NO_LAYER) if deployment == ON_PREMISES else Pair(deployment, layer)
    audience = ans.get(q.audience_question) if q.audience_question else None
    constraints: set[str] = set()
    triggered: dict[str, None] = {}
    for _origin, _answer, _choice, effect in s.effects:
        constraints.update(effect.constraints)
        triggered.update(dict.fromkeys(effect.precautions))
    used: set[str] | None = None
    precautions = set()
    for pid in triggered:
        p = q.precautions[pid]
        if p.audiences and audience not in p.audiences:
            continue
        if p.models and pair.model not in p.models:
            used = _models_advised(q, s, pair, models) if used is None else used
            if not used & set(p.models):
                continue
        precautions.add(pid)
    return _Outcome(
        models[0].id,
        layer,
        frozenset(precautions),
        frozenset(constraints),
        frozenset(n.id for n in q.notices if n.when is None or n.when(ans)),
    )


def _models_advised(q: Questionnaire, s: Scored, pair: Pair, models: tuple[OptionScore, ...]) -> set[str]:
    """The models of the pair and of every part of a split advice (as `recommend` works them out).

    The split advice reads only the ranked models of the model ranking, so the ranking is given
    those alone, without the explanation `explain` would add.
    """
    ranking = Ranking(RankingKind.MODEL, models, margin=0.0, confidence=0.0)
    return {pair.model, *(part.pair.model for part in split_advice(q, s, pair, ranking))}


#: Most answer sets one run may sample: about 15 ms each on the bundled questionnaire, so a few minutes.
MAX_SAMPLES = 10_000

#: Most work one run may do, in samples × size², where size is the number of questions and choices:
#: a sample answers every question and re-scores the whole questionnaire once per other answer, so
#: its cost grows with the square of the size. The bundled questionnaire (size about 180) may take
#: all `MAX_SAMPLES`; 2,000 questions (size 4,668, about 100 s a sample) at most 18; 20,000 none.
INFLUENCE_WORK = 400_000_000


def questionnaire_size(questionnaire: Questionnaire) -> int:
    """The number of questions and choices, the measure of `INFLUENCE_WORK`."""
    return sum(1 + len(question.choices) for question in questionnaire.question_index.values())


def max_samples(questionnaire: Questionnaire) -> int:
    """The most samples `influence` takes for this questionnaire (0: too large for any)."""
    return min(MAX_SAMPLES, INFLUENCE_WORK // max(1, questionnaire_size(questionnaire)) ** 2)


def influence(
    questionnaire: Questionnaire,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    progress: Callable[[int, int], None] | None = None,
) -> list[QuestionInfluence]:
    """Measure each question's influence over `samples` random complete answer sets.

    Deterministic for a given `seed`. Returns one entry per question, in reading order (a question
    never shown in any sample has ``visible == 0``). `progress`, when given, is called after each
    sample with the number of samples done and `samples` (a long run takes minutes).

    Raises:
        ValueError: `samples` is not from 1 to `MAX_SAMPLES` (the run time grows with it), or more
            than `max_samples` allows for a questionnaire this large.
    """
    if not 1 <= samples <= MAX_SAMPLES:
        raise ValueError(f"samples must be from 1 to {MAX_SAMPLES:,}, not {samples}")
    q = questionnaire
    if samples > (most := max_samples(q)):
        raise ValueError(too_large_message(q, most))
    rng = random.Random(seed)
    choose = random_chooser(rng)
    counts: dict[str, list[int]] = {qid: [0, 0, 0, 0, 0, 0] for qid in q.question_index}
    for done in range(1, samples + 1):
        answers = complete_answers(q, choose)
        base = outcome(q, answers)
        session = Session.with_answers(q, answers)
        for question in session.visible_questions():
            row = counts[question.id]
            row[0] += 1
            seen = [False] * 5
            offered = session.visible_choices(question.id) if question.type.has_choices else ()
            for alt in _alternatives(question, answers.get(question.id), offered):
                trial = {**answers, question.id: alt}
                out = outcome(q, trial)
                seen[0] |= out.model != base.model
                seen[1] |= out.layer != base.layer
                seen[2] |= out.precautions != base.precautions
                seen[3] |= out.constraints != base.constraints
                seen[4] |= out.notices != base.notices
                if all(seen):
                    break
            for i, hit in enumerate(seen, start=1):
                row[i] += int(hit)
        if progress is not None:
            progress(done, samples)
    return [QuestionInfluence(qid, *counts[qid]) for qid in q.question_index]


def too_large_message(questionnaire: Questionnaire, most: int) -> str:
    """Why `influence` refuses this many samples for `questionnaire`."""
    size = questionnaire_size(questionnaire)
    if most < 1:
        return (f"the questionnaire is too large for an influence report ({size:,} questions and choices; "
                f"the cost grows with the square of that)")
    return f"at most {most:,} samples for a questionnaire of {size:,} questions and choices"


#: The table's column headings (the question, then how often shown, then the five shares, then a note).
_COLUMNS: tuple[str, ...] = (N_("question"), N_("shown"), N_("model"), N_("layer"), N_("precautions"),
                             N_("constraints"), N_("notices"), N_("note"))


def _percent(share: float, lang: str) -> str:
    """`share` as a whole percentage, as `lang` writes it ("50%", "50 %" with a no-break space)."""
    value = f"{share * 100:.0f}"
    return f"{value}\u00a0%" if lang in ("fr", "de") else f"{value}%"


def format_influence(rows: Sequence[QuestionInfluence], exempt: Mapping[str, str] | None = None,
                     lang: str = "en") -> str:
    """A plain-text table of `influence` results, one line per question, in `lang`.

    Columns: how often the question was shown, and the share of those answer sets in which another
    answer changed the top model, the top layer, the precautions, the constraints and the notices.
    The last column flags idle questions (``IDLE``), or names the reason when `exempt` lists one.
    Each column is as wide as its heading in `lang`, at least.
    """
    _ = gettext_for(lang)
    ngettext = ngettext_for(lang)
    exempt = exempt or {}
    heads = [_(c) for c in _COLUMNS]
    widths = [max([len(heads[0]), *(len(r.question_id) for r in rows)]),
              *(max(5, len(h)) for h in heads[1:-1])]
    head = "  ".join([heads[0].ljust(widths[0]), *(h.rjust(w) for h, w in zip(heads[1:-1], widths[1:], strict=True)), heads[-1]])
    lines = [head, "-" * len(head)]
    for r in rows:
        note = ""
        if r.visible == 0:
            note = _("never shown")
        elif r.idle:
            note = (_("exempt: {reason}").format(reason=exempt[r.question_id]) if r.question_id in exempt
                    else _("IDLE"))
        elif not r.changes_result:
            note = _("advice only")
        cells = [r.rate(c) for c in (r.model_changes, r.layer_changes, r.precaution_changes,
                                     r.constraint_changes, r.notice_changes)]
        shown = [format_number(r.visible, lang), *(_percent(c, lang) if c else "-" for c in cells)]
        row = "  ".join([r.question_id.ljust(widths[0]), *(c.rjust(w) for c, w in zip(shown, widths[1:], strict=True)), note])
        lines.append(row.rstrip())
    idle = sum(1 for r in rows if r.visible and r.idle and r.question_id not in exempt)
    changing = sum(1 for r in rows if r.changes_result)
    lines.append("")
    lines.append(_("{questions}: {changing}, {idle}.").format(
        questions=ngettext("{count} question", "{count} questions", len(rows)).format(count=len(rows)),
        changing=ngettext("{count} changes the result", "{count} change the result", changing).format(count=changing),
        idle=ngettext("{count} idle", "{count} idle", idle).format(count=idle)))
    return "\n".join(lines)
