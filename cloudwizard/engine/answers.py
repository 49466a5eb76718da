"""Answers files: a versioned YAML record of a session, read with checks and written atomically.

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

A file for another version of the questionnaire is migrated: answers whose question and choices
still exist are kept, and every answer that could not be kept is reported by name.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cloudwizard.engine.diagnostics import Report
from cloudwizard.engine.model import LANGUAGES, Location, Questionnaire, QuestionType
from cloudwizard.engine.yamlsafe import Node, YamlError, parse_text, plain_kind, read_path

ANSWERS_FORMAT = 1
#: Answers files are small; anything larger is not one.
MAX_ANSWERS_BYTES = 1024 * 1024
_MAX_FLOAT = 1.7976931348623157e308
_TOP_KEYS = ("cloudwizard_answers", "questionnaire", "language", "saved", "answers", "set_aside")


class AnswerError(ValueError):
    """An answer that does not fit its question."""


class SaveError(OSError):
    """Writing a file failed; the previous file, if any, is unchanged."""


def coerce_answer(
    qtype: QuestionType,
    choices: tuple[str, ...],
    raw: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    max_length: int | None = None,
) -> Any:
    """Turn plain data into the engine's form of an answer, or raise `AnswerError`.

    Single choice → the choice id; multiple → a frozenset of ids; yes/no → ``"yes"``/``"no"``;
    scale and number → int or float; text → str.
    """
    if qtype is QuestionType.SINGLE:
        if not isinstance(raw, str):
            raise AnswerError(f"expected one choice id, got {_show(raw)}")
        if raw not in choices:
            raise AnswerError(f"'{raw}' is not a choice here; choices: {', '.join(choices)}")
        return raw
    if qtype is QuestionType.MULTIPLE:
        items = raw if isinstance(raw, (list, tuple, set, frozenset)) else None
        if items is None:
            raise AnswerError(f"expected a list of choice ids, got {_show(raw)}")
        for item in items:
            if not isinstance(item, str) or item not in choices:
                raise AnswerError(f"{_show(item)} is not a choice here; choices: {', '.join(choices)}")
        return frozenset(items)
    if qtype is QuestionType.YESNO:
        if raw is True or raw == "yes":
            return "yes"
        if raw is False or raw == "no":
            return "no"
        raise AnswerError(f"expected yes or no, got {_show(raw)}")
    if qtype in (QuestionType.SCALE, QuestionType.NUMBER):
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise AnswerError(f"expected a number, got {_show(raw)}")
        if isinstance(raw, int) and abs(raw) > _MAX_FLOAT:  # math.isfinite would raise OverflowError
            raise AnswerError("the number is too large")
        if not math.isfinite(raw):
            raise AnswerError(f"expected a number, got {_show(raw)}")
        if minimum is not None and raw < minimum:
            raise AnswerError(f"{raw} is below the minimum {_num(minimum)}")
        if maximum is not None and raw > maximum:
            raise AnswerError(f"{raw} is above the maximum {_num(maximum)}")
        return raw
    if not isinstance(raw, str):
        raise AnswerError(f"expected text, got {_show(raw)}")
    if max_length is not None and len(raw) > max_length:
        raise AnswerError(f"the text is longer than {max_length} characters")
    return raw


def coerce_for(questionnaire: Questionnaire, question_id: str, raw: Any) -> Any:
    """`coerce_answer` for a question of `questionnaire`."""
    q = questionnaire.question(question_id)
    return coerce_answer(
        q.type,
        q.choice_ids,
        raw,
        minimum=q.minimum,
        maximum=q.maximum,
        max_length=q.max_length if q.type is QuestionType.TEXT else None,
    )


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _show(raw: Any) -> str:
    if raw is None:
        return "nothing"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, str):
        return f"'{raw[:40]}'"
    if isinstance(raw, dict):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    return repr(raw)


def plain_answer(value: Any) -> Any:
    """An engine answer as plain data for YAML/JSON (sets become sorted lists)."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value


