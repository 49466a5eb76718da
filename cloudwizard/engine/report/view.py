"""The report view: one typed, frozen picture of a `Recommendation`, every text already translated.

`build_view` is the only place that reads a `Recommendation` for presentation. The result page, the
kiosk's QR summary and every report format (Markdown, HTML, terminal, JSON, PDF) read the view it
returns, so they all say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cloudwizard import __version__
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.model import Question, Questionnaire, QuestionType, TradeOff
from cloudwizard.engine.recommender import Contribution, Counterfactual, Ranking, Recommendation
from cloudwizard.engine.report.style import long_date, number, quote, sentence

#: Version of the JSON report's layout (2: adds the summary, points and the comparison).
REPORT_FORMAT = 2
#: How many reasons the summary shows.
TOP_REASONS = 3


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

    @property
    def text(self) -> str:
        """"S2, 2024-02-12, proposal"."""
        return ", ".join(p for p in (self.id, self.date, self.status_label) if p)


def cite(tags: tuple[SourceTag, ...]) -> str:
    """Citations as one tag: "[S1, 2011-09-28; S2, 2024-02-12]" ("" when there are none)."""
    return "[" + "; ".join(t.text for t in tags) + "]" if tags else ""


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
    confidence_level: str
    confidence_label: str
    confidence_text: str
    conflict: bool
    options: tuple[OptionRow, ...]
    reasons: tuple[Reason, ...]
    pros: tuple[Point, ...]
    cons: tuple[Point, ...]
    comparison: tuple[ComparisonRow, ...]
    comparison_title: str
    pros_title: str
    cons_title: str


@dataclass(frozen=True, slots=True)
class CloseCall:
    """A tie or near tie: the two options, and what would decide between them."""

    kind: str
    first: str
    second: str
    text: str
    decide: str


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
    page: str
    summary: str


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
    model: RankingView
    layer: RankingView
    sureness: str
    close_calls: tuple[CloseCall, ...]
    top_reasons: tuple[Reason, ...]
    reasons: tuple[Reason, ...]
    checklist: tuple[ChecklistItem, ...]
    constraints: tuple[ConstraintView, ...]
    notices: tuple[NoticeView, ...]
    comply_or_explain: ComplyOrExplain | None
    what_would_change: tuple[WhatIf, ...]
    further_reading: tuple[Link, ...]
    sources: tuple[Link, ...]
    answers: tuple[AnswerSection, ...]
    labels: Labels

    @property
    def rankings(self) -> tuple[RankingView, RankingView]:
        """The model's and the layer's advice."""
        return self.model, self.layer


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
        shown = number(float(value), lang)
        if question.type is QuestionType.SCALE and question.maximum is not None:
            return f"{shown} / {number(question.maximum, lang)}"
        return f"{shown} {q.text(question.unit, lang)}".strip()
    return str(value)


def option_name(q: Questionnaire, option: str, lang: str) -> str:
    """The display name of a model or layer."""
    info = q.options.get(option)
    return q.text(info.name, lang) if info else option


# -- the builder -------------------------------------------------------------------------------


def build_view(rec: Recommendation, lang: str, justification: Justification | None = None) -> ReportView:
    """Everything a report shows about `rec`, in `lang` (the one builder every front end uses)."""
    return _Builder(rec.questionnaire, lang).view(rec, justification)


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

    def sources(self, ids: tuple[str, ...]) -> tuple[SourceTag, ...]:
        out = []
        for sid in ids:
            s = self.q.source(sid)
            if s is not None:
                out.append(SourceTag(s.id, s.date, s.status, self.status_label(s.status)))
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
        new_name = self.name(cf.new_top)
        answered = "; ".join(
            _("{answer} to {question}").format(answer=quote(ch.after, self.lang),
                                               question=quote(ch.question_text, self.lang))
            for ch in changes)
        text = _("If you answered {changes}, the advice would be {option}.").format(changes=answered, option=new_name)
        return WhatIf(index, cf.kind, tuple(changes), cf.new_top, new_name, change_text, text)


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
            page=_("Page {page} of {pages}"),
            summary=_("In short"),
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
            return Reason(because, tag, c.origin, qtext, answer, round(c.edge, 3), kind)
        return Reason(because, _("A combination of your answers"), c.origin, "", "", round(c.edge, 3), kind)

    def confidence(self, r: Ranking, top: str, second: str) -> tuple[str, str]:
        _ = self._
        level = r.confidence_level
        label = {"high": _("clear"), "medium": _("fairly clear"), "low": _("close call")}[level]
        if r.conflict:
            text = _("Your answers rule out every option; {option} is the least bad one. Look at the "
                     "requirements that apply.").format(option=top)
        elif level == "high":
            text = _("{option} fits your answers clearly better than {other}.").format(option=top, other=second)
        elif level == "medium":
            text = _("{option} fits your answers better than {other}, but some answers point the other way.").format(
                option=top, other=second)
        else:
            text = _("A close call: {option} and {other} fit your answers about equally well.").format(
                option=top, other=second)
        return label, text

    def ranking(self, r: Ranking) -> RankingView:
        _ = self._
        top, second = self.name(r.recommended), self.name(r.runner_up)
        lowest = min(o.score for o in r.options)
        rows = tuple(
            OptionRow(o.id, self.name(o.id), round(o.score, 3), round(o.score - lowest, 3),
                      number(o.score - lowest, self.lang, 1), o.excluded, o.excluded_by, o.id == r.recommended)
            for o in r.options
        )
        label, text = self.confidence(r, top, second)
        title = _("Deployment model") if r.kind == "model" else _("Service layer")
        info = self.q.options.get(r.recommended)
        example = ""
        if info is not None and self.rec.audience and self.rec.audience in info.examples:
            example = sentence(self.t(info.examples[self.rec.audience]))

        def points(items: tuple[TradeOff, ...]) -> tuple[Point, ...]:
            return tuple(Point(self.t(x.text), self.sources(x.sources)) for x in items)

        comparison = tuple(
            ComparisonRow(self.t(x.text), r.runner_up, second, False, self.sources(x.sources)) for x in r.runner_up_pros
        ) + tuple(
            ComparisonRow(self.t(x.text), r.recommended, top, True, self.sources(x.sources)) for x in r.runner_up_cons
        )
        return RankingView(
            kind=r.kind,
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
            confidence_level=r.confidence_level,
            confidence_label=label,
            confidence_text=text,
            conflict=r.conflict,
            options=rows,
            reasons=tuple(self.reason(c, r.kind) for c in r.reasons),
            pros=points(r.pros),
            cons=points(r.cons),
            comparison=comparison,
            comparison_title=_("{option} compared with {other}").format(option=top, other=second),
            pros_title=_("Pros of {name}").format(name=top),
            cons_title=_("Cons of {name}").format(name=top),
        )

    def close_calls(self, rankings: tuple[RankingView, ...], what_ifs: tuple[WhatIf, ...]) -> tuple[CloseCall, ...]:
        _ = self._
        out = []
        for r in rankings:
            if r.confidence_level != "low" or r.conflict:
                continue
            decider = next((w for w in what_ifs if w.kind == r.kind and w.new_top == r.runner_up), None)
            decide = (_("What would decide: {change}").format(change=decider.text) if decider is not None else
                      _("Compare the pros and cons of both in the details, and choose what matters most to you."))
            out.append(CloseCall(r.kind, r.recommended_name, r.runner_up_name,
                                 _("Both {first} and {second} suit you.").format(first=r.recommended_name,
                                                                                second=r.runner_up_name), decide))
        return tuple(out)

    def comply(self, justification: Justification | None, notices: tuple[NoticeView, ...]) -> ComplyOrExplain | None:
        if justification is None and not any(n.kind == "policy" for n in notices):
            return None
        _ = self._
        r = self.rec.model
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
        model, layer = self.ranking(rec.model), self.ranking(rec.layer)
        reasons: list[Reason] = []
        seen: set[str] = set()
        for r in model.reasons + layer.reasons:
            if r.text not in seen:
                seen.add(r.text)
                reasons.append(r)
        # The summary alternates between the model's and the layer's strongest reasons.
        top: list[Reason] = []
        for pair in zip(model.reasons, layer.reasons, strict=False):
            top.extend(pair)
        longest = model.reasons if len(model.reasons) > len(layer.reasons) else layer.reasons
        top.extend(longest[min(len(model.reasons), len(layer.reasons)):])
        top_reasons: list[Reason] = []
        for r in top:
            if r.text not in {x.text for x in top_reasons}:
                top_reasons.append(r)
        what_ifs = tuple(self.what_if(i, cf) for i, cf in enumerate(rec.what_would_change))
        notices = tuple(NoticeView(n.id, n.kind, self.t(n.title), self.t(n.text), self.sources(n.sources))
                        for n in rec.notices)
        labels = self.labels()
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
            headline=_("{model}, used as {layer}").format(model=model.recommended_name, layer=layer.recommended_name),
            model=model,
            layer=layer,
            sureness=_("Deployment model: {model}. Service layer: {layer}.").format(
                model=model.confidence_label, layer=layer.confidence_label),
            close_calls=self.close_calls((model, layer), what_ifs),
            top_reasons=tuple(top_reasons[:TOP_REASONS]),
            reasons=tuple(reasons),
            checklist=self.checklist(),
            constraints=tuple(
                ConstraintView(a.id, self.t(c.title), self.t(c.reason), c.rules_out, a.triggered_by,
                               self.sources(c.sources))
                for a in rec.constraints for c in (rec.constraint(a.id),)
            ),
            notices=notices,
            comply_or_explain=self.comply(justification, notices),
            what_would_change=what_ifs,
            further_reading=tuple(Link(r.id, self.t(r.title), r.url, self.t(r.text)) for r in rec.further_reading),
            sources=tuple(
                Link(s.id, self.t(s.title), s.url, "", s.date, s.status, self.status_label(s.status))
                for s in q.sources if s.id in rec.cited_sources()
            ),
            answers=self.answers(),
            labels=labels,
        )


def describe_changes(q: Questionnaire, cf: Counterfactual, lang: str) -> str:
    """The answers a "what would change this" changes, as one phrase ("“Q”: new instead of old")."""
    return _Texts(q, lang).what_if(0, cf).change_text
