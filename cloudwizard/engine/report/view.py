"""The report view: one typed, frozen picture of a `Recommendation`, every text already translated.

`build_view` is the only place that reads a `Recommendation` for presentation. The result page, the
kiosk's QR summary and every report format (Markdown, HTML, terminal, JSON, PDF) read the view it
returns, so they all say the same thing in the same words.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from cloudwizard import __version__
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.model import NO_LAYER, ON_PREMISES, Question, Questionnaire, QuestionType, TradeOff
from cloudwizard.engine.recommender import (
    Clarity,
    Combination,
    Contribution,
    Counterfactual,
    NearTie,
    Pair,
    Ranking,
    Recommendation,
)
from cloudwizard.engine.report.style import long_date, number, quote, sentence
from cloudwizard.engine.typography import apostrophes, continuation, is_french, typeset

#: Version of the JSON report's layout (2: adds the summary, points and the comparison; 3: adds the
#: recommended pair, the runner-up pair, the split advice and the clarity of the pair).
REPORT_FORMAT = 3
#: Short names of the cloud layers (the same in every language), for "on-premises plus SaaS".
LAYER_ABBREVIATIONS = {"saas": "SaaS", "paas": "PaaS", "iaas": "IaaS"}
#: How many reasons the summary shows.
TOP_REASONS = 3
#: Fields of the view that hold no text to typeset (web addresses are left exactly as written).
_NOT_TEXT = frozenset({"url", "lang"})
#: A source id as a sentence cites it: "S1", "S14b".
_SOURCE_ID = re.compile(r"\bS\d+[a-z]?\b")

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Justification:
    """A public body's "comply or explain": the model it chose instead, and why."""

    chosen_model: str
    text: str


@dataclass(frozen=True, slots=True)
class SourceTag:
    """A citation: the source's id, its date and, for proposals and appeals, what it is."""

    id: str
    date: str
    status: str
    status_label: str
    #: the report's language: a French citation puts its narrow no-break space before ";"
    lang: str = ""

    @property
    def text(self) -> str:
        """"S2, 2024-02-12, proposal"."""
        return ", ".join(p for p in (self.id, self.date, self.status_label) if p)


def cite(tags: tuple[SourceTag, ...]) -> str:
    """Citations as one tag: "[S1, 2011-09-28; S2, 2024-02-12]" ("" when there are none).

    In French "[S1, 2011-09-28 ; S2, …]", with a narrow no-break space before the semicolon.
    """
    if not tags:
        return ""
    separator = "\u202f; " if is_french(tags[0].lang) else "; "
    return "[" + separator.join(t.text for t in tags) + "]"


@dataclass(frozen=True, slots=True)
class Point:
    """One pro or con, with its sources."""

    text: str
    sources: tuple[SourceTag, ...] = ()


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One point of the comparison with the runner-up, and which option it favours."""

    text: str
    favours: str
    favours_name: str
    favours_recommended: bool
    sources: tuple[SourceTag, ...] = ()
    #: the option the point is about (the runner-up: its own strength or weakness), and its name
    about: str = ""
    about_name: str = ""
    #: the name of the option the point speaks for, as the ranking names it ("SaaS", not the whole pair)
    for_name: str = ""


@dataclass(frozen=True, slots=True)
class OptionRow:
    """One option of a ranking, with points that are never negative (the lowest option has 0)."""

    id: str
    name: str
    score: float
    points: float
    points_text: str
    excluded: bool
    excluded_by: tuple[str, ...]
    recommended: bool
    #: what the row needs said beside it: "ruled out by “R”", "put first by “R”", "part of this
    #: advice, for other needs" ("" when nothing)
    note: str = ""
    #: a part of the advice itself (a split advice's other part): not compared with the advice
    part_of_advice: bool = False


@dataclass(frozen=True, slots=True)
class Reason:
    """Why the advice is what it is: a sentence, and the answer it comes from (its tag)."""

    text: str
    tag: str
    question: str
    question_text: str
    answer: str
    weight: float
    kind: str
    #: the sources its sentence cites ("(S1, S14)" in the text), with their dates
    sources: tuple[SourceTag, ...] = ()

    @property
    def source_tag(self) -> str:
        """The reason's source tag: the answer it comes from, and the sources it cites.

        "(Your answer to “Q”: A) [S1, 2011-09-28]": every front end shows a reason with this tag.
        """
        return " ".join(p for p in ("(" + self.tag + ")", cite(self.sources)) if p)


@dataclass(frozen=True, slots=True)
class RankingView:
    """The advice for the deployment model or for the service layer."""

    kind: str
    title: str
    heading: str
    recommended: str
    recommended_name: str
    summary: str
    example: str
    runner_up: str
    runner_up_name: str
    margin: float
    confidence: float
    clarity: Clarity
    clarity_label: str
    clarity_text: str
    conflict: bool
    options: tuple[OptionRow, ...]
    reasons: tuple[Reason, ...]
    #: answers that speak for the runner-up (the wording says "some answers point the other way"
    #: only when there are any)
    against: tuple[Reason, ...]
    #: titles of the requirements that decided (ruled the runner-up out, or made the top option first)
    decided_by: tuple[str, ...]
    #: names of the options level with the runner-up (a shared second place), the runner-up first
    shared_second: tuple[str, ...]
    pros: tuple[Point, ...]
    cons: tuple[Point, ...]
    comparison: tuple[ComparisonRow, ...]
    comparison_title: str
    pros_title: str
    cons_title: str
    #: what the score table's numbers mean, for this ranking (a deciding requirement says so)
    points_note: str = ""
    #: the heading over `against`: "Answers that speak for X" (French elided: "en faveur d’X")
    against_title: str = ""
    #: the tie or near tie of this ranking, if it is one: the same level options `clarity_text` names
    close_call: CloseCall | None = None


@dataclass(frozen=True, slots=True)
class CloseCall:
    """A tie or near tie: the level options, and what would decide between them.

    Attributes:
        kind: ``model`` (how to deploy, running it yourself included) or ``layer``.
        first, second: names of the first two options (the recommended one first).
        options: names of every option that is (nearly) level, the recommended one first.
        is_tie: the first two are exactly level; the questionnaire's fixed order chose.
        text: the tie or near tie as a sentence.
        decide: what would decide between them, as a sentence.
        deciding: ids of the questions whose answer would decide.
        option_ids: ids of the level options, as in `options`.
        tied: names of the options exactly level with the first (the first included; one when
            the first is just ahead).
        behind: names of the other level options, close behind (within the close-call margin).
    """

    kind: str
    first: str
    second: str
    options: tuple[str, ...]
    is_tie: bool
    text: str
    decide: str
    deciding: tuple[str, ...] = ()
    option_ids: tuple[str, ...] = ()
    tied: tuple[str, ...] = ()
    behind: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PairView:
    """A recommended (or runner-up) pair in plain words.

    Attributes:
        model: a cloud model, or ``on_premises`` (you run it yourself).
        layer: saas, paas, iaas, or ``none`` (no cloud service layer).
        self_run: you run it yourself on your own equipment, with no cloud service.
        model_name, layer_name: display names (layer ``none``: "no cloud service layer").
        text: the pair in plain words ("Public cloud, used as Software as a Service (SaaS)").
    """

    model: str
    layer: str
    self_run: bool
    model_name: str
    layer_name: str
    text: str


@dataclass(frozen=True, slots=True)
class SplitPartView:
    """One part of a split advice: a pair, and the needs it serves (none: everything else)."""

    pair: PairView
    needs: tuple[str, ...]
    because: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """A precaution to act on."""

    id: str
    title: str
    text: str
    category: str
    category_label: str
    sources: tuple[SourceTag, ...]


@dataclass(frozen=True, slots=True)
class ConstraintView:
    """A requirement that applies (it may rule options out)."""

    id: str
    title: str
    reason: str
    rules_out: tuple[str, ...]
    triggered_by: tuple[str, ...]
    sources: tuple[SourceTag, ...]


@dataclass(frozen=True, slots=True)
class NoticeView:
    """A block of text shown with the advice (a policy, a warning, information)."""

    id: str
    kind: str
    title: str
    text: str
    sources: tuple[SourceTag, ...]


@dataclass(frozen=True, slots=True)
class AnswerChange:
    """One changed answer of a "what would change this"."""

    question: str
    question_text: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class WhatIf:
    """A change of answers that would change the advice, as a sentence."""

    index: int
    kind: str
    changes: tuple[AnswerChange, ...]
    new_top: str
    new_top_name: str
    change_text: str
    text: str


@dataclass(frozen=True, slots=True)
class ComplyOrExplain:
    """Comply or explain (federal bodies): the model chosen instead of the advice, and why.

    Attributes:
        options: every model the body may choose, as (id, name), the advice first.
        chosen: the chosen model ("" follows the advice).
        deviates: another model than the advice is chosen.
        missing_reason: another model is chosen and no reason is written down.
    """

    intro: str
    recommended: str
    recommended_name: str
    options: tuple[tuple[str, str], ...]
    chosen: str
    chosen_name: str
    reason: str
    deviates: bool
    missing_reason: bool
    statement: str


@dataclass(frozen=True, slots=True)
class Link:
    """Further reading or a source, with its web address (only http or https)."""

    id: str
    title: str
    url: str
    text: str
    date: str = ""
    status: str = ""
    status_label: str = ""
    #: the date written out in the report's language ("12 février 2024"; "" when undated)
    date_text: str = ""


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One answer as the user reads it."""

    question: str
    question_text: str
    answer: str


