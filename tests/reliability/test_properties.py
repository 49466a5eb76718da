"""Property tests: whatever the input, the engine returns a report and never raises.

Generated questionnaires must load cleanly and survive a session and a recommendation with random
answers; mutated questionnaires and answers files (and raw bytes) must give a report whose every
problem has a place in the file. The default run is kept short; set ``CLOUDWIZARD_PROPERTY_EXAMPLES``
for a longer one (``tools/fuzz.py`` runs the same strategies for a given time).
"""

from __future__ import annotations

import io
import os
import tempfile
from contextlib import redirect_stderr, redirect_stdout, suppress
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudwizard import cli
from cloudwizard.engine.answers import AnswerError, dump_answers, parse_answers, read_answers
from cloudwizard.engine.conditions import ConditionError, compile_condition
from cloudwizard.engine.diagnostics import Report
from cloudwizard.engine.loader import load_questionnaire, load_questionnaire_text
from cloudwizard.engine.model import Questionnaire, QuestionType
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report import render
from cloudwizard.engine.session import Session

from .strategies import (
    ANY_VALUE,
    CONDITION_NAMES,
    EXAMPLE_ANSWERS,
    EXAMPLE_TEXT,
    RAW_BYTES,
    answers_for,
    dump,
    mutated,
    questionnaire_docs,
)

