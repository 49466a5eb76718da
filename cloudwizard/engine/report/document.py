"""A small document model (heading, paragraph, list, table, checklist, note, box) and the report in it.

`build_document` lays a `ReportView` out once; the Markdown, HTML, terminal and PDF renderers each
turn these few block types into their format, so no renderer decides what the report says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from cloudwizard.engine.report.style import quote
from cloudwizard.engine.report.view import ReportView, SourceTag, cite
from cloudwizard.engine.typography import colon, continuation


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of inline text: plain, strong, emphasised, a citation, or a web link."""

    text: str
    strong: bool = False
    emphasis: bool = False
    muted: bool = False
    url: str = ""


Inline = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; level 1 is the title. `keep_with_next` always holds: a heading never ends a page."""

    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph; `role` is "" (body), "lead" (the advice itself) or "muted" (meta, footnotes)."""

    spans: Inline
    role: Literal["", "lead", "muted"] = ""


#: "advice" / "other": a comparison point that speaks for the advice / for the next best advice.
Marker = Literal["bullet", "plus", "minus", "advice", "other"]

#: The sign of each marker, the same in every format (the terminal and Markdown write it as text).
MARKS: dict[str, str] = {"bullet": "•", "plus": "+", "minus": "\u2212", "advice": "\u2713", "other": "\u25cb"}


@dataclass(frozen=True, slots=True)
class ListItem:
    """One list item with its marker (a bullet, or + / − for pros and cons)."""

    spans: Inline
    marker: Marker = "bullet"


