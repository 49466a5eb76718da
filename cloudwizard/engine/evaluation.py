"""Score the advice against independent cases: ``cloudwizard evaluate``.

A case is a published cloud decision, told in a short narrative, with the model and layer its source
states (``<id>.case.yaml``), and the answers someone gave to the questionnaire from the narrative
alone, before seeing any advice (``<id>.cwanswers.yaml``, an ordinary answers file, next to it).
The format is in ``docs/advice-quality.md``.

`evaluate` runs every case through the recommender and compares the recommended pair with what the
source states: the share of agreement per split (calibration, validation) over the cases whose
source states a model (resp. a layer), a confusion table, and the disagreeing cases with the
answers that decided them. A source's ``on-premises`` model and ``none`` layer must match the pair
"you run it yourself" (``on_premises`` / ``none``).
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from cloudwizard.engine.diagnostics import Report
from cloudwizard.engine.i18n import gettext_for, ngettext_for
from cloudwizard.engine.model import NO_LAYER, ON_PREMISES, Location, Questionnaire
from cloudwizard.engine.vocabulary import LANGUAGES
from cloudwizard.engine.yamlsafe import Node, YamlError, read_path

if TYPE_CHECKING:
    from cloudwizard.engine.decision.kinds import Contribution
    from cloudwizard.engine.report.document import Block

CASE_SUFFIX = ".case.yaml"
ANSWERS_SUFFIX = ".cwanswers.yaml"
SPLITS = ("calibration", "validation")
AUDIENCES = ("consumer", "self-employed", "sme", "non-profit", "large-company", "local-public",
             "regional-public", "federal-public", "health", "education")
STATED_MODELS = ("public", "private", "community", "hybrid", "on-premises", "not-stated")
STATED_LAYERS = ("iaas", "paas", "saas", "none", "not-stated")
NOT_STATED = "not-stated"
_CASE_KEYS = {"id": True, "title": True, "titles": False, "audience": True, "country": True, "narrative": True,
              "source": True, "stated": True, "split": True}
#: The languages a case's ``titles`` may give (English is ``title`` itself).
TITLE_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != "en")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def stated_to_pair_model(stated: str) -> str:
    """A source's model in the recommender's words (``on-premises`` → ``on_premises``)."""
    return ON_PREMISES if stated == "on-premises" else stated


@dataclass(frozen=True, slots=True)
class Case:
    """One case file.

    Attributes:
        id: the case id (the file is ``<id>.case.yaml``).
        title: a short title, in English.
        titles: the title in other languages (``nl``, ``fr``, ``de``), where the case file gives it.
        audience: who decided (one of `AUDIENCES`).
        country: ISO country code.
        split: ``calibration`` or ``validation``.
        model: the model the source states (one of `STATED_MODELS`).
        layer: the layer the source states (one of `STATED_LAYERS`).
        source: title, publisher, url and date of the source.
        path: the case file.
        location: where the case starts.
    """

    id: str
    title: str
    audience: str
    country: str
    split: str
    model: str
    layer: str
    source: dict[str, str]
    path: Path
    location: Location
    evidence: str = ""
    titles: dict[str, str] = field(default_factory=dict)

    def title_in(self, lang: str) -> str:
        """The title in `lang`: the case file's ``titles.<lang>``, else the English ``title``."""
        return self.titles.get(lang[:2].lower(), self.title)

    @property
    def answers_path(self) -> Path:
        """The answers file next to the case file."""
        return self.path.with_name(self.id + ANSWERS_SUFFIX)


