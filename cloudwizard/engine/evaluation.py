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
from typing import Any

from cloudwizard.engine.diagnostics import Report
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.model import NO_LAYER, ON_PREMISES, Location, Questionnaire
from cloudwizard.engine.yamlsafe import Node, YamlError, read_path

CASE_SUFFIX = ".case.yaml"
ANSWERS_SUFFIX = ".cwanswers.yaml"
SPLITS = ("calibration", "validation")
AUDIENCES = ("consumer", "self-employed", "sme", "non-profit", "large-company", "local-public",
             "regional-public", "federal-public", "health", "education")
STATED_MODELS = ("public", "private", "community", "hybrid", "on-premises", "not-stated")
STATED_LAYERS = ("iaas", "paas", "saas", "none", "not-stated")
NOT_STATED = "not-stated"
_CASE_KEYS = {"id": True, "title": True, "audience": True, "country": True, "narrative": True, "source": True,
              "stated": True, "split": True}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def stated_to_pair_model(stated: str) -> str:
    """A source's model in the recommender's words (``on-premises`` → ``on_premises``)."""
    return ON_PREMISES if stated == "on-premises" else stated


@dataclass(frozen=True, slots=True)
class Case:
    """One case file.

    Attributes:
        id: the case id (the file is ``<id>.case.yaml``).
        title: a short title.
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

    @property
    def answers_path(self) -> Path:
        """The answers file next to the case file."""
        return self.path.with_name(self.id + ANSWERS_SUFFIX)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The advice for one case, next to what its source states.

    Attributes:
        case: the case.
        model, layer: the recommended pair.
        model_ok, layer_ok: agreement (None when the source states nothing).
        clarity: how clear the advice was (``clear``, ``fairly_clear``, ``close_call``).
        reasons: the answers that decided the pair: (question id, answer labels, reason), at most 5.
    """

    case: Case
    model: str
    layer: str
    model_ok: bool | None
    layer_ok: bool | None
    clarity: str
    reasons: tuple[tuple[str, str, str], ...] = ()


@dataclass
class Evaluation:
    """Everything `evaluate` found: the outcomes, the cases without answers and the problems."""

    outcomes: list[Outcome] = field(default_factory=list)
    unanswered: list[Case] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    cases_found: int = 0

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

    def to_json(self) -> dict[str, Any]:
        """The machine-readable result (see docs/advice-quality.md)."""
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
                    "reasons": [{"question": r[0], "answer": r[1], "because": r[2]} for r in o.reasons],
                }
                for o in self.outcomes
            ],
            "errors": [str(d) for d in self.report.errors],
        }


# -- reading cases -----------------------------------------------------------------------------


