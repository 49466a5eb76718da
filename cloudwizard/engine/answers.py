"""Answers files: a versioned YAML record of a session, read with checks and written atomically.

What an answer may be is in `coercion`; how a file is written safely in `atomicio`.

The format (documented in ``docs/answers-format.md``)::

    cloudwizard_answers: 1
    questionnaire: {id: cloudwizard-be, version: '2026.11'}
    language: nl
    saved: '2026-11-23T10:15:00+00:00'
    answers:
      audience: consumer
      data_kinds: [photos, documents]
      offline_copy: 'yes'
      people: 3
    set_aside: {}          # answers to questions that are hidden now, kept in case they return
    comply_or_explain: {chosen: hybrid, reason: 'Our data must stay on our own servers.'}  # optional

A file for another version of the questionnaire is migrated: answers whose question and choices
still exist are kept, and every answer that could not be kept is reported by name.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cloudwizard.engine.atomicio import PRIVATE, SaveError, write_atomic
from cloudwizard.engine.coercion import (
    AnswerError,
    _show,
    answers_from_mapping,
    coerce_answer,
    coerce_for,
    coerce_unchecked,
    exclusive_conflict,
    plain_answer,
    without_exclusive,
)
from cloudwizard.engine.diagnostics import Report
from cloudwizard.engine.model import LANGUAGES, Location, Question, Questionnaire, QuestionType
from cloudwizard.engine.yamlsafe import Node, YamlError, parse_text, plain_kind, read_path

__all__ = [  # the coercion and file-writing names stay importable from here, where they used to live
    "ANSWERS_FORMAT", "AnswerError", "AnswersFile", "AnswersResult", "SaveError", "answers_from_mapping",
    "coerce_answer", "coerce_for", "dump_answers", "exclusive_conflict", "parse_answers", "plain_answer",
    "read_answers", "save_answers", "write_atomic",
]

ANSWERS_FORMAT = 1
#: Answers files are small; anything larger is not one.
MAX_ANSWERS_BYTES = 1024 * 1024
_TOP_KEYS = ("cloudwizard_answers", "questionnaire", "language", "saved", "answers", "set_aside",
             "comply_or_explain")
#: The longest comply-or-explain reason an answers file holds (the result page keeps no more).
MAX_JUSTIFICATION_LENGTH = 5000


@dataclass
class AnswersFile:
    """The content of an answers file."""

    questionnaire_id: str
    questionnaire_version: str
    answers: dict[str, Any]
    language: str = "en"
    set_aside: dict[str, Any] = field(default_factory=dict)
    saved: str = ""
    #: A public body's comply-or-explain: (the deployment model chosen instead of the advice, why), or None.
    justification: tuple[str, str] | None = None


def dump_answers(data: AnswersFile) -> str:
    """The YAML text of an answers file."""
    doc = {
        "cloudwizard_answers": ANSWERS_FORMAT,
        "questionnaire": {"id": data.questionnaire_id, "version": str(data.questionnaire_version)},
        "language": data.language,
        "saved": data.saved or _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "answers": {k: plain_answer(v) for k, v in data.answers.items()},
        "set_aside": {k: plain_answer(v) for k, v in data.set_aside.items()},
    }
    if data.justification is not None:
        doc["comply_or_explain"] = {"chosen": data.justification[0], "reason": data.justification[1]}
    header = "# CloudWizard answers file. Open it with CloudWizard, or run: cloudwizard recommend --answers FILE\n"
    return header + yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=None)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's safe dumper, quoting every text that our reader would not read back as the same text."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "'" if plain_kind(value) != "str" else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def save_answers(path: str | Path, data: AnswersFile) -> None:
    """Write an answers file atomically (see `write_atomic`); a new file is private (0600)."""
    write_atomic(path, dump_answers(data), new_mode=PRIVATE)


@dataclass
class AnswersResult:
    """What `read_answers` found: the file (None when unusable), the problems, what was dropped."""

    data: AnswersFile | None
    report: Report
    dropped: dict[str, str] = field(default_factory=dict)
    #: The file's ``language`` when it could be read, also when the file cannot be used (the
    #: language its problems are told in).
    language: str | None = None


def read_answers(path: str | Path, questionnaire: Questionnaire) -> AnswersResult:
    """Read and check an answers file against `questionnaire`. Never raises for bad input.

    The file itself is never changed.
    """
    report = Report()
    try:
        doc = read_path(path, max_bytes=MAX_ANSWERS_BYTES)
    except YamlError as exc:
        report.error(exc.location, exc.message, exc.code)
        return AnswersResult(None, report)
    return _check_answers(doc.root, doc.problems, questionnaire, report)


def parse_answers(text: str, questionnaire: Questionnaire, name: str = "<string>") -> AnswersResult:
    """Check an answers file given as text (see `read_answers`)."""
    report = Report()
    try:
        doc = parse_text(text, name)
    except YamlError as exc:
        report.error(exc.location, exc.message, exc.code)
        return AnswersResult(None, report)
    return _check_answers(doc.root, doc.problems, questionnaire, report)


def _check_answers(root: Node, problems: list[YamlError], q: Questionnaire, report: Report) -> AnswersResult:
    for p in problems:
        report.error(p.location, p.message, p.code)
    if root.kind != "map":
        report.error(root.location, "this is not a CloudWizard answers file (expected a mapping)", "type")
        return AnswersResult(None, report)
    top = root.value
    if "cloudwizard_answers" not in top:
        report.error(root.location, "this is not a CloudWizard answers file (no 'cloudwizard_answers' key)", "format")
        return AnswersResult(None, report)
    fmt = top["cloudwizard_answers"]
    if fmt.kind != "int" or fmt.value != ANSWERS_FORMAT:
        if fmt.kind == "int":
            message = f"answers format {fmt.value} is not supported; expected {ANSWERS_FORMAT}"
        else:
            message = f"'cloudwizard_answers' must be the format number {ANSWERS_FORMAT} (found {_show(fmt.plain())})"
        report.error(fmt.location, message, "format")
        return AnswersResult(None, report)
    for key in top:
        if key not in _TOP_KEYS:
            report.error(root.key_locations[key], f"unknown key '{key}' in answers file; allowed: {', '.join(_TOP_KEYS)}",
                         "unknown-key")
    qid, version = "", ""
    qnode = top.get("questionnaire")
    if qnode is None or qnode.kind != "map" or "id" not in qnode.value:
        report.error((qnode or root).location, "missing 'questionnaire: {id: …, version: …}'", "missing-key")
    elif qnode.value["id"].kind != "str":
        report.error(qnode.value["id"].location, "the questionnaire id must be a text such as "
                     f"'{q.id}' (found {_show(qnode.value['id'].plain())})", "type")
    elif "version" in qnode.value and qnode.value["version"].kind not in ("str", "int", "float"):
        report.error(qnode.value["version"].location, "the questionnaire version must be a text such as "
                     f"'{q.version}' (found {_show(qnode.value['version'].plain())})", "type")
    else:
        qid = qnode.value["id"].value
        version = str(qnode.value["version"].value) if "version" in qnode.value else ""
        if qid != q.id:
            report.error(
                qnode.value["id"].location,
                f"these answers are for questionnaire '{qid}', not '{q.id}'",
                "questionnaire",
            )
    language = "en"
    if "language" in top:
        lnode = top["language"]
        if lnode.kind != "str" or lnode.value not in LANGUAGES:
            report.error(lnode.location, f"language must be one of {', '.join(LANGUAGES)} (found {_show(lnode.plain())})",
                         "language")
        else:
            language = lnode.value
    saved = ""
    if "saved" in top and top["saved"].kind == "str":
        saved = top["saved"].value
    migrating = bool(version) and version != q.version
    dropped: dict[str, str] = {}
    answers = _answer_map(top.get("answers"), q, report, migrating, dropped, root.location, required=True,
                          language=language)
    set_aside = _answer_map(top.get("set_aside"), q, report, True, {}, root.location, required=False, key="set_aside",
                            language=language)
    if migrating and dropped:
        report.warning(
            qnode.location if qnode is not None else root.location,
            f"these answers are for version {version} of the questionnaire (now {q.version}); "
            f"{len(dropped)} answer(s) could not be kept in full: {', '.join(sorted(dropped))}",
            "migration",
        )
    justification = _justification(top.get("comply_or_explain"), report)
    found = language if "language" in top and top["language"].value == language else None
    if report.errors:
        return AnswersResult(None, report, dropped, found)
    return AnswersResult(AnswersFile(q.id, q.version, answers, language, set_aside, saved, justification),
                         report, dropped, found)


def _justification(node: Node | None, report: Report) -> tuple[str, str] | None:
    """The optional ``comply_or_explain: {chosen: MODEL, reason: TEXT}``, checked (None when absent or bad)."""
    from cloudwizard.engine.vocabulary import DEPLOYMENTS

    if node is None or node.kind == "null":
        return None
    if node.kind != "map":
        report.error(node.location, "'comply_or_explain' must be a mapping such as {chosen: hybrid, reason: '…'}",
                     "type")
        return None
    ok = True
    for key in node.value:
        if key not in ("chosen", "reason"):
            report.error(node.key_locations[key], f"unknown key '{key}' in 'comply_or_explain'; allowed: chosen, reason",
                         "unknown-key")
            ok = False
    chosen = node.value.get("chosen")
    if chosen is None:
        report.error(node.location, "missing 'chosen' in 'comply_or_explain' (the deployment model chosen)",
                     "missing-key")
        return None
    if chosen.kind != "str" or chosen.value not in DEPLOYMENTS:
        report.error(chosen.location, f"'comply_or_explain' chosen must be one of {', '.join(DEPLOYMENTS)} "
                     f"(found {_show(chosen.plain())})", "justification")
        ok = False
    reason = node.value.get("reason")
    text = ""
    if reason is not None and reason.kind != "null":
        if reason.kind != "str":
            report.error(reason.location, "'comply_or_explain' reason must be a text "
                         f"(found {_show(reason.plain())}); put it in quotes", "type")
            ok = False
        elif len(reason.value) > MAX_JUSTIFICATION_LENGTH:
            report.error(reason.location, "'comply_or_explain' reason: the text is longer than "
                         f"{MAX_JUSTIFICATION_LENGTH} characters", "justification")
            ok = False
        else:
            text = reason.value
    return (chosen.value, text) if ok else None


def _answer_map(
    node: Node | None,
    q: Questionnaire,
    report: Report,
    migrating: bool,
    dropped: dict[str, str],
    where: Location,
    *,
    required: bool,
    key: str = "answers",
    language: str = "en",
) -> dict[str, Any]:
    if node is None or node.kind == "null":
        if required:
            report.error(where, f"missing '{key}'", "missing-key")
        return {}
    if node.kind != "map":
        report.error(node.location, f"'{key}' must be a mapping of question id to answer", "type")
        return {}
    out: dict[str, Any] = {}
    for qid, value in node.value.items():
        loc = node.key_locations[qid]
        if qid not in q.question_index:
            reason = f"the question '{qid}' no longer exists" if migrating else f"unknown question '{qid}'"
            _problem(report, loc, reason, migrating, dropped, qid)
            continue
        raw = value.plain()
        if migrating:
            raw = _keep_known_choices(q, qid, raw, value, report, dropped)
        try:
            raw = _number_from_text(q.question(qid), raw, language)
            answer = coerce_unchecked(q, qid, raw)
        except AnswerError as exc:
            _problem(report, value.location, f"answer to '{qid}': {exc}", migrating, dropped, qid)
            continue
        if isinstance(answer, frozenset):
            answer = _settle_exclusive_choices(q, qid, answer, value, report)
        out[qid] = answer
    return out


def _number_from_text(question: Question, raw: Any, language: str) -> Any:
    """A number written as text ("200.000" in a Dutch file) read the way the file's language writes it.

    Raises:
        AnswerError: the text is not a number, or it could be read two ways in that language.
    """
    if question.type not in (QuestionType.NUMBER, QuestionType.SCALE) or not isinstance(raw, str):
        return raw
    from cloudwizard.engine.numbers import Ambiguity, NumberError, format_number, is_integer_question, parse_number

    try:
        number = parse_number(raw, language, integer=is_integer_question(question))
    except NumberError as exc:
        if exc.reason == "not_a_number":
            return raw  # coerce_answer says "expected a number, got 'lots'", as for any other value
        raise AnswerError(str(exc)) from exc
    if isinstance(number, Ambiguity):
        raise AnswerError(
            f"'{raw}' can be read two ways in a file in language '{language}' (perhaps "
            f"{format_number(number.suggestion, language)}); write the number without quotes, e.g. "
            f"{number.suggestion}"
        )
    return number


def _settle_exclusive_choices(q: Questionnaire, qid: str, answer: frozenset[str], node: Node, report: Report) -> frozenset[str]:
    """An exclusive choice ("none of these") written with others: keep the others, and say so."""
    question = q.question(qid)
    conflict = exclusive_conflict(question, answer)
    if conflict is None:
        return answer
    kept, dropped = without_exclusive(question, answer)
    shown = ", ".join(f"'{c}'" for c in dropped)
    report.warning(node.location, f"answer to '{qid}': {conflict}; {shown} was dropped and the other choices kept",
                   "exclusive", qid)
    return kept


def _keep_known_choices(q: Questionnaire, qid: str, raw: Any, node: Node, report: Report, dropped: dict[str, str]) -> Any:
    """Migration of a multiple-choice answer: keep the choices that still exist, name the others.

    An answer that keeps none of its choices is left as it is, so the caller drops it whole.
    """
    question = q.question(qid)
    if question.type is not QuestionType.MULTIPLE or not isinstance(raw, list):
        return raw
    known = [c for c in raw if isinstance(c, str) and c in question.choice_ids]
    gone = [c for c in raw if c not in known]
    if not gone or not known:
        return raw
    shown = ", ".join(f"'{c}'" for c in gone)
    message = f"answer to '{qid}': the choice(s) {shown} no longer exist; the other choices were kept"
    dropped[qid] = message
    report.warning(node.location, message, "migration", qid)
    return known


def _problem(report: Report, loc: Location, message: str, migrating: bool, dropped: dict[str, str], qid: str) -> None:
    if migrating:
        dropped[qid] = message
        report.warning(loc, f"{message}; this answer could not be kept", "migration", qid)
    else:
        report.error(loc, message, "answer", qid)