class Decider(NamedTuple):
    """An answer that decided a case's pair: the question (id and text), the answer and the reason."""

    question: str
    answer: str
    because: str
    question_text: str = ""
    choice: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The advice for one case, next to what its source states.

    Attributes:
        case: the case.
        model, layer: the recommended pair.
        model_ok, layer_ok: agreement (None when the source states nothing).
        clarity: how clear the advice was (``clear``, ``fairly_clear``, ``close_call``).
        reasons: the answers that decided the pair, at most 5 (a rule's has no question text).
    """

    case: Case
    model: str
    layer: str
    model_ok: bool | None
    layer_ok: bool | None
    clarity: str
    reasons: tuple[Decider, ...] = ()


@dataclass
class Evaluation:
    """Everything `evaluate` found: the outcomes, the cases without answers and the problems."""

    outcomes: list[Outcome] = field(default_factory=list)
    unanswered: list[Case] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    cases_found: int = 0
    #: the questionnaire the cases ran with (its option names and questions label the text report)
    questionnaire: Questionnaire | None = None

    def share(self, split: str | None, kind: str) -> tuple[int, int]:
        """(agreeing, stated) for `kind` (``model`` or ``layer``) in `split` (None: all)."""
        rows = [o for o in self.outcomes if split is None or o.case.split == split]
        oks = [o.model_ok if kind == "model" else o.layer_ok for o in rows]
        stated = [ok for ok in oks if ok is not None]
        return sum(1 for ok in stated if ok), len(stated)

    def summary(self, split: str | None) -> dict[str, Any]:
        """``{"n": …, "model": share or None, "layer": …, "model_stated": …, "layer_stated": …}``."""
        rows = [o for o in self.outcomes if split is None or o.case.split == split]
        out: dict[str, Any] = {"n": len(rows)}
        for kind in ("model", "layer"):
            ok, stated = self.share(split, kind)
            out[kind] = round(ok / stated, 4) if stated else None
            out[f"{kind}_agree"] = ok
            out[f"{kind}_stated"] = stated
        return out

    def confusion(self, kind: str, split: str | None = None) -> dict[str, dict[str, int]]:
        """Stated → recommended → count, over the cases whose source states `kind`."""
        table: dict[str, dict[str, int]] = {}
        for o in self.outcomes:
            if split is not None and o.case.split != split:
                continue
            stated = o.case.model if kind == "model" else o.case.layer
            if stated == NOT_STATED:
                continue
            got = o.model if kind == "model" else o.layer
            got = "on-premises" if got == ON_PREMISES else got  # in the sources' words, like the rows
            row = table.setdefault(stated, {})
            row[got] = row.get(got, 0) + 1
        return table

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The machine-readable result (see docs/advice-quality.md); the problems' lines in `lang`."""
        from cloudwizard.engine.diagnostic_text import line

        return {
            "cases": len(self.outcomes),
            "cases_found": self.cases_found,
            "unanswered": [c.id for c in self.unanswered],
            "calibration": self.summary("calibration"),
            "validation": self.summary("validation"),
            "all": self.summary(None),
            "confusion": {
                "model": self.confusion("model"),
                "layer": self.confusion("layer"),
            },
            "outcomes": [
                {
                    "id": o.case.id,
                    "split": o.case.split,
                    "audience": o.case.audience,
                    "stated": {"model": o.case.model, "layer": o.case.layer},
                    "advice": {"model": o.model, "layer": o.layer, "clarity": o.clarity},
                    "agree": {"model": o.model_ok, "layer": o.layer_ok},
                    "reasons": [{"question": r.question, "choice": r.choice, "answer": r.answer,
                                 "because": r.because} for r in o.reasons],
                }
                for o in self.outcomes
            ],
            "errors": [line(d, lang, self.questionnaire) for d in self.report.errors],
        }


# -- reading cases -----------------------------------------------------------------------------


#: File systems whose trees hold no case files and may change as they are read (a chroot's /proc).
_SPECIAL_FILE_SYSTEMS = frozenset({
    "proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "debugfs", "tracefs", "securityfs", "pstore",
    "bpf", "configfs", "fusectl", "mqueue", "hugetlbfs", "binfmt_misc", "autofs", "efivarfs", "selinuxfs"})


def _special_mounts() -> frozenset[str]:
    """The folders where a special file system (/proc, /sys, /dev …) is mounted, from /proc/self/mounts."""
    found = set()
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as mounts:
            for line in mounts:
                fields = line.split()
                if len(fields) > 2 and fields[2] in _SPECIAL_FILE_SYSTEMS:  # "\040" is a space in the name
                    found.add(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[1]))
    except OSError:  # no /proc (another system): only the usual places
        pass
    return frozenset(found or {"/proc", "/sys", "/dev"})


