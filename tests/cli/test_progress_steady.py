"""The progress line holds steady (issue 13): "Part n of N · Question m of M" does not shrink or jump
when a branch is ruled out, M does not change while its part is answered, and going back shows the
numbers shown the first time."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load, load_bundled
from cloudwizard.engine.session import Session
from cloudwizard.terminal import Progress, ProgressPlan, progress
from tests.cli.ptyterm import Terminal

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "questionnaires" / "examples").glob("answers-*.yaml"))

# A part, and a question in the first part, that only "yes" to the first question brings.
BRANCHES = textwrap.dedent("""\
    format: 1
    id: branches
    version: "1"
    languages: [en, nl, fr, de]
    fallback_language: en
    title: {en: Branches, nl: Takken, fr: Branches, de: Zweige}
    sections:
      - id: a
        title: {en: First, nl: Eerste, fr: Première, de: Erste}
        questions:
          - id: cloud
            type: yesno
            label: {en: Cloud already?, nl: Al een cloud?, fr: Déjà un cloud ?, de: Schon eine Cloud?}
          - id: which
            type: text
            when: cloud == 'yes'
            label: {en: Which one?, nl: Welke?, fr: Lequel ?, de: Welche?}
          - id: why
            type: text
            label: {en: Why ask?, nl: Waarom?, fr: Pourquoi ?, de: Warum?}
      - id: b
        title: {en: Second, nl: Tweede, fr: Deuxième, de: Zweite}
        when: cloud == 'yes'
        questions:
          - id: since
            type: text
            label: {en: Since when?, nl: Sinds wanneer?, fr: Depuis quand ?, de: Seit wann?}
      - id: c
        title: {en: Third, nl: Derde, fr: Troisième, de: Dritte}
        questions:
          - id: end
            type: text
            label: {en: Anything else?, nl: Nog iets?, fr: Autre chose ?, de: Sonst noch etwas?}
    """)


def _walk(plan: ProgressPlan, session: Session, answers: dict[str, object]) -> list[tuple[str, Progress]]:
    seen = []
    index = 0
    while index < len(session.visible_questions()):
        question = session.visible_questions()[index]
        seen.append((question.id, plan.at(session, question)))
        if question.id in answers:
            session.set_answer(question.id, answers[question.id])
        index += 1
    return seen


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_counts_hold_steady_on_the_bundled_questionnaire(path: Path) -> None:
    q = load_bundled()
    data = read_answers(path, q).data
    assert data is not None
    answers = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in data.answers.items()}
    plan, session = ProgressPlan(), Session(q)
    seen = _walk(plan, session, answers)
    assert len(seen) > 10
    assert len({p.parts for _qid, p in seen}) == 1  # N never changes
    by_part: dict[int, list[Progress]] = {}
    for _qid, p in seen:
        by_part.setdefault(p.part, []).append(p)
        assert 1 <= p.question <= p.questions and 1 <= p.part <= p.parts
    parts = list(by_part)
    assert parts == sorted(parts)  # parts go forward (a ruled-out one is skipped)
    for shown in by_part.values():
        assert len({p.questions for p in shown}) == 1  # M fixed while the part is answered
        numbers = [p.question for p in shown]
        assert numbers == sorted(set(numbers))  # m only goes up
    # going back over every question, all answers given: the numbers shown the first time
    for qid, first in reversed(seen):
        assert plan.at(session, q.question(qid)) == first, qid


def test_the_old_counts_shrank_where_the_plan_holds(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(BRANCHES, encoding="utf-8")
    q = load(tmp_path / "b.yaml")
    session = Session(q)
    plan = ProgressPlan()
    assert plan.at(session, q.question("cloud")) == Progress(1, 3, 1, 3)
    session.set_answer("cloud", "no")
    assert progress(session, q.question("why")) == Progress(1, 2, 2, 2)  # what it showed before: a jump
    assert plan.at(session, q.question("why")) == Progress(1, 3, 3, 3)
    assert plan.at(session, q.question("end")) == Progress(3, 3, 1, 1)
    # an earlier answer changed: the branch it brings is counted where it stands
    session.set_answer("cloud", "yes")
    assert plan.at(session, q.question("which")) == Progress(1, 3, 2, 3)
    assert plan.at(session, q.question("since")) == Progress(2, 3, 1, 1)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")
@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_the_progress_line_at_a_terminal(lang: str, columns: int, tmp_path: Path) -> None:
    _ = gettext_for(lang)
    (tmp_path / "b.yaml").write_text(BRANCHES, encoding="utf-8")
    saved = tmp_path / "a.yaml"

    def line(part: int, question: int, questions: int) -> str:
        return _("Part {part} of {parts} · Question {question} of {questions}").format(
            part=part, parts=3, question=question, questions=questions)

    term = Terminal(["ask", "--questionnaire", str(tmp_path / "b.yaml"), "--lang", lang, "--save", str(saved)],
                    columns=columns, cwd=tmp_path)
    term.expect(line(1, 1, 3))
    term.expect(_("1 = yes, 2 = no: "))
    term.send("2")  # no: "which" and the second part are ruled out
    term.expect(line(1, 3, 3))  # not "Part 1 of 2 · Question 2 of 2", as before
    term.expect(_("Your answer: "))
    term.send("b")  # back: the same numbers as the first time
    term.expect(line(1, 1, 3))
    term.expect(_("1 = yes, 2 = no: "))
    term.send("")
    term.expect(line(1, 3, 3))
    term.expect(_("Your answer: "))
    term.send("to compare")
    term.expect(line(3, 1, 1))
    term.expect(_("Your answer: "))
    term.send("nothing")
    term.expect(_("Press Enter to see the advice, b to go back, q to quit: "))
    term.send_raw(b"\x04")
    assert term.wait() == 1
    assert term.overlong_lines() == [] or all(str(saved) in x for x in term.overlong_lines())
    result = read_answers(saved, load(tmp_path / "b.yaml"))
    assert result.data is not None
    assert result.data.answers == {"cloud": "no", "why": "to compare", "end": "nothing"}