@dataclass(frozen=True, slots=True)
class AnswerSection:
    """The answers of one section."""

    id: str
    title: str
    answers: tuple[AnswerRow, ...]


@dataclass(frozen=True, slots=True)
class Labels:
    """Every fixed text of a report, translated (headings, captions, notes)."""

    title: str
    our_advice: str
    how_sure: str
    why: str
    what_to_do: str
    details: str
    all_reasons: str
    scores: str
    points_explained: str
    option: str
    points: str
    ruled_out: str
    requirements: str
    notices: str
    comply_or_explain: str
    justification: str
    no_reason: str
    what_would_change: str
    what_would_change_intro: str
    further_reading: str
    sources: str
    your_answers: str
    date: str
    questionnaire: str
    version: str
    made_with: str
    no_pros: str
    no_cons: str
    no_checklist: str
    favours: str
    about: str
    speaks_for: str
    speaks_for_advice: str
    speaks_for_runner_up: str
    page: str
    summary: str
    split: str
    compared_with_runner_up: str
    clarity_scale: str
    more_reasons: str
    against: str
    #: the summary box's pointer to the steps it leaves out on a page too short for them all
    more_steps: str = ""
    #: the one heading over the sources and the further reading (the screen, the PDF, every file)
    sources_and_reading: str = ""


@dataclass(frozen=True, slots=True)
class ReportView:
    """The whole report, ready to show in `language`."""

    language: str
    generator: str
    date_iso: str
    date: str
    questionnaire_id: str
    questionnaire_version: str
    questionnaire_title: str
    meta: str
    audience: str | None
    headline: str
    pair: PairView
    runner_up_pair: PairView | None
    split: tuple[SplitPartView, ...]
    combination: Combination
    combination_text: str
    clarity: Clarity
    clarity_label: str
    model: RankingView
    layer: RankingView
    sureness: str
    #: the ranking whose lead the "how sure" sentence speaks of (the less clear one)
    sure: RankingView
    close_calls: tuple[CloseCall, ...]
    pair_comparison: tuple[ComparisonRow, ...]
    pair_comparison_title: str
    top_reasons: tuple[Reason, ...]
    reasons: tuple[Reason, ...]
    #: every reason not among `top_reasons` (the details fold these out; the summary has the rest)
    more_reasons: tuple[Reason, ...]
    checklist: tuple[ChecklistItem, ...]
    constraints: tuple[ConstraintView, ...]
    notices: tuple[NoticeView, ...]
    comply_or_explain: ComplyOrExplain | None
    what_would_change: tuple[WhatIf, ...]
    further_reading: tuple[Link, ...]
    sources: tuple[Link, ...]
    answers: tuple[AnswerSection, ...]
    labels: Labels
    #: "For example: …": the example that fits the pair (the layer's, else the model's; "" when none)
    for_example: str = ""
    #: when no change of answer would alter the advice, that said plainly ("" when some would)
    no_change: str = ""

    def close_call_line(self, call: CloseCall) -> str:
        """A close call as the summary says it, below "how sure": what would decide, said once.

        "How sure" already names the level options of its own ranking (`sure`, or both rankings
        when both are near ties), so for those only what would decide follows; another ranking's
        close call is said in full.
        """
        told = self.sure.close_call == call or (len(self.close_calls) == 2 and call in self.close_calls)
        return call.decide if told else f"{call.text} {call.decide}"

    @property
    def rankings(self) -> tuple[RankingView, ...]:
        """The rankings behind the pair: how to deploy, and (unless you run it yourself) the layer."""
        return (self.model,) if self.pair.self_run else (self.model, self.layer)