def find_case_files(paths: Iterable[Path], report: Report | None = None) -> list[Path]:
    """Case files among `paths` (folders are searched for ``*.case.yaml``), sorted, each once.

    A folder that cannot be read (or vanishes during the search) is a problem in `report`, and the
    search goes on; special file systems (/proc, /sys, /dev, also in a chroot) are not searched.
    """
    special = _special_mounts()

    def unreadable(exc: OSError) -> None:
        if report is not None:
            report.error(Location(str(exc.filename or "."), 0, 0),
                         f"cannot read this folder: {exc.strerror or exc}", "io")

    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            inside: list[Path] = []
            for folder, folders, files in os.walk(p, onerror=unreadable):
                folders[:] = sorted(f for f in folders if os.path.realpath(Path(folder) / f) not in special)
                inside += (Path(folder) / name for name in files if name.endswith(CASE_SUFFIX))
            found += sorted(inside)
        else:
            found.append(p)
    seen: set[Path] = set()
    out = []
    for p in found:
        key = Path(os.path.realpath(p))  # never raises: a loop of symbolic links is reported when read
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _str(node: Node | None) -> str:
    return str(node.value).strip() if node is not None and node.kind not in ("map", "seq", "null") else ""


def read_case(path: Path, report: Report) -> Case | None:
    """Read one case file; problems go to `report` with their place; None when it is unusable."""
    try:
        doc = read_path(path)
    except YamlError as exc:
        report.error(exc.location, exc.message, exc.code)
        return None
    except OSError as exc:
        report.error(Location(str(path), 0, 0), f"cannot read the case file: {exc.strerror or exc}", "io")
        return None
    for problem in doc.problems:
        report.error(problem.location, problem.message, problem.code)
    root = doc.root
    if root.kind != "map":
        report.error(root.location, "a case file must be a mapping (id, title, audience, …)", "type")
        return None
    before = len(report.errors)
    values: dict[str, Node] = root.value
    for key, loc in root.key_locations.items():
        if key not in _CASE_KEYS and key != "notes":
            report.error(loc, f"unknown key '{key}' in a case file", "unknown-key")
    for key, required in _CASE_KEYS.items():
        if required and key not in values:
            report.error(root.location, f"missing key '{key}'", "missing-key")
    cid = _str(values.get("id"))
    if "id" in values and not _ID.match(cid):
        report.error(values["id"].location, f"'id' must be letters, digits, '-', '_' or '.', not '{cid}'", "id")
    if cid and not path.name.endswith(CASE_SUFFIX):
        report.error(root.location, f"a case file's name must end in {CASE_SUFFIX}", "file-name")
    elif cid and path.name != cid + CASE_SUFFIX:
        report.error(values["id"].location, f"the id '{cid}' does not match the file name '{path.name}'", "id")

    def one_of(node: Node | None, allowed: Sequence[str], what: str) -> str:
        value = _str(node)
        if node is not None and value not in allowed:
            report.error(node.location, f"{what} must be one of {', '.join(allowed)}, not '{value}'", "enum")
        return value

    audience = one_of(values.get("audience"), AUDIENCES, "'audience'")
    split = one_of(values.get("split"), SPLITS, "'split'")
    stated = values.get("stated")
    model = layer = NOT_STATED
    evidence = ""
    if stated is not None:
        if stated.kind != "map":
            report.error(stated.location, "'stated' must be a mapping with 'model' and 'layer'", "type")
        else:
            for key in ("model", "layer"):
                if key not in stated.value:
                    report.error(stated.location, f"'stated' is missing '{key}'", "missing-key")
            model = one_of(stated.value.get("model"), STATED_MODELS, "'stated.model'") or NOT_STATED
            layer = one_of(stated.value.get("layer"), STATED_LAYERS, "'stated.layer'") or NOT_STATED
            evidence = _str(stated.value.get("evidence"))
    source: dict[str, str] = {}
    src = values.get("source")
    if src is not None:
        if src.kind != "map":
            report.error(src.location, "'source' must be a mapping (title, publisher, url, date)", "type")
        else:
            source = {k: _str(v) for k, v in src.value.items()}
            if not source.get("url", "").startswith(("http://", "https://")):
                report.error(src.location, "'source.url' must be an http or https address", "url")
    titles = _titles(values.get("titles"), report)
    narrative = values.get("narrative")
    if narrative is not None and not _str(narrative):
        report.error(narrative.location, "'narrative' must be a non-empty text", "empty")
    if len(report.errors) > before:
        return None
    return Case(
        id=cid,
        title=_str(values.get("title")),
        audience=audience,
        country=_str(values.get("country")),
        split=split,
        model=model,
        layer=layer,
        source=source,
        path=path,
        location=root.location,
        evidence=evidence,
        titles=titles,
    )