@dataclass
class AnswersFile:
    """The content of an answers file."""

    questionnaire_id: str
    questionnaire_version: str
    answers: dict[str, Any]
    language: str = "en"
    set_aside: dict[str, Any] = field(default_factory=dict)
    saved: str = ""


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
    header = "# CloudWizard answers file. Open it with CloudWizard, or run: cloudwizard recommend --answers FILE\n"
    return header + yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=None)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's safe dumper, quoting every text that our reader would not read back as the same text."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "'" if plain_kind(value) != "str" else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` so that a crash or a full disk never leaves a half-written file.

    The text goes to a temporary file in the same folder, is flushed to disk (fsync), and then
    replaces the target in one rename.

    Raises:
        SaveError: with a message that says what went wrong; the previous file is untouched.
    """
    import tempfile  # only when writing: it pulls in `random`, which costs start-up time

    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    data = text.encode("utf-8")
    tmp_name = None
    try:
        _remove_stale_temporaries(folder, target.name)
        # The writer's process id is in the name, so a later writer can tell a leftover from a
        # writer that was killed from one still at work.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
        with contextlib.suppress(OSError):  # not every platform can fsync a folder
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as exc:
        reason = {
            28: "the disk is full",
            13: "there is no permission to write there",
            30: "the folder is read-only",
            2: "the folder does not exist",
            21: "there is a folder of that name; choose another name",
        }.get(exc.errno or 0, exc.strerror or str(exc))
        raise SaveError(exc.errno or 0, f"Could not save {target}: {reason}. The previous file, if any, is unchanged.") from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


#: Without a way to ask whether a writer still runs, a temporary file this old is a leftover.
_STALE_SECONDS = 24 * 3600


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Delete temporary files that writers of `name` left behind when they were killed mid-write.

    A temporary file ``.NAME.PID.XXXX.tmp`` is a leftover when process PID no longer runs (on
    POSIX) or, elsewhere, when it is more than a day old. Errors are ignored: this is tidying only.
    """
    import time

    prefix = f".{name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid_text = entry.name[len(prefix):].split(".", 1)[0]
            if not pid_text.isdigit() or int(pid_text) == os.getpid():
                continue
            if os.name == "posix":
                try:
                    os.kill(int(pid_text), 0)  # signal 0 only asks whether the process exists
                    continue
                except ProcessLookupError:
                    pass
                except (PermissionError, OverflowError, ValueError):
                    continue
            elif time.time() - entry.stat().st_mtime < _STALE_SECONDS:
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def save_answers(path: str | Path, data: AnswersFile) -> None:
    """Write an answers file atomically (see `write_atomic`)."""
    write_atomic(path, dump_answers(data))


@dataclass
class AnswersResult:
    """What `read_answers` found: the file (None when unusable), the problems, what was dropped."""

    data: AnswersFile | None
    report: Report
    dropped: dict[str, str] = field(default_factory=dict)


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
    answers = _answer_map(top.get("answers"), q, report, migrating, dropped, root.location, required=True)
    set_aside = _answer_map(top.get("set_aside"), q, report, True, {}, root.location, required=False, key="set_aside")
    if migrating and dropped:
        report.warning(
            qnode.location if qnode is not None else root.location,
            f"these answers are for version {version} of the questionnaire (now {q.version}); "
            f"{len(dropped)} answer(s) could not be kept in full: {', '.join(sorted(dropped))}",
            "migration",
        )
    if report.errors:
        return AnswersResult(None, report, dropped)
    return AnswersResult(AnswersFile(q.id, q.version, answers, language, set_aside, saved), report, dropped)


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
            out[qid] = coerce_for(q, qid, raw)
        except AnswerError as exc:
            _problem(report, value.location, f"answer to '{qid}': {exc}", migrating, dropped, qid)
    return out


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


def answers_from_mapping(q: Questionnaire, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Coerce a plain mapping of answers (e.g. from JSON) or raise `AnswerError` naming the question."""
    out = {}
    for qid, value in raw.items():
        if qid not in q.question_index:
            raise AnswerError(f"unknown question '{qid}'")
        try:
            out[qid] = coerce_for(q, qid, value)
        except AnswerError as exc:
            raise AnswerError(f"answer to '{qid}': {exc}") from None
    return out