# -- small helpers shared with other front ends ------------------------------------------------


def format_answer(q: Questionnaire, question: Question, value: Any, lang: str) -> str:
    """An answer as the user would read it: choice labels, yes/no, a number with its unit."""
    _ = gettext_for(lang)
    if value is None:
        return _("(not answered)")
    if question.type.has_choices:
        chosen = sorted(value, key=question.choice_ids.index) if isinstance(value, frozenset) else [value]
        labels = []
        for cid in chosen:
            choice = question.choice(cid)
            labels.append(q.text(choice.label, lang) if choice else str(cid))
        return ", ".join(labels) if labels else _("(none)")
    if question.type in (QuestionType.SCALE, QuestionType.NUMBER) and isinstance(value, (int, float)):
        # an answer's number is grouped from 1000 on ("1,500 people" as "1,500,000 people")
        shown = number(float(value), lang, group_from=1000)
        if question.type is QuestionType.SCALE and question.maximum is not None:
            return f"{shown} / {number(question.maximum, lang)}"
        return f"{shown} {q.text(question.unit, lang)}".strip()
    return str(value)


def option_name(q: Questionnaire, option: str, lang: str) -> str:
    """The display name of a model or layer (``none``: no cloud service layer)."""
    info = q.options.get(option)
    if info is None and option == NO_LAYER:
        _ = gettext_for(lang)
        return _("no cloud service layer")
    return q.text(info.name, lang) if info else option


def clarity_label(clarity: Clarity, lang: str) -> str:
    """The one translated word for a point of the clarity scale (clear / fairly clear / close call)."""
    _ = gettext_for(lang)
    return {Clarity.CLEAR: _("clear"), Clarity.FAIRLY_CLEAR: _("fairly clear"),
            Clarity.CLOSE_CALL: _("close call")}[clarity]


def pair_text(q: Questionnaire, model: str, layer: str, lang: str) -> str:
    """A pair in plain words: "you run it yourself — no cloud service", or "{model}, used as {layer}"."""
    _ = gettext_for(lang)
    if model == ON_PREMISES or layer == NO_LAYER:
        return _("You run it yourself on your own equipment — no cloud service")
    return _("{model}, used as {layer}").format(model=option_name(q, model, lang), layer=option_name(q, layer, lang))


# -- the builder -------------------------------------------------------------------------------


def build_view(rec: Recommendation, lang: str, justification: Justification | None = None) -> ReportView:
    """Everything a report shows about `rec`, in `lang` (the one builder every front end uses).

    Every text of the view is typeset for `lang` (`cloudwizard.engine.typography`): in French the
    spaces before ; : ? ! and inside « » are no-break ones, in the GUI, the terminal and every file.
    """
    return typeset_all(_Builder(rec.questionnaire, lang).view(rec, justification), lang)


def typeset_all(value: _T, lang: str) -> _T:
    """`value` (a text, a tuple, or a frozen dataclass of them) with every text typeset for `lang`."""
    if not is_french(lang):
        return value
    return cast(_T, _typeset(value, lang))


#: French "de" and "que" before a name that starts with a vowel: "de Infrastructure" → "d’Infrastructure".
_ELISION = re.compile(r"\b([Dd]e|[Qq]ue) (?=[AEIOUÀÂÉÈÊËÎÏÔÛÜ])")


def elide(text: str, lang: str) -> str:
    """French elision before an option's name: "en faveur d’Infrastructure", "mieux qu’Infrastructure".

    Only before a capital vowel (an option's or a product's name, "IaaS"); other languages unchanged.
    """
    if not is_french(lang):
        return text
    return _ELISION.sub(lambda m: m[1][:-1] + "\u2019", text)


@functools.lru_cache(maxsize=8192)
def _typeset_text(text: str, lang: str) -> str:
    """One text typeset for `lang`: the questionnaire's texts come again in every view (what-if, language)."""
    return elide(apostrophes(typeset(text, lang), lang), lang)


def _typeset(value: object, lang: str) -> object:
    if isinstance(value, enum.Enum):
        return value
    if isinstance(value, str):
        return _typeset_text(value, lang)
    if type(value) is tuple:
        return tuple(_typeset(v, lang) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _typeset(getattr(value, f.name), lang)
                   for f in dataclasses.fields(value) if f.name not in _NOT_TEXT}
        return dataclasses.replace(value, **changes)
    return value