def _titles(node: Node | None, report: Report) -> dict[str, str]:
    """A case's ``titles`` (``{nl: …, fr: …, de: …}``, each optional); problems go to `report`."""
    if node is None:
        return {}
    if node.kind != "map":
        report.error(node.location, "'titles' must be a mapping of language to title, e.g. {nl: …, fr: …, de: …}",
                     "type")
        return {}
    titles: dict[str, str] = {}
    for lang, loc in node.key_locations.items():
        value = node.value.get(lang)
        if value is None or lang not in TITLE_LANGUAGES:
            hint = "; the English title is 'title'" if lang == "en" else ""
            report.error(loc, f"'titles' may give {', '.join(TITLE_LANGUAGES)}, not '{lang}'{hint}", "unknown-key")
        elif value.kind in ("map", "seq", "null") or not _str(value):
            report.error(value.location, f"'titles.{lang}' must be a non-empty text", "empty")
        else:
            titles[lang] = _str(value)
    return titles


# -- running -----------------------------------------------------------------------------------


def _decider(q: Questionnaire, c: Contribution, lang: str) -> Decider:
    """The answer of contribution `c` (the one choice that counted, not every choice of the question)."""
    from cloudwizard.engine.report.style import sentence
    from cloudwizard.engine.report.view import format_answer

    because = sentence(q.text(c.because, lang))
    if c.origin not in q.question_index:
        return Decider(c.origin, "", because)
    question = q.question(c.origin)
    choice = question.choice(c.choice) if c.choice else None
    answer = q.text(choice.label, lang) if choice else format_answer(q, question, c.answer, lang)
    return Decider(c.origin, answer, because, q.text(question.label, lang), c.choice or "")


def evaluate_cases(q: Questionnaire, paths: Iterable[Path], lang: str = "en") -> Evaluation:
    """Run every case under `paths` with questionnaire `q`."""
    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.recommender import recommend
    from cloudwizard.engine.session import Session

    ev = Evaluation(questionnaire=q)
    files = find_case_files(paths, ev.report)
    ev.cases_found = len(files)
    ids: dict[str, Path] = {}
    for path in files:
        case = read_case(path, ev.report)
        if case is None:
            continue
        if case.id in ids:
            ev.report.error(case.location, f"duplicate case id '{case.id}' (also in {ids[case.id]})", "duplicate")
            continue
        ids[case.id] = path
        if not case.answers_path.exists():
            ev.unanswered.append(case)
            continue
        result = read_answers(case.answers_path, q)
        for d in result.report.errors:
            ev.report.error(d.location, d.message, d.code, d.ref)
        if result.data is None or result.report.errors:
            continue
        session = Session.from_file(q, result.data)
        if not session.is_complete():
            missing = ", ".join(p.question_id for p in session.problems())
            ev.report.error(Location(str(case.answers_path), 1, 1),
                            f"the answers are incomplete (unanswered: {missing})", "incomplete")
            continue
        rec = recommend(q, session.effective_answers(), counterfactuals=False)
        assert rec.pair is not None
        got_model, got_layer = rec.pair.model, rec.pair.layer
        model_ok = None if case.model == NOT_STATED else stated_to_pair_model(case.model) == got_model
        layer_ok = None if case.layer == NOT_STATED else case.layer == got_layer
        reasons = tuple(_decider(q, c, lang) for c in rec.pair_reasons[:5])
        ev.outcomes.append(Outcome(case, got_model, got_layer, model_ok, layer_ok, rec.clarity.value, reasons))
    return ev


def bundled_cases() -> Path:
    """The folder of the bundled case corpus."""
    from cloudwizard.engine.loader import bundled_path

    return bundled_path().parent / "cases"


# -- output ------------------------------------------------------------------------------------


def _pct(share: float | None, lang: str = "en") -> str:
    from cloudwizard.engine.numbers import format_number

    if share is None:
        return gettext_for(lang)("n/a")
    return f"{format_number(round(share * 100), lang)} %"


WIDTH = 80  # the plain-text report fits an 80-column terminal (or the terminal's width, see `format_evaluation`)


def audience_label(audience: str, lang: str) -> str:
    """Who decided, in words (a case file's ``audience`` id, e.g. ``regional-public``)."""
    _ = gettext_for(lang)
    return {
        "consumer": _("Consumer or household"), "self-employed": _("Self-employed"),
        "sme": _("Small or medium-sized business"), "non-profit": _("Non-profit organisation"),
        "large-company": _("Large company"), "local-public": _("Local public body"),
        "regional-public": _("Regional public body"), "federal-public": _("Federal or national public body"),
        "health": _("Health care"), "education": _("Education"),
    }.get(audience, audience)


