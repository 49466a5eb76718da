"""Located problem lines (``FILE:LINE:COL: error: …``) wrapped on a terminal, one line each elsewhere (issue 11).

``validate``, ``recommend`` and ``ask --answers`` print the problems they find on standard error. A
person at a 60-column terminal reads each wrapped at word boundaries, its further lines indented
under the message; a tool reading a pipe or a log (the editor's problem matcher, ``grep``) gets one
line per problem, whatever ``COLUMNS`` says (docs/questionnaire-format.md, "Error messages").
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.ptyterm import REPO, Terminal, flat

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")

EXAMPLES = REPO / "questionnaires" / "examples"
#: A located problem's first line: the file, its line and column, a severity word in any language.
LOCATED = re.compile(r"^(\S+?:\d+:\d+: [^\W\d_]+\u00a0?: )\S")  # French: "erreur\u00a0: "


def _bad_questionnaire(folder: Path) -> Path:
    """The example questionnaire with two unknown questions in one long condition (two long errors)."""
    text = (EXAMPLES / "example.yaml").read_text(encoding="utf-8")
    old = "when: audience == 'consumer' or answered(staff)"
    assert text.count(old) == 1
    path = folder / "q.yaml"
    path.write_text(text.replace(old, 'when: audience == "consumer" or answered(stafff) or answered(data_kindz)'),
                    encoding="utf-8")
    return path


def _bad_answers(folder: Path) -> Path:
    """The SME example answers with an unknown question and a choice that is none of the question's."""
    text = (EXAMPLES / "answers-sme.yaml").read_text(encoding="utf-8")
    assert "\n  staff: 7\n" in text and "\n  turnover: up_to_10m\n" in text
    text = text.replace("\n  staff: 7\n", "\n  stafff: 7\n").replace(
        "\n  turnover: up_to_10m\n", "\n  turnover: far_too_much_for_a_small_accounting_office\n")
    path = folder / "bad-answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems_on_screen(screen: str) -> list[tuple[str, list[str]]]:
    """Each located problem on `screen`: its first line and the indented lines that go on with it."""
    found: list[tuple[str, list[str]]] = []
    for line in screen.splitlines():
        if LOCATED.match(line):
            found.append((line, []))
        elif found and line.startswith(" ") and line.strip() and not found[-1][0].startswith("cloudwizard:"):
            found[-1][1].append(line)
        elif found and not line.startswith(" "):
            found.append((line, []))  # another line (the closing "cannot use"): ends the problem before it
    return [(first, rest) for first, rest in found if LOCATED.match(first)]


def _check_wrapped(term: Terminal, columns: int, expected: list[str]) -> None:
    """Each of `expected` (the one-line forms) is on the screen wrapped to `columns`, under its message."""
    problems = _problems_on_screen(term.screen)
    assert len(problems) == len(expected), term.screen
    for (first, rest), line in zip(problems, expected, strict=True):
        assert rest, f"a {len(line)}-character problem is not wrapped at {columns} columns: {first}"
        assert flat(" ".join([first, *rest])) == flat(line)  # the same words, only the line breaks moved
        hang = LOCATED.match(first).group(1)  # type: ignore[union-attr]
        indent = len(hang) if len(hang) <= (columns - 1) * 2 // 5 else 4
        for more in rest:
            assert more.startswith(" " * indent) and more[indent] != " ", (more, indent)
    assert term.overlong_lines() == []


def _one_line_each(args: list[str], cwd: Path, columns: int = 40) -> list[str]:
    """The problem lines of `args` run with standard error to a pipe (`COLUMNS` set, which must not matter)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": str(columns), "LANG": "C.UTF-8"}
    run = subprocess.run([sys.executable, "-m", "cloudwizard", *args], capture_output=True, text=True, env=env,
                         cwd=cwd, timeout=60, stdin=subprocess.DEVNULL)
    return [line for line in run.stderr.splitlines() if line and not line.startswith("cloudwizard:")]


@pytest.mark.parametrize("columns", [60, 100])
@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_validate_wraps_its_problems_on_a_terminal(lang: str, columns: int, tmp_path: Path) -> None:
    _bad_questionnaire(tmp_path)
    expected = _one_line_each(["validate", "--lang", lang, "q.yaml"], tmp_path)
    assert len(expected) == 2 and all(LOCATED.match(line) for line in expected), expected
    assert all("stafff" in line or "data_kindz" in line for line in expected)
    assert max(len(line) for line in expected) > 100  # long enough to need wrapping at both widths
    term = Terminal(["validate", "--lang", lang, "q.yaml"], columns=columns, cwd=tmp_path)
    assert term.wait() == 1
    _check_wrapped(term, columns, expected)


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_recommend_wraps_the_answers_file_problems_on_a_terminal(lang: str, tmp_path: Path) -> None:
    _bad_answers(tmp_path)
    expected = _one_line_each(["recommend", "--lang", lang, "bad-answers.yaml"], tmp_path)
    assert len(expected) == 2 and all(LOCATED.match(line) for line in expected), expected
    term = Terminal(["recommend", "--lang", lang, "bad-answers.yaml"], columns=60, cwd=tmp_path)
    assert term.wait() == 1
    long_ones = [line for line in expected if len(line) > 59]
    assert long_ones
    problems = dict(_problems_on_screen(term.screen))
    for line in expected:
        first = next(f for f in problems if line.startswith(f.rstrip()))
        assert flat(" ".join([first, *problems[first]])) == flat(line)
        assert bool(problems[first]) == (line in long_ones)
    assert term.overlong_lines() == []


def test_ask_wraps_the_problems_of_the_answers_file_it_goes_on_from(tmp_path: Path) -> None:
    _bad_answers(tmp_path)
    expected = _one_line_each(["ask", "--lang", "fr", "--answers", "bad-answers.yaml"], tmp_path)
    assert len(expected) == 2 and all(LOCATED.match(line) for line in expected), expected
    term = Terminal(["ask", "--lang", "fr", "--answers", "bad-answers.yaml"], columns=60, cwd=tmp_path)
    assert term.wait() == 1
    assert "pas été modifié" in flat(term.screen)
    problems = dict(_problems_on_screen(term.screen))
    assert len(problems) == 2
    long_one = max(expected, key=len)
    first = next(f for f in problems if long_one.startswith(f.rstrip()))
    assert problems[first] and flat(" ".join([first, *problems[first]])) == flat(long_one)
    assert term.overlong_lines() == []


@pytest.mark.parametrize("columns", [20, 60, 400])
def test_a_pipe_gets_one_line_per_problem(columns: int, tmp_path: Path) -> None:
    """Whatever the width, tools reading the problems get ``FILE:LINE:COL: severity: message`` on one line each."""
    _bad_questionnaire(tmp_path)
    _bad_answers(tmp_path)
    for args in (["validate", "--lang", "de", "q.yaml"], ["recommend", "--lang", "nl", "bad-answers.yaml"],
                 ["ask", "--lang", "fr", "--answers", "bad-answers.yaml"]):
        lines = _one_line_each(args, tmp_path, columns)
        assert len(lines) == 2, (args, lines)
        assert all(LOCATED.match(line) for line in lines), lines