EXAMPLES = int(os.environ.get("CLOUDWIZARD_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    database=None,
)
#: Problems about the file as a whole (missing, a folder, unreadable, too big, empty, binary, not UTF-8) have no line.
WHOLE_FILE_CODES = {"missing", "directory", "io", "size", "empty", "encoding", "binary"}


def _example() -> Questionnaire:
    q = load_questionnaire_text(EXAMPLE_TEXT, "example.yaml").questionnaire
    assert q is not None
    return q


EXAMPLE_Q = _example()


def check_places(report: Report, text: str | None = None) -> None:
    """Every problem has a line (>= 1) and a column (>= 1), or is about the whole file (0:0)."""
    last = None
    if text is not None:
        last = max(text.count("\n"), len(text.splitlines()), text.count("\r")) + 1
    for d in report:
        assert d.message, d
        if d.location.line == 0:
            assert d.code in WHOLE_FILE_CODES, str(d)
            continue
        assert d.location.line >= 1 and d.location.column >= 1, str(d)
        if last is not None:
            assert d.location.line <= last, f"{d} (the text has {last} lines)"


def exercise(q: Questionnaire, raw: dict[str, Any]) -> None:
    """Answer through a session (refusing what does not fit), recommend, render, save and read back."""
    session = Session(q, language="en")
    for qid, value in raw.items():
        with suppress(AnswerError):
            session.set_answer(qid, value)
        session.problems()
        session.progress()
    while session.go_next():
        pass
    while session.go_back():
        pass
    rec = recommend(q, session.effective_answers())
    for fmt in ("json", "markdown", "html"):
        assert render(rec, fmt, "en")
    data = session.to_file()
    back = parse_answers(dump_answers(data), q, "saved.yaml")
    assert back.report.errors == [], back.report.format()
    assert back.data is not None and back.data.answers == session.answers


# -- generated questionnaires ---------------------------------------------------------------------

@SETTINGS
@given(doc=questionnaire_docs(), data=st.data())
def test_generated_questionnaires_load_and_give_advice(doc: dict[str, Any], data: st.DataObject) -> None:
    text = dump(doc)
    result = load_questionnaire_text(text, "generated.yaml")
    assert result.report.errors == [], result.report.format() + "\n" + text
    q = result.questionnaire
    assert q is not None
    exercise(q, data.draw(answers_for(q)))


@SETTINGS
@given(doc=questionnaire_docs(), data=st.data())
def test_valid_answers_to_generated_questionnaires_are_accepted(doc: dict[str, Any], data: st.DataObject) -> None:
    q = load_questionnaire_text(dump(doc), "generated.yaml").questionnaire
    assert q is not None
    raw = data.draw(answers_for(q, valid_only=True))
    session = Session(q)
    for qid, value in raw.items():
        question = q.question(qid)
        if question.type is QuestionType.TEXT and len(value) > question.max_length:
            continue
        session.set_answer(qid, value)  # must not raise: every value fits its question
    recommend(q, session.effective_answers(), counterfactuals=False)


# -- mutated files ---------------------------------------------------------------------------------

@SETTINGS
@given(text=mutated(EXAMPLE_TEXT), data=st.data())
def test_mutated_questionnaire_gives_a_report_never_an_exception(text: str, data: st.DataObject) -> None:
    result = load_questionnaire_text(text, "mutated.yaml")
    check_places(result.report, text)
    assert (result.questionnaire is None) == bool(result.report.errors)
    if result.questionnaire is not None:
        exercise(result.questionnaire, data.draw(answers_for(result.questionnaire)))


@SETTINGS
@given(text=mutated(EXAMPLE_ANSWERS))
def test_mutated_answers_file_gives_a_report_never_an_exception(text: str) -> None:
    result = parse_answers(text, EXAMPLE_Q, "answers.yaml")
    check_places(result.report, text)
    assert (result.data is None) == bool(result.report.errors)
    for qid in result.dropped:
        assert any(qid in d.message or d.ref == qid for d in result.report), qid  # never silently dropped
    if result.data is not None:
        session = Session.from_file(EXAMPLE_Q, result.data)
        recommend(EXAMPLE_Q, session.effective_answers(), counterfactuals=False)


@SETTINGS
@given(raw=RAW_BYTES, as_answers=st.booleans())
def test_raw_bytes_from_disk_give_a_report(raw: bytes, as_answers: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "file.yaml"
        path.write_bytes(raw)
        report = read_answers(path, EXAMPLE_Q).report if as_answers else load_questionnaire(path).report
        assert path.read_bytes() == raw  # never changed
    check_places(report)


@settings(SETTINGS, max_examples=max(10, EXAMPLES // 3))
@given(text=mutated(EXAMPLE_TEXT), answers=mutated(EXAMPLE_ANSWERS))
def test_command_line_on_mutated_files_exits_0_or_1(text: str, answers: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        qpath, apath = Path(tmp) / "q.yaml", Path(tmp) / "a.yaml"
        qpath.write_text(text, encoding="utf-8", errors="surrogatepass")
        apath.write_text(answers, encoding="utf-8", errors="surrogatepass")
        for args in (["validate", str(qpath)], ["recommend", "--answers", str(apath), "--questionnaire", str(qpath)]):
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                status = cli.main(args)
            assert status in (0, 1), (args, err.getvalue())
            assert "Traceback" not in err.getvalue()


# -- conditions ---------------------------------------------------------------------------------------

_NAMES = CONDITION_NAMES
_CONDITIONS = ("who == 'me' and 'photos' in kinds", "not offline or size >= 50", "count(kinds) > 1",
               "answered(notes) and who in ('me', 'firm')", "size < 3 or size > -2.5")
_ANSWERS = st.fixed_dictionaries({}, optional={
    "who": st.one_of(st.sampled_from(["me", "firm"]), ANY_VALUE),
    "kinds": st.one_of(st.frozensets(st.sampled_from(["photos", "secret"])), ANY_VALUE),
    "offline": st.one_of(st.sampled_from(["yes", "no"]), ANY_VALUE),
    "size": st.one_of(st.integers(), st.floats(), ANY_VALUE),
    "notes": ANY_VALUE,
})


@SETTINGS
@given(source=st.one_of(st.text(max_size=80), st.sampled_from(_CONDITIONS).flatmap(lambda c: mutated(c, 3))),
       answers=_ANSWERS, before=st.one_of(st.none(), st.integers(0, 5)))
def test_conditions_compile_or_explain_and_never_raise_when_evaluated(
    source: str, answers: dict[str, Any], before: int | None
) -> None:
    try:
        cond = compile_condition(source, _NAMES, before=before)
    except ConditionError as exc:
        assert exc.problems and all(isinstance(m, str) and m and col >= 0 for m, col in exc.problems)
        return
    assert cond(answers) in (True, False)


@pytest.mark.parametrize("text", [EXAMPLE_TEXT, EXAMPLE_ANSWERS])
def test_the_bases_of_the_mutations_are_valid(text: str) -> None:
    if "cloudwizard_answers" in text:
        assert parse_answers(text, EXAMPLE_Q, "a.yaml").report.diagnostics == []
    else:
        assert load_questionnaire_text(text, "q.yaml").report.diagnostics == []