def split_label(split: str | None, lang: str) -> str:
    """The half of the corpus in words (None: the whole corpus)."""
    _ = gettext_for(lang)
    return {"calibration": _("calibration"), "validation": _("validation"), None: _("all")}.get(split, split or "")


def _option(q: Questionnaire | None, stated: str, lang: str) -> str:
    """A model or layer as the source states it (``on-premises``, ``none``), in the questionnaire's words."""
    if q is None:
        return stated
    from cloudwizard.engine.report.view import option_name

    return option_name(q, stated_to_pair_model(stated), lang)


def stated_text(q: Questionnaire | None, case: Case, lang: str) -> str:
    """What the source chose, in words ("Public cloud, used as …", or one of them when it states one)."""
    from cloudwizard.engine.report.view import pair_text

    _ = gettext_for(lang)
    model, layer = case.model, case.layer
    if model != NOT_STATED and layer != NOT_STATED:  # both, named by the questionnaire or by their ids
        return pair_text(q, stated_to_pair_model(model), layer, lang) if q is not None else f"{model}/{layer}"
    if model != NOT_STATED:
        return _("{model} (the source states no service layer)").format(model=_option(q, model, lang))
    if layer != NOT_STATED:
        return _("{layer} (the source states no deployment model)").format(layer=_option(q, layer, lang))
    return _("nothing stated")


def _confusion(ev: Evaluation, kind: str, lang: str) -> list[Block]:
    """The confusion table of `kind`: a numbered row per option; the columns carry the rows' numbers.

    Option names as column headers would not fit 80 columns; a number each keeps the table narrow.
    """
    from cloudwizard.engine.report.document import Paragraph, Table, sentence_start, text

    _ = gettext_for(lang)
    title = (_("Deployment model (rows: what the source states; columns: the advice)") if kind == "model"
             else _("Service layer (rows: what the source states; columns: the advice)"))
    table = ev.confusion(kind)
    if not table:
        return [Paragraph(text(_("{title}: no case states one").format(title=title)))]
    q = ev.questionnaire
    order: list[str] = []
    if q is not None:
        listed = (*q.model_order, ON_PREMISES) if kind == "model" else (*q.layer_order, NO_LAYER)
        order = ["on-premises" if o == ON_PREMISES else o for o in dict.fromkeys(listed)]
    used = set(table) | {c for row in table.values() for c in row}
    options = [o for o in order if o in used] + sorted(used - set(order))
    header = ("", _("stated \\ advice"), *(str(n) for n in range(1, len(options) + 1)))
    rows = tuple((str(n), sentence_start(_option(q, o, lang)), *(str(table.get(o, {}).get(c, 0) or ".")
                                                                  for c in options))
                 for n, o in enumerate(options, 1))
    from cloudwizard.engine.report.document import Heading

    return [Heading(3, title), Table(header, rows, (True, False, *([True] * len(options)))),
            Paragraph(text(_("Each column is numbered as its row: the diagonal is where the advice agrees "
                             "with the source.")), "muted")]


def _case_name(case: Case, lang: str) -> str:
    """A case as the text report names it: its title in `lang` (else English), the id in brackets."""
    title = case.title_in(lang)
    return f"{title} ({case.id})" if title else case.id