@dataclass(frozen=True, slots=True)
class BulletList:
    """A list of items."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class Checklist:
    """Things to do, each with an empty check box."""

    items: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row; `numeric` marks right-aligned columns."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """A set-off block: a notice, a warning, or a quoted text (the body's justification)."""

    title: str
    spans: Inline
    kind: Literal["info", "warning", "policy", "quote"] = "info"


@dataclass(frozen=True, slots=True)
class Box:
    """A framed group of blocks: the summary of the first page."""

    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    #: shorter versions of `blocks`, each shorter than the one before: paged output takes the first
    #: that fits on the page, for a box is never split (the summary box leaves steps out, "see below")
    shorter: tuple[tuple[Block, ...], ...] = ()


Block = Union[Heading, Paragraph, BulletList, Checklist, Table, Note, Box]  # noqa: UP007 - a runtime alias


@dataclass(frozen=True, slots=True)
class Document:
    """A whole report: its title, a running header and footer for paged output, and the blocks."""

    language: str
    title: str
    header: str
    footer: str
    page_label: str
    blocks: tuple[Block, ...]
    #: the title of a window or browser tab: the title, the advice and the date ("" → `title`)
    long_title: str = ""


_NOTE_KINDS: dict[str, Literal["info", "warning", "policy"]] = {"warning": "warning", "policy": "policy"}


def sentence_start(value: str) -> str:
    """`value` with its first letter in upper case ("close call" → "Close call")."""
    return value[:1].upper() + value[1:]


def text(value: str) -> Inline:
    """Plain inline text."""
    return (Span(value),)


def _cited(value: str, sources: tuple[SourceTag, ...]) -> Inline:
    tag = cite(sources)
    return (Span(value), Span(" " + tag, muted=True)) if tag else (Span(value),)


def comparison_legend(view: ReportView) -> str:
    """"✓ speaks for the advice · ○ speaks for the next best advice": the markers of the comparison."""
    lab = view.labels
    return f"{MARKS['advice']} {lab.speaks_for_advice} · {MARKS['other']} {lab.speaks_for_runner_up}"


def comparison_items(view: ReportView) -> tuple[ListItem, ...]:
    """The comparison with the next best advice, one item a point, in the one wording every front end uses.

    The points are about the advice's option (its pros speak for it, its cons for the other one)
    and about the other option (its pros speak for it, its cons for the advice), in the order of
    `ReportView.pair_comparison`; `comparison_groups` puts each option's name once above its
    points. Each item says the side it speaks for ("… → speaks for “Y”"); the marker says which
    (✓ the advice, ○ the next best advice, see `comparison_legend`).
    """
    lang = view.language
    return tuple(
        # the names quoted: "speaks for “Run it yourself …”" reads as a name mid-sentence
        ListItem((*_cited(sentence_start(row.text), row.sources),
                  Span(" \u2192 " + view.labels.speaks_for.format(
                      option=quote(row.for_name or row.favours_name, lang)), emphasis=True)),
                 "advice" if row.favours_recommended else "other")
        for row in view.pair_comparison)


def comparison_groups(view: ReportView) -> tuple[tuple[str, tuple[ListItem, ...]], ...]:
    """The comparison's points grouped by the option they are about, each with its lead ("About X:")."""
    lab, lang = view.labels, view.language
    groups: list[tuple[str, list[ListItem]]] = []
    for row, item in zip(view.pair_comparison, comparison_items(view), strict=True):
        lead = lab.about.format(option=quote(row.about_name or row.favours_name, lang)) + colon(lang).rstrip()
        if not groups or groups[-1][0] != lead:
            groups.append((lead, []))
        groups[-1][1].append(item)
    return tuple((lead, tuple(items)) for lead, items in groups)


def summary_box(view: ReportView) -> Box:
    """The first thing to read: the advice, how sure, why, what to do, date and version.

    Its shorter versions (for a page too short for it all) list fewer steps, the last none, each
    with a pointer to "What to do next" below, where every step is written out in full.
    """
    shorter = tuple(_summary_blocks(view, n) for n in range(len(view.checklist) - 1, -1, -1))
    return Box(view.labels.our_advice, _summary_blocks(view), shorter)


def _summary_blocks(view: ReportView, steps: int | None = None) -> tuple[Block, ...]:
    """The summary box's blocks, with the first `steps` steps only (None: all of them)."""
    lab = view.labels
    blocks: list[Block] = [Paragraph((Span(view.headline, strong=True),), "lead")]
    for r in view.rankings:
        blocks.append(Paragraph((Span(r.recommended_name, strong=True), Span(" — " + r.summary))))
    if view.for_example:
        blocks.append(Paragraph(text(view.for_example), "muted"))
    if view.combination_text:
        blocks.append(Paragraph(text(view.combination_text)))
    if view.split:
        blocks.append(Heading(3, lab.split))
        blocks.append(BulletList(tuple(ListItem(text(p.text)) for p in view.split)))
    blocks += [
        Heading(3, lab.how_sure),
        Paragraph((Span(sentence_start(view.clarity_label) + " — ", strong=True), Span(view.sureness))),
    ]
    for call in view.close_calls:
        blocks.append(Paragraph(text(view.close_call_line(call))))
    if view.top_reasons:
        blocks.append(Heading(3, lab.why))
        blocks.append(BulletList(tuple(
            ListItem((Span(r.text), Span(" " + r.source_tag, muted=True))) for r in view.top_reasons)))
    blocks.append(Heading(3, lab.what_to_do))
    shown = view.checklist if steps is None else view.checklist[:steps]
    if shown:
        blocks.append(Checklist(tuple((Span(i.title),) for i in shown)))
    if len(shown) < len(view.checklist):
        blocks.append(Paragraph(text(lab.more_steps), "muted"))
    elif not view.checklist:
        blocks.append(Paragraph(text(lab.no_checklist)))
    if view.constraints:
        # as on the screen, the requirements that apply follow the steps (their reasons are below)
        blocks.append(Heading(3, lab.requirements))
        blocks.append(BulletList(tuple(ListItem(text(c.title)) for c in view.constraints)))
    if view.comply_or_explain is not None:
        c = view.comply_or_explain
        blocks.append(Paragraph((Span(lab.comply_or_explain + colon(view.language), strong=True),
                                 Span(continuation(c.statement, view.language)))))
    blocks.append(Paragraph(text(view.meta), "muted"))
    return tuple(blocks)


def build_document(view: ReportView) -> Document:
    """The report of `view` as blocks, summary first, details after."""
    lab = view.labels
    out: list[Block] = [Heading(1, lab.title), summary_box(view)]
    add = out.append

    add(Heading(2, lab.details))
    for r in view.rankings:
        add(Heading(3, r.heading))
        add(Paragraph(text(" ".join(p for p in (r.summary, r.example) if p))))
        add(Paragraph((Span(sentence_start(r.clarity_label) + " — ", strong=True), Span(r.clarity_text))))
        if r.against:
            add(Heading(4, r.against_title or lab.against.format(option=r.runner_up_name)))
            add(BulletList(tuple(ListItem((Span(x.text), Span(" " + x.source_tag, muted=True))) for x in r.against)))
        pros = tuple(ListItem(_cited(p.text, p.sources), "plus") for p in r.pros)
        cons = tuple(ListItem(_cited(p.text, p.sources), "minus") for p in r.cons)
        add(Heading(4, r.pros_title))
        add(BulletList(pros) if pros else Paragraph(text(lab.no_pros), "muted"))
        add(Heading(4, r.cons_title))
        add(BulletList(cons) if cons else Paragraph(text(lab.no_cons), "muted"))
        add(Heading(4, lab.scores))
        # two columns with a header each: a row's note (ruled out by …, put first by …, part of
        # this advice) beside its name
        add(Table((lab.option, lab.points),
                  tuple((f"{o.name} ({o.note})" if o.note else o.name, o.points_text) for o in r.options),
                  (False, True)))
        add(Paragraph(text(r.points_note or lab.points_explained), "muted"))
    add(Paragraph(text(lab.clarity_scale), "muted"))
    if view.pair_comparison:
        add(Heading(3, lab.compared_with_runner_up))
        add(Paragraph(text(view.pair_comparison_title)))
        add(Paragraph(text(comparison_legend(view)), "muted"))
        for lead, items in comparison_groups(view):
            add(Paragraph((Span(lead, strong=True),)))
            add(BulletList(items))

    if view.more_reasons:
        # the summary has the first reasons; the details fold out the rest, never the same again
        add(Heading(2, lab.more_reasons))
        add(BulletList(tuple(ListItem((Span(r.text), Span(" " + r.source_tag, muted=True))) for r in view.more_reasons)))

    add(Heading(2, lab.what_to_do))
    if view.checklist:
        add(Checklist(tuple(
            (Span(i.title, strong=True), Span(f" ({i.category_label}){colon(view.language)}"),
             *_cited(continuation(i.text, view.language), i.sources))
            for i in view.checklist)))
    else:
        add(Paragraph(text(lab.no_checklist)))

    if view.constraints:
        add(Heading(2, lab.requirements))
        add(BulletList(tuple(
            ListItem((Span(c.title, strong=True), Span(colon(view.language)),
                      *_cited(continuation(c.reason, view.language), c.sources)))
            for c in view.constraints)))

    if view.notices:
        add(Heading(2, lab.notices))
        for n in view.notices:
            add(Note(n.title, _cited(n.text, n.sources), _NOTE_KINDS.get(n.kind, "info")))

    if view.comply_or_explain is not None:
        c = view.comply_or_explain
        add(Heading(2, lab.comply_or_explain))
        add(Paragraph(text(c.statement)))
        if c.deviates:
            add(Note(lab.justification, text(c.reason or lab.no_reason), "quote"))

    if view.what_would_change:
        add(Heading(2, lab.what_would_change))
        # one change may turn both rankings (the data kept on site: on-premises, and no service layer)
        said = dict.fromkeys(w.text for w in view.what_would_change)
        add(BulletList(tuple(ListItem(text(t)) for t in said)))
    elif view.no_change:
        add(Heading(2, lab.what_would_change))
        add(Paragraph(text(view.no_change)))

    add(Heading(2, lab.your_answers))
    for section in view.answers:
        add(Heading(3, section.title))
        add(BulletList(tuple(
            ListItem((Span(a.question_text + " "), Span(a.answer, strong=True))) for a in section.answers)))

    if view.further_reading or view.sources:
        # one section, as on the screen: the further reading, then the sources cited (a page both
        # read and cited is said once, with its id and date)
        add(Heading(2, lab.sources_and_reading or lab.sources))
        add(BulletList(tuple(
            ListItem((Span(r.title, url=r.url),) + ((Span(" — " + r.text),) if r.text else ()))
            for r in view.further_reading) + tuple(
            ListItem((Span(s.id + colon(view.language)), Span(s.title, url=s.url))
                     + ((Span(", " + (s.date_text or s.date)),) if s.date else ())
                     + ((Span(" (" + s.status_label + ")", emphasis=True),) if s.status_label else ())
                     + ((Span(" — " + s.text),) if s.text else ()))
            for s in view.sources)))

    add(Paragraph((Span(lab.made_with, emphasis=True),), "muted"))
    return Document(
        language=view.language,
        title=lab.title,
        header=f"{lab.title} — {view.headline}",
        footer=f"{view.questionnaire_title} ({view.questionnaire_id}, {lab.version}) · {view.date}",
        page_label=lab.page,
        blocks=tuple(out),
        long_title=" — ".join(p for p in (lab.title, view.headline, view.date) if p),
    )