class _Texts:
    """Texts of one questionnaire in one language: names, answers, citations, what-if sentences."""

    def __init__(self, q: Questionnaire, lang: str) -> None:
        self.q = q
        self.lang = lang
        self._: Callable[[str], str] = gettext_for(lang)

    def t(self, text: Any) -> str:
        return self.q.text(text, self.lang)

    def name(self, option: str) -> str:
        return option_name(self.q, option, self.lang)

    def pair_text(self, model: str, layer: str) -> str:
        return pair_text(self.q, model, layer, self.lang)

    def pair(self, p: Pair) -> PairView:
        return PairView(p.model, p.layer, p.self_run, self.name(p.model), self.name(p.layer),
                        self.pair_text(p.model, p.layer))

    def sources(self, ids: tuple[str, ...]) -> tuple[SourceTag, ...]:
        out = []
        for sid in ids:
            s = self.q.source(sid)
            if s is not None:
                out.append(SourceTag(s.id, s.date, s.status, self.status_label(s.status), self.lang))
        return tuple(out)

    def status_label(self, status: str) -> str:
        _ = self._
        return {"proposal": _("proposal, may change"), "under_appeal": _("under appeal"),
                "unknown": _("status unknown")}.get(status, "")

    def what_if(self, index: int, cf: Counterfactual) -> WhatIf:
        """A "what would change this" as sentences."""
        _ = self._
        changes = []
        for c in cf.changes:
            question = self.q.question(c.question_id)
            changes.append(AnswerChange(c.question_id, self.t(question.label),
                                        format_answer(self.q, question, c.before, self.lang),
                                        format_answer(self.q, question, c.after, self.lang)))
        change_text = "; ".join(
            _("{question}: {after} instead of {before}").format(
                question=quote(ch.question_text, self.lang), after=quote(ch.after, self.lang),
                before=quote(ch.before, self.lang))
            for ch in changes)
        model, layer = (cf.new_top, cf.new_other) if cf.kind == "model" else (cf.new_other, cf.new_top)
        new_name = self.pair_text(model, layer)
        clauses = [self.choices_changed(c.question_id, c.before, c.after) for c in cf.changes]
        if any(clauses):
            # A multiple-choice change says what to add or drop, not the whole new list (it read as
            # the user's own answer minus one item).
            parts = tuple(clause or _("you answered {answer} to {question}").format(
                answer=quote(ch.after, self.lang), question=quote(ch.question_text, self.lang))
                for clause, ch in zip(clauses, changes, strict=True))
            text = _("If {changes}, the advice would be {option}.").format(
                changes=self.join_and(parts), option=quote(new_name, self.lang))
            return WhatIf(index, cf.kind, tuple(changes), cf.new_top, new_name, change_text, text)
        answered = "; ".join(
            _("{answer} to {question}").format(answer=quote(ch.after, self.lang),
                                               question=quote(ch.question_text, self.lang))
            for ch in changes)
        text = _("If you answered {changes}, the advice would be {option}.").format(
            changes=answered, option=quote(new_name, self.lang))  # quoted: a pair's text starts with a capital
        return WhatIf(index, cf.kind, tuple(changes), cf.new_top, new_name, change_text, text)


    def join_and(self, items: tuple[str, ...]) -> str:
        """"a, b and c" in the report's language."""
        _ = self._
        if len(items) <= 1:
            return "".join(items)
        return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])

    def choices_changed(self, qid: str, before: Any, after: Any) -> str:
        """For a multiple-choice question, what the change adds or drops, as a clause ("" otherwise).

        "you did not choose “Mail”", "you also chose “Files”", "you chose “A” instead of “B”", each
        followed by the question.
        """
        _ = self._
        question = self.q.question(qid)
        if question.type is not QuestionType.MULTIPLE:
            return ""
        old = before if isinstance(before, frozenset) else frozenset()
        new = after if isinstance(after, frozenset) else frozenset()

        def labels(ids: frozenset[str]) -> str:
            ordered = sorted(ids, key=lambda c: question.choice_ids.index(c) if c in question.choice_ids else 0)
            names = []
            for cid in ordered:
                choice = question.choice(cid)
                names.append(quote(self.t(choice.label) if choice else cid, self.lang))
            return self.join_and(tuple(names))

        added, dropped = new - old, old - new
        where = quote(self.t(question.label), self.lang)
        if added and dropped:
            return _("you chose {added} instead of {dropped} for {question}").format(
                added=labels(added), dropped=labels(dropped), question=where)
        if dropped:
            return _("you did not choose {choices} for {question}").format(choices=labels(dropped), question=where)
        if added:
            return _("you also chose {choices} for {question}").format(choices=labels(added), question=where)
        return ""