def format_evaluation(ev: Evaluation, lang: str = "en", *, width: int = WIDTH, color: bool = False) -> str:
    """The text report of `cloudwizard evaluate` in `lang`, wrapped to `width` columns (40 to 100).

    Options are named as the questionnaire names them in `lang`, cases by their titles in `lang`
    (``titles.<lang>`` of the case file, else its English ``title``; the id, which names the file, in
    brackets), and the answers that decided a disagreement by question
    and answer; ``--json`` keeps the ids. `color` makes headings bold (for a terminal).
    """
    from cloudwizard.engine.recommender import Clarity
    from cloudwizard.engine.report import terminal
    from cloudwizard.engine.report.document import (
        BulletList,
        Document,
        Heading,
        ListItem,
        Paragraph,
        Span,
        Table,
        sentence_start,
        text,
    )
    from cloudwizard.engine.report.style import quote
    from cloudwizard.engine.report.view import clarity_label, pair_text, typeset_all

    _ = gettext_for(lang)
    q = ev.questionnaire
    head = ngettext_for(lang)("{evaluated} of {found} case evaluated", "{evaluated} of {found} cases evaluated",
                              ev.cases_found).format(evaluated=len(ev.outcomes), found=ev.cases_found)
    if ev.unanswered:
        head += "; " + _("{count} without an answers file").format(count=len(ev.unanswered))
    if ev.report.errors:
        count = len(ev.report.errors)
        head += "; " + ngettext_for(lang)("{count} problem", "{count} problems", count).format(count=count)
    blocks: list[Block] = [Paragraph(text(head))]
    rows = []
    for split in (*SPLITS, None):
        s = ev.summary(split)
        rows.append((sentence_start(split_label(split, lang)), str(s["n"]),
                     f"{_pct(s['model'], lang)} ({s['model_agree']}/{s['model_stated']})",
                     f"{_pct(s['layer'], lang)} ({s['layer_agree']}/{s['layer_stated']})"))
    blocks.append(Table(tuple(sentence_start(h) for h in (_("split"), _("cases"), _("model"), _("layer"))),
                        tuple(rows), (False, True, True, True)))
    blocks += _confusion(ev, "model", lang)
    blocks += _confusion(ev, "layer", lang)
    wrong = [o for o in ev.outcomes if o.model_ok is False or o.layer_ok is False]
    blocks.append(Heading(2, _("Disagreements: {count}").format(count=len(wrong))))
    for o in sorted(wrong, key=lambda o: (o.case.split, o.case.id)):
        how_sure = clarity_label(Clarity(o.clarity), lang)  # always a Clarity's value (set by `evaluate_cases`)
        advice = pair_text(q, o.model, o.layer, lang) if q is not None else f"{o.model}/{o.layer}"
        blocks.append(Heading(3, _case_name(o.case, lang)))
        blocks.append(Paragraph((
            Span(sentence_start(split_label(o.case.split, lang)) + " · " + audience_label(o.case.audience, lang),
                 muted=True),)))
        blocks.append(BulletList((
            ListItem(text(_("The source: {stated}").format(stated=stated_text(q, o.case, lang)))),
            ListItem(text(_("The advice: {advice} ({clarity})").format(advice=advice, clarity=how_sure))))))
        if o.reasons:
            blocks.append(Paragraph(text(_("The answers that decided it:"))))
            items = []
            for r in o.reasons:
                # the case's answers, not the reader's: "Answer to …", not "Your answer to …"
                if r.question_text:
                    tag = _("Answer to {question}: {answer}").format(question=quote(r.question_text, lang),
                                                                     answer=r.answer)
                else:
                    tag = _("A combination of answers")
                items.append(ListItem((Span(r.because), Span(f" ({tag})", muted=True)) if r.because else (Span(tag),)))
            blocks.append(BulletList(tuple(items)))
    title = ngettext_for(lang)("{evaluated} of {found} case evaluated", "{evaluated} of {found} cases evaluated",
                              ev.cases_found).format(evaluated=len(ev.outcomes), found=ev.cases_found)
    out = terminal.render(Document(lang, title, "", "", "", typeset_all(tuple(blocks), lang)), width=width,
                          color=color)
    width = max(terminal.MIN_WIDTH, min(terminal.MAX_WIDTH, width))
    lines: list[str] = []
    if ev.unanswered:
        lines.append("")
        lines.append(_("Without an answers file (not evaluated): {count}").format(count=len(ev.unanswered)))
        for c in ev.unanswered:  # the path unbroken, to copy
            name = _case_name(c, lang)
            lines += textwrap.wrap(_("- {case}: expected {path}").format(case=name, path=c.answers_path), width,
                                   subsequent_indent="    ", break_long_words=False, break_on_hyphens=False)
    if ev.report.errors:
        from cloudwizard.engine.diagnostic_text import format_report

        lines.append("")
        lines.append(format_report(ev.report, lang))  # in `lang` where the message has a translation
    return out + ("\n".join(lines) + "\n" if lines else "")


def format_json(ev: Evaluation, lang: str = "en") -> str:
    """The JSON report of `cloudwizard evaluate --json` (ids as they are; the problems' lines in `lang`)."""
    return json.dumps(ev.to_json(lang), ensure_ascii=False, indent=2) + "\n"