def find_case_files(paths: Iterable[Path]) -> list[Path]:
    """Case files among `paths` (folders are searched for ``*.case.yaml``), sorted, each once."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found += sorted(p.rglob("*" + CASE_SUFFIX))
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
    )


# -- running -----------------------------------------------------------------------------------


def _answer_label(q: Questionnaire, qid: str, answer: Any, lang: str) -> str:
    if qid not in q.question_index:
        return ""
    question = q.question(qid)
    values = sorted(answer) if isinstance(answer, frozenset) else [answer]
    labels = []
    for v in values:
        choice = question.choice(str(v)) if question.type.has_choices else None
        labels.append(q.text(choice.label, lang) if choice else str(v))
    return ", ".join(labels)


def evaluate_cases(q: Questionnaire, paths: Iterable[Path], lang: str = "en") -> Evaluation:
    """Run every case under `paths` with questionnaire `q`."""
    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.recommender import recommend
    from cloudwizard.engine.session import Session

    ev = Evaluation()
    files = find_case_files(paths)
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
        reasons = tuple(
            (c.origin, _answer_label(q, c.origin, c.answer, lang), q.text(c.because, lang))
            for c in rec.pair_reasons[:5]
        )
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


def _pair_words(model: str, layer: str) -> str:
    return "on-premises/none" if model == ON_PREMISES and layer == NO_LAYER else f"{model}/{layer}"


WIDTH = 80  # the plain-text report fits an 80-column terminal


def _table(title: str, table: dict[str, dict[str, int]], lang: str = "en") -> list[str]:
    _ = gettext_for(lang)
    head = _("stated \\ advice")
    if not table:
        return [*textwrap.wrap(_("{title}: no case states one").format(title=title), WIDTH)]
    columns = sorted({c for row in table.values() for c in row} | set(table))
    first = max(len(head), *(len(r) for r in table)) + 1
    width = {c: max(len(c), 3) + 2 for c in columns}
    lines = [*textwrap.wrap(title, WIDTH), head.ljust(first) + "".join(c.rjust(width[c]) for c in columns)]
    for stated in sorted(table):
        row = table[stated]
        lines.append(stated.ljust(first) + "".join(str(row.get(c, 0) or ".").rjust(width[c]) for c in columns))
    return lines


def _wrapped(text: str, indent: str, hanging: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=hanging,
                         break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]


def format_evaluation(ev: Evaluation, lang: str = "en") -> str:
    """The plain-text report of `cloudwizard evaluate`, at most `WIDTH` columns wide, its frame in `lang`.

    The frame (headings, table labels, the words of a disagreement) is translated; the ids of the
    cases, splits, audiences and options stay as the case files write them.
    """
    from cloudwizard.engine.recommender import Clarity
    from cloudwizard.engine.report.view import clarity_label

    _ = gettext_for(lang)
    head = _("{evaluated} of {found} cases evaluated").format(evaluated=len(ev.outcomes), found=ev.cases_found)
    if ev.unanswered:
        head += "; " + _("{count} without an answers file").format(count=len(ev.unanswered))
    if ev.report.errors:
        head += "; " + _("{count} problem(s)").format(count=len(ev.report.errors))
    lines = [*_wrapped(head, "", "  "), ""]
    rows = [(_("split"), _("cases"), _("model"), _("layer"))]
    for split in (*SPLITS, None):
        s = ev.summary(split)
        label = {"calibration": _("calibration"), "validation": _("validation")}.get(split, split) if split else _("all")
        rows.append((label, str(s["n"]), f"{_pct(s['model'], lang)} ({s['model_agree']}/{s['model_stated']})",
                     f"{_pct(s['layer'], lang)} ({s['layer_agree']}/{s['layer_stated']})"))
    # columns as wide as their widest cell, in any language (at least the English widths)
    w = [max(least, *(len(r[i]) for r in rows)) for i, least in enumerate((12, 5, 14, 14))]
    lines += [f"{a:<{w[0]}} {b:>{w[1]}}  {c:>{w[2]}}  {d:>{w[3]}}" for a, b, c, d in rows]
    lines.append("")
    lines += _table(_("Deployment model (rows: what the source states; columns: the advice)"), ev.confusion("model"),
                    lang)
    lines.append("")
    lines += _table(_("Service layer (rows: what the source states; columns: the advice)"), ev.confusion("layer"),
                    lang)
    wrong = [o for o in ev.outcomes if o.model_ok is False or o.layer_ok is False]
    lines.append("")
    lines.append(_("Disagreements: {count}").format(count=len(wrong)))
    for o in sorted(wrong, key=lambda o: (o.case.split, o.case.id)):
        stated = _pair_words(stated_to_pair_model(o.case.model), o.case.layer).replace("on_premises", "on-premises")
        try:
            how_sure = clarity_label(Clarity(o.clarity), lang)
        except ValueError:
            how_sure = o.clarity.replace("_", " ")
        lines += _wrapped(_("- {case} [{split}, {audience}]: source {stated}, advice {advice} ({clarity})").format(
            case=o.case.id, split=o.case.split, audience=o.case.audience, stated=stated,
            advice=_pair_words(o.model, o.layer), clarity=how_sure), "", "  ")
        for qid, answer, because in o.reasons:
            lines += _wrapped(f"{qid} = {answer}: {because}" if answer else f"{qid}: {because}", "    ", "      ")
    if ev.unanswered:
        lines.append("")
        lines.append(_("Without an answers file (not evaluated): {count}").format(count=len(ev.unanswered)))
        for c in ev.unanswered:
            lines += _wrapped(_("- {case}: expected {path}").format(case=c.id, path=c.answers_path), "", "    ")
    if ev.report.errors:
        lines.append("")
        lines.append(ev.report.format())
    return "\n".join(lines) + "\n"


def format_json(ev: Evaluation) -> str:
    """The JSON report of `cloudwizard evaluate --json`."""
    return json.dumps(ev.to_json(), ensure_ascii=False, indent=2) + "\n"