class _Builder(_Texts):
    """Turns one `Recommendation` into a `ReportView`."""

    rec: Recommendation

    # -- parts -----------------------------------------------------------------------------
    def labels(self) -> Labels:
        _ = self._
        return Labels(
            title=_("CloudWizard advice"),
            our_advice=_("Our advice"),
            how_sure=_("How sure the advice is"),
            why=_("Why this advice"),
            what_to_do=_("What to do next"),
            details=_("The details"),
            all_reasons=_("Every reason"),
            scores=_("How the options scored"),
            points_explained=_("Each answer gives points to the options it suits. The option with the fewest "
                               "points is set at 0, so a number shows how far ahead an option is."),
            option=_("Option"),
            points=_("Points"),
            ruled_out=_("ruled out"),
            requirements=_("Requirements that apply"),
            notices=_("Good to know"),
            comply_or_explain=_("Comply or explain"),
            justification=_("Justification"),
            no_reason=_("No reason written down yet."),
            what_would_change=_("What would change this advice"),
            what_would_change_intro=_("Try a change to see the advice it would give, next to your own."),
            further_reading=_("Further reading"),
            sources=_("Sources"),
            your_answers=_("Your answers"),
            date=_("Date"),
            questionnaire=_("Questionnaire"),
            version=_("version {version}").format(version=self.q.version),
            made_with=_("Made with {generator}. Your answers stayed on this computer.").format(
                generator=f"CloudWizard {__version__}"),
            no_pros=_("No particular advantages listed."),
            no_cons=_("No particular drawbacks listed."),
            no_checklist=_("Nothing special for your answers. Still keep one copy of what matters outside the "
                           "cloud service you use."),
            favours=_("favours {option}"),
            about=_("About {option}"),
            speaks_for=_("speaks for {option}"),
            speaks_for_advice=_("speaks for the advice"),
            speaks_for_runner_up=_("speaks for the next best advice"),
            page=_("Page {page} of {pages}"),
            summary=_("In short"),
            split=_("Different needs, different services"),
            compared_with_runner_up=_("Compared with the next best advice"),
            clarity_scale=_("How sure is said on one scale: clear (a decisive requirement, or at least 5 points "
                            "ahead), fairly clear (at least 2 points ahead), or close call (less, or a tie)."),
            more_reasons=_("More reasons"),
            against=_("Answers that speak for {option}"),
            more_steps=_("The other steps: see {section} below.").format(
                section=quote(_("What to do next"), self.lang)),
            sources_and_reading=_("Sources and further reading"),
        )

    def reason(self, c: Contribution, kind: str) -> Reason:
        _ = self._
        because = sentence(self.t(c.because))
        if c.origin in self.q.question_index:
            question = self.q.question(c.origin)
            choice = question.choice(c.choice) if c.choice else None
            answer = self.t(choice.label) if choice else format_answer(self.q, question, c.answer, self.lang)
            qtext = self.t(question.label)
            tag = _("Your answer to {question}: {answer}").format(question=quote(qtext, self.lang), answer=answer)
            if not because:  # never an empty bullet (issue 14; `validate --strict` warns of the missing 'because')
                because, tag = sentence(tag), _("no reason given")
            cited = self.cited(because)
            return Reason(self.uncited(because) if cited else because, tag, c.origin, qtext, answer,
                          round(c.edge, 3), kind, cited)
        tag = self.rule_tag(c.origin)
        if not because:
            because, tag = sentence(tag), _("no reason given")
        cited = self.cited(because)
        # the sources go into the tag with their dates: "(S4)" left in the sentence said them twice
        return Reason(self.uncited(because) if cited else because, tag, c.origin, "", "", round(c.edge, 3), kind,
                      cited)

    def rule_tag(self, origin: str) -> str:
        """The tag of a questionnaire rule's reason: the answers its condition reads.

        "Your answer to “Q”: A" for one question, "Your answers to “Q1” and “Q2”" for more;
        "A combination of your answers" only when the rule reads no question that was answered.
        """
        _ = self._
        rule = next((r for r in self.q.rules if "rule:" + r.id == origin or r.id == origin), None)
        names = rule.when.names if rule is not None else frozenset()
        answered = [qid for qid in self.q.question_index if qid in names and qid in self.rec.answers
                    and self.rec.answers[qid] is not None]
        parts = []
        for qid in answered[:3]:
            question = self.q.question(qid)
            parts.append((quote(self.t(question.label), self.lang),
                          format_answer(self.q, question, self.rec.answers[qid], self.lang)))
        if len(parts) == 1:
            return _("Your answer to {question}: {answer}").format(question=parts[0][0], answer=parts[0][1])
        if parts:  # the questions only: three answers in full made a tag longer than its reason
            return _("Your answers to {answers}").format(answers=self.listing(tuple(qt for qt, _a in parts)))
        return _("A combination of your answers")

    def uncited(self, text: str) -> str:
        """`text` without the source ids it cites inline: "… premises (S4)." → "… premises."."""
        def drop(m: re.Match[str]) -> str:
            kept = [p.strip() for p in re.split(r"[;,]", m[1])
                    if not (_SOURCE_ID.fullmatch(p.strip()) and self.q.source(p.strip()) is not None)]
            return f" ({'; '.join(kept)})" if kept else ""
        return re.sub(r"\s*\(([^()]*)\)", drop, text)

    def cited(self, text: str) -> tuple[SourceTag, ...]:
        """The sources a sentence cites by id ("… (S1, S14) …"), in the order it names them."""
        ids = dict.fromkeys(m for m in _SOURCE_ID.findall(text) if self.q.source(m) is not None)
        return self.sources(tuple(ids))

    def clarity_text(self, r: Ranking) -> str:
        """How sure, as a sentence, derived from the facts the report shows (docs/recommender.md, 8).

        The word is `r.clarity`; the sentence names the deciding requirement when one decided,
        gives the lead in points (the difference of the two rows of the score table) when it is
        clear or fairly clear by points, says "some answers point the other way" only when an
        answer speaks for the runner-up (`Ranking.against`), and says a shared second place.
        """
        _ = self._
        top, other = self.name(r.recommended), self.name(r.runner_up)
        points = number(max(0.0, r.margin), self.lang, 1)
        if r.conflict:
            return _("Your answers rule out every option; {option} is the least bad one. Look at the "
                     "requirements that apply.").format(option=top)
        if r.decided_by:
            titles = self.listing(tuple(quote(self.t(self.q.constraints[c].title), self.lang)
                                        for c in r.decided_by if c in self.q.constraints))
            if r.score_of(r.runner_up).excluded:
                text = _("{option} is the clear choice: the requirement {requirement} rules out {other}.").format(
                    option=top, requirement=titles, other=other)
            else:
                text = _("{option} is the clear choice: the requirement {requirement} puts it first.").format(
                    option=top, requirement=titles)
        elif r.clarity in (Clarity.CLEAR, Clarity.FAIRLY_CLEAR):
            # (how clear, whether an answer speaks for the runner-up) -> the sentence
            sentence = {
                (Clarity.CLEAR, True): _("{option} fits your answers clearly better than {other}: it is {points} "
                                         "points ahead, although some answers speak for {other}."),
                (Clarity.CLEAR, False): _("{option} fits your answers clearly better than {other}: it is {points} "
                                          "points ahead, and none of your answers speaks for {other}."),
                (Clarity.FAIRLY_CLEAR, True): _("{option} fits your answers better than {other}: it is {points} "
                                                "points ahead, but some answers point the other way."),
                (Clarity.FAIRLY_CLEAR, False): _("{option} fits your answers better than {other}: it is {points} "
                                                 "points ahead. None of your answers speaks for {other}; the lead "
                                                 "is modest."),
            }[r.clarity, bool(r.against)]
            text = sentence.format(option=top, other=other, points=points)
        elif r.near_tie is not None:
            text = self.level_sentence(r.near_tie)
        elif r.is_tie:
            text = _("{option} and {other} fit your answers equally well.").format(option=top, other=other)
        else:
            text = _("{option} and {other} fit your answers about equally well.").format(option=top, other=other)
        if r.skipped and not r.conflict:
            parts = tuple(self.name(o) for o in r.skipped)
            if len(parts) == 1:
                text += " " + _("{option} is part of this advice itself (for other needs), so the comparison "
                                "is with the next option.").format(option=parts[0])
            else:
                text += " " + _("{options} are part of this advice itself (for other needs), so the comparison "
                                "is with the next option.").format(options=self.listing(parts))
        level = r.level_with_runner_up
        # in a tie the runner-up shares first place, and the sentence above names every option level with it
        if level and not r.score_of(r.runner_up).excluded and not r.is_tie:
            names = (other, *(self.name(o) for o in level))
            text += " " + _("{options} share second place with the same points.").format(options=self.listing(names))
        return text

    def ranking(self, r: Ranking, what_ifs: tuple[WhatIf, ...] = ()) -> RankingView:
        _ = self._
        kind = "layer" if r.kind == "layer" else "model"  # the deployment ranking is the pair's model
        top, second = self.name(r.recommended), self.name(r.runner_up)
        # Points count from the lowest option still in the running: a ruled-out option shows no
        # number (its points decide nothing) but the requirement that ruled it out.
        lowest = min((o.score for o in r.options if not o.excluded), default=min(o.score for o in r.options))
        put_first = bool(r.decided_by) and not r.score_of(r.runner_up).excluded

        def note(o: Any) -> str:
            if o.excluded and not r.conflict:
                titles = self.requirements(o.excluded_by)
                return _("ruled out by {requirement}").format(requirement=titles) if titles else _("ruled out")
            if o.excluded:
                return _("ruled out")
            if o.id in r.skipped:
                return _("part of this advice, for other needs")
            if o.id == r.recommended and put_first and self.requirements(r.decided_by):
                return _("put first by {requirement}").format(requirement=self.requirements(r.decided_by))
            return ""

        rows = tuple(
            OptionRow(o.id, self.name(o.id), round(o.score, 3), round(max(0.0, o.score - lowest), 3),
                      "—" if o.excluded and not r.conflict else number(max(0.0, o.score - lowest), self.lang, 1),
                      o.excluded, o.excluded_by, o.id == r.recommended, note(o), o.id in r.skipped)
            for o in r.options
        )
        points_note = _("Each answer gives points to the options it suits. The option with the fewest "
                        "points is set at 0, so a number shows how far ahead an option is.")
        if put_first or any(o.excluded for o in r.options):
            points_note = _("Each answer gives points to the options it suits; the lowest option still in the "
                            "running is set at 0. A requirement counts before the points: it puts an option "
                            "first or rules it out, whatever its points.")
        title = _("Service layer") if r.kind == "layer" else _("Deployment model")
        info = self.q.options.get(r.recommended)
        example = ""
        if info is not None and self.rec.audience and self.rec.audience in info.examples:
            example = sentence(self.t(info.examples[self.rec.audience]))

        def points(items: tuple[TradeOff, ...]) -> tuple[Point, ...]:
            return tuple(Point(self.t(x.text), self.sources(x.sources)) for x in items)

        # every point describes the runner-up: its strengths speak for it, its weaknesses for the advice
        comparison = tuple(
            ComparisonRow(self.t(x.text), r.runner_up, second, False, self.sources(x.sources),
                          r.runner_up, second, second) for x in r.runner_up_pros
        ) + tuple(
            ComparisonRow(self.t(x.text), r.recommended, top, True, self.sources(x.sources),
                          r.runner_up, second, top) for x in r.runner_up_cons
        )
        return RankingView(
            kind=kind,
            title=title,
            heading=_("{title}: {option}").format(title=title, option=top),
            recommended=r.recommended,
            recommended_name=top,
            summary=self.t(info.summary) if info else "",
            example=example,
            runner_up=r.runner_up,
            runner_up_name=second,
            margin=round(r.margin, 3),
            confidence=round(r.confidence, 3),
            clarity=r.clarity,
            clarity_label=clarity_label(r.clarity, self.lang),
            clarity_text=self.clarity_text(r),
            conflict=r.conflict,
            options=rows,
            reasons=tuple(self.reason(c, r.kind) for c in r.reasons),
            against=tuple(self.reason(c, r.kind) for c in r.against),
            decided_by=tuple(self.t(self.q.constraints[c].title) for c in r.decided_by if c in self.q.constraints),
            shared_second=(second, *(self.name(o) for o in r.level_with_runner_up)) if r.level_with_runner_up else (),
            pros=points(r.pros),
            cons=points(r.cons),
            comparison=comparison,
            comparison_title=_("{option} compared with {other}").format(option=top, other=second),
            pros_title=_("Pros of {name}").format(name=top),
            cons_title=_("Cons of {name}").format(name=top),
            points_note=points_note,
            against_title=_("Answers that speak for {option}").format(option=second),
            close_call=self.close_call(r.near_tie, what_ifs) if r.near_tie is not None and not r.conflict else None,
        )

    def requirements(self, ids: tuple[str, ...]) -> str:
        """The titles of requirements, quoted and listed: "“A” and “B”" ("" when none is known)."""
        return self.listing(tuple(quote(self.t(self.q.constraints[c].title), self.lang)
                                  for c in ids if c in self.q.constraints))

    def level_names(self, tie: NearTie) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The names of a near tie's options: all of them, those level with the first, those close behind."""
        return (tuple(self.name(o) for o in tie.options), tuple(self.name(o) for o in tie.tied),
                tuple(self.name(o) for o in tie.behind))

    def level_sentence(self, tie: NearTie) -> str:
        """The "how sure" sentence of a tie or close call: every level option, as `close_call` names them."""
        _ = self._
        names, tied, behind = self.level_names(tie)
        if tie.is_tie and not behind:
            return _("{options} fit your answers equally well.").format(options=self.listing(names))
        if tie.is_tie:
            return _("{options} fit your answers equally well, with {behind} close behind.").format(
                options=self.listing(tied), behind=self.listing(behind))
        return _("{options} fit your answers about equally well; {first} is just ahead.").format(
            options=self.listing(names), first=names[0])

    def close_call(self, tie: NearTie, what_ifs: tuple[WhatIf, ...]) -> CloseCall:
        """A tie or near tie in plain words: every level option, and what would decide between them.

        It names the same options as the "how sure" sentence (`level_sentence`), from the same list.
        """
        _ = self._
        kind = "layer" if tie.kind == "layer" else "model"
        names, tied, behind = self.level_names(tie)
        if tie.is_tie and not behind:
            text = _("A tie between {options}: the questionnaire's fixed order put {first} first.").format(
                options=self.listing(names), first=names[0])
        elif tie.is_tie:
            text = _("A tie between {options}, with {behind} close behind: the questionnaire's fixed order put "
                     "{first} first.").format(options=self.listing(tied), behind=self.listing(behind),
                                              first=names[0])
        else:
            text = _("A close call between {options}: {first} is just ahead.").format(
                options=self.listing(names), first=names[0])
        questions = tuple(q for q in tie.deciding if q in self.q.question_index)
        decider = next((w for w in what_ifs if w.kind == kind and w.new_top in tie.options[1:]), None)
        if decider is not None:
            decide = _("What would decide: {change}").format(change=continuation(decider.text, self.lang))
        elif questions:
            decide = _("What would decide: your answers to {questions}.").format(
                questions=self.listing(tuple(quote(self.t(self.q.question(x).label), self.lang) for x in questions[:3])))
        elif len(names) == 2:
            decide = _("Compare the pros and cons of both in the details, and choose what matters most to you.")
        else:
            decide = _("None of your answers separates them: choose the one whose pros matter most to you.")
        return CloseCall(kind, names[0], names[1], names, tie.is_tie, text, decide, questions, tie.options,
                         tied, behind)

    def listing(self, items: tuple[str, ...]) -> str:
        """"a, b and c" in the report's language."""
        _ = self._
        if len(items) <= 1:
            return "".join(items)
        return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])

    def split(self, rec: Recommendation) -> tuple[SplitPartView, ...]:
        """The parts of a split advice, each with the needs it serves."""
        _ = self._
        out = []
        for part in rec.split:
            pv = self.pair(part.pair)
            needs = []
            for qid, cid in part.needs:
                question = self.q.question(qid)
                choice = question.choice(cid)
                label = self.t(choice.label) if choice else cid
                if label not in needs:
                    needs.append(label)
            if needs:
                text = _("{pair}, for: {needs}").format(pair=pv.text, needs="; ".join(needs))
            else:
                text = _("{pair}, for everything else").format(pair=pv.text)
            out.append(SplitPartView(pv, tuple(needs), tuple(sentence(self.t(b)) for b in part.because), text))
        return tuple(out)

    def combination_text(self, rec: Recommendation) -> str:
        """How the parts of the advice relate, in plain words ("" for one pair)."""
        _ = self._
        if rec.combination is Combination.ON_PREMISES_PLUS_CLOUD:
            layers = []
            for part in rec.split:
                abbr = LAYER_ABBREVIATIONS.get(part.pair.layer)
                if abbr and abbr not in layers:
                    layers.append(abbr)
            return _("On-premises plus {layers}: you run part of it yourself on your own equipment and use a cloud "
                     "service for the rest. That is not a hybrid cloud, which binds two cloud infrastructures "
                     "together.").format(layers=self.listing(tuple(layers)) or _("cloud services"))
        if rec.combination is Combination.HYBRID_CLOUD:
            return _("A hybrid cloud in the strict sense: two cloud infrastructures bound together, so that data "
                     "and applications can move between them.")
        if rec.combination is Combination.SPLIT:
            return _("A split advice: one service does not suit every need, so some needs get a service of "
                     "their own.")
        return ""

    def pair_comparison(self, rec: Recommendation, model: RankingView,
                        layer: RankingView) -> tuple[ComparisonRow, ...]:
        """The comparison with the runner-up pair: the points of the ranking in which the two differ."""
        pair, other = rec.pair, self.compared_pair(rec, model, layer)
        if pair is None or other is None:
            return ()
        ranking = model if other.model != pair.model else layer
        if ranking.runner_up not in (other.model, other.layer):
            return ()
        ours, theirs = self.pair_text(pair.model, pair.layer), self.pair_text(other.model, other.layer)
        top = ranking.recommended_name
        # the advice's own side first: its pros speak for it, its cons for the other option
        own = tuple(ComparisonRow(p.text, ranking.recommended, ours, True, p.sources, ranking.recommended, top, top)
                    for p in ranking.pros) + tuple(
            ComparisonRow(p.text, ranking.runner_up, theirs, False, p.sources, ranking.recommended, top,
                          ranking.runner_up_name) for p in ranking.cons)
        return own + tuple(dataclasses.replace(row, favours_name=ours if row.favours_recommended else theirs)
                           for row in ranking.comparison)

    def compared_pair(self, rec: Recommendation, model: RankingView, layer: RankingView) -> Pair | None:
        """The pair the advice is compared with: the near tie's other option, else the runner-up pair.

        When "how sure" names a close call, the comparison is with the option it names.
        """
        pair = rec.pair
        if pair is None:
            return rec.runner_up_pair
        shown = (model,) if pair.self_run else (model, layer)
        order = [Clarity.CLOSE_CALL, Clarity.FAIRLY_CLEAR, Clarity.CLEAR]
        tied = sorted((r for r in shown if r.close_call is not None), key=lambda r: order.index(r.clarity))
        for r in tied:
            call = r.close_call
            if call is None or len(call.option_ids) < 2 or call.option_ids[1] != r.runner_up:
                continue
            second = call.option_ids[1]
            if r.kind == "layer":
                return Pair(pair.model, second)
            return Pair(second, NO_LAYER) if second == ON_PREMISES else Pair(second, layer.recommended)
        return rec.runner_up_pair

    def comply(self, justification: Justification | None, notices: tuple[NoticeView, ...]) -> ComplyOrExplain | None:
        if justification is None and not any(n.kind == "policy" for n in notices):
            return None
        _ = self._
        r = self.rec.deployment or self.rec.model
        recommended_name = self.name(r.recommended)
        options = ((r.recommended, recommended_name),
                   *((o.id, self.name(o.id)) for o in r.options if o.id != r.recommended))
        chosen = justification.chosen_model if justification is not None else ""
        if chosen == r.recommended:
            chosen = ""
        reason = justification.text.strip() if justification is not None else ""
        deviates = bool(chosen)
        chosen_name = self.name(chosen) if chosen else recommended_name
        if deviates:
            statement = _("Recommended: {recommended}. Chosen: {chosen}.").format(
                recommended=recommended_name, chosen=chosen_name)
        else:
            statement = _("You follow the advice: {recommended}.").format(recommended=recommended_name)
        return ComplyOrExplain(
            intro=_("Comply or explain: you may choose another deployment model, but then you must write down "
                    "why. Your reason goes into the report."),
            recommended=r.recommended, recommended_name=recommended_name, options=options, chosen=chosen,
            chosen_name=chosen_name, reason=reason if deviates else "", deviates=deviates,
            missing_reason=deviates and not reason, statement=statement,
        )

    def answers(self) -> tuple[AnswerSection, ...]:
        out = []
        for section in self.q.sections:
            rows = tuple(
                AnswerRow(question.id, self.t(question.label),
                          format_answer(self.q, question, self.rec.answers[question.id], self.lang))
                for question in section.questions if question.id in self.rec.answers
            )
            if rows:
                out.append(AnswerSection(section.id, self.t(section.title), rows))
        return tuple(out)

    def checklist(self) -> tuple[ChecklistItem, ...]:
        _ = self._
        categories = {"backup": _("Backups"), "contract": _("Contract"), "privacy": _("Privacy"),
                      "security": _("Security"), "exit": _("Exit and switching"), "compliance": _("Obligations"),
                      "general": _("General")}
        items = [
            ChecklistItem(a.id, self.t(p.title), self.t(p.text), p.category, categories.get(p.category, p.category),
                          self.sources(p.sources))
            for a in self.rec.precautions
            for p in (self.rec.precaution(a.id),)
        ]
        # Backups first: losing data is what hurts most, whatever the model.
        return tuple(sorted(items, key=lambda i: i.category != "backup"))

    # -- the whole view ---------------------------------------------------------------------
    def view(self, rec: Recommendation, justification: Justification | None) -> ReportView:
        _ = self._
        self.rec = rec
        q = self.q
        deployment = rec.deployment or rec.model
        pair = rec.pair or Pair(deployment.recommended, rec.layer.recommended)
        what_ifs = tuple(self.what_if(i, cf) for i, cf in enumerate(rec.what_would_change))
        model, layer = self.ranking(deployment, what_ifs), self.ranking(rec.layer, what_ifs)
        shown = (model,) if pair.self_run else (model, layer)
        reasons: list[Reason] = []
        for r in (x for ranking in shown for x in ranking.reasons):
            if r.text not in {x.text for x in reasons}:
                reasons.append(r)
        # The summary's reasons: why this pair (its model's reasons, then its layer's), each once.
        model_reasons = {(c.origin, c.choice) for c in deployment.reasons}
        top_reasons: list[Reason] = []
        for c in rec.pair_reasons or deployment.reasons:
            r = self.reason(c, "model" if (c.origin, c.choice) in model_reasons else "layer")
            if r.text not in {x.text for x in top_reasons}:
                top_reasons.append(r)
        pair_view = self.pair(pair)
        runner_up = self.pair(rec.runner_up_pair) if rec.runner_up_pair is not None else None
        compared_pair = self.compared_pair(rec, model, layer)
        compared = self.pair(compared_pair) if compared_pair is not None else None
        # "How sure" speaks of the less clear of the rankings shown (the one the pair's word comes
        # from); when both are as clear, of the one in which the next best pair differs.
        order = [Clarity.CLOSE_CALL, Clarity.FAIRLY_CLEAR, Clarity.CLEAR]
        other = rec.runner_up_pair
        differs = model if other is None or other.model != pair.model else layer
        sure = min(sorted(shown, key=lambda v: v is not differs), key=lambda v: order.index(v.clarity))
        clarity = sure.clarity
        sureness = sure.clarity_text
        if all(v.close_call is not None for v in (model, layer)) and len(shown) == 2:
            # Both parts of the pair are near ties: "how sure" says each (the tester read only the
            # layer's, then a paragraph on the model's close call it had never mentioned).
            sureness = _("Deployment model: {model} Service layer: {layer}").format(
                model=model.clarity_text, layer=layer.clarity_text)
        more = tuple(r for r in reasons if r.text not in {x.text for x in top_reasons[:TOP_REASONS]})
        notices = tuple(NoticeView(n.id, n.kind, self.t(n.title), self.t(n.text), self.sources(n.sources))
                        for n in rec.notices)
        labels = self.labels()
        reading, sources = self.links(rec)
        date = long_date(rec.created, self.lang)
        meta = _("{date} · {questionnaire} ({id}, version {version})").format(
            date=date, questionnaire=self.t(q.title), id=q.id, version=q.version)
        return ReportView(
            language=self.lang,
            generator=f"CloudWizard {__version__}",
            date_iso=rec.created,
            date=date,
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            questionnaire_title=self.t(q.title),
            meta=meta,
            audience=rec.audience,
            headline=pair_view.text,
            pair=pair_view,
            runner_up_pair=runner_up,
            split=self.split(rec),
            combination=rec.combination,
            combination_text=self.combination_text(rec),
            clarity=clarity,
            clarity_label=clarity_label(clarity, self.lang),
            model=model,
            layer=layer,
            sureness=sureness,
            sure=sure,
            # the rankings' own near ties: the options they name are those their "how sure" names
            close_calls=tuple(v.close_call for v in shown if v.close_call is not None),
            pair_comparison=self.pair_comparison(rec, model, layer),
            pair_comparison_title=_("{option} compared with {other}").format(
                option=pair_view.text, other=compared.text) if compared else "",
            top_reasons=tuple(top_reasons[:TOP_REASONS]),
            reasons=tuple(reasons),
            more_reasons=more,
            checklist=self.checklist(),
            constraints=tuple(
                ConstraintView(a.id, self.t(c.title), self.t(c.reason), c.rules_out, a.triggered_by,
                               self.sources(c.sources))
                for a in rec.constraints for c in (rec.constraint(a.id),)
            ),
            notices=notices,
            comply_or_explain=self.comply(justification, notices),
            what_would_change=what_ifs,
            further_reading=reading,
            sources=sources,
            answers=self.answers(),
            labels=labels,
            for_example=self.for_example((layer.example if not pair.self_run else "") or model.example),
            no_change=self.no_change(top_reasons[:TOP_REASONS]) if not what_ifs else "",
        )

    def for_example(self, example: str) -> str:
        """"For example: …", as the screen's summary says it ("" when there is no example)."""
        return self._("For example: {examples}").format(examples=example) if example else ""

    def no_change(self, reasons: list[Reason]) -> str:
        """No change of answer alters the advice: said plainly, with the answers that hold it."""
        _ = self._
        questions = tuple(dict.fromkeys(quote(r.question_text, self.lang) for r in reasons if r.question_text))
        if questions:
            return _("No change to one of your answers would alter this advice. It rests above all on your "
                     "answers to {questions}.").format(questions=self.listing(questions))
        return _("No change to one of your answers would alter this advice.")

    def links(self, rec: Recommendation) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
        """The further reading and the sources, each page once.

        A further reading whose address is a cited source's is said with that source (its id and
        date, and the reading's own words), not a second time untagged.
        """
        sources = [Link(s.id, self.t(s.title), s.url, "", s.date, s.status, self.status_label(s.status),
                        long_date(s.date, self.lang) if s.date else "")
                   for s in self.q.sources if s.id in rec.cited_sources()]
        def web(url: str) -> str:  # a web page's address, to compare ("" for anything else)
            return url.rstrip("/") if url.lower().startswith(("https://", "http://")) else ""

        by_url = {web(s.url): i for i, s in enumerate(sources) if web(s.url)}
        reading = []
        for r in rec.further_reading:
            i = by_url.get(web(r.url)) if web(r.url) else None
            if i is None:
                reading.append(Link(r.id, self.t(r.title), r.url, self.t(r.text)))
            elif not sources[i].text:
                sources[i] = dataclasses.replace(sources[i], text=self.t(r.text))
        return tuple(reading), tuple(sources)


def describe_changes(q: Questionnaire, cf: Counterfactual, lang: str) -> str:
    """The answers a "what would change this" changes, as one phrase ("“Q”: new instead of old")."""
    return typeset(_Texts(q, lang).what_if(0, cf).change_text, lang)
