"""Problems of an answers file name the question by its text and write numbers as the language does.

`cloudwizard recommend` (and `ask --answers`, and the GUI's "open answers") print a problem at its
place; it reads "answer to “How many people …”: 1.500.000 is hoger dan het maximum 1.000.000", not
"answer to 'staff': 1500000 is above the maximum 1000000", in each of the four languages.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cloudwizard.engine.diagnostic_text import SHORT_QUESTION, short_question, translate
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.numbers import format_number

Q = load_bundled()
ANSWERS = """\
cloudwizard_answers: 1
questionnaire: {id: cloudwizard-be, version: '%s'}
language: en
answers:
  audience: sme
  staff: 1500000
"""


def _spaces(text: str) -> str:
    """French writes no-break spaces (in numbers, before "?"): compared as plain ones."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_recommend_names_the_question_and_formats_the_numbers(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS % Q.version, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "cloudwizard", "recommend", "--answers", str(path), "--lang", lang,
                          "--format", "json"], capture_output=True, text=True, timeout=120, check=False)
    problem = _spaces(next(line for line in run.stderr.splitlines() if ":6:" in line))
    label = _spaces(Q.text(Q.question("staff").label, lang))
    assert label in problem, problem
    assert _spaces(format_number(1_500_000, lang)) in problem
    assert _spaces(format_number(Q.question("staff").maximum or 0, lang)) in problem
    assert "1500000" not in problem and "'staff'" not in problem, problem
    assert problem.endswith("[staff]")  # the id stays as the reference to the file's key


def test_translate_without_the_questionnaire_keeps_the_message() -> None:
    message = "answer to 'staff': 1500000 is above the maximum 1000000"
    # in English the id is quoted as English quotes it, the message otherwise as the reader wrote it
    assert translate(message, "en") == "answer to “staff”: 1500000 is above the maximum 1000000"
    assert translate(message, "en", Q) == "answer to “How many people work in your organisation?”: 1,500,000 is " \
        "above the maximum 1,000,000"
    # an id the questionnaire does not have stays as it is
    assert "“gone”" in translate("answer to 'gone': 5 is above the maximum 3", "nl", Q)


def test_a_long_question_is_cut_at_a_word() -> None:
    longest = max(Q.question_index, key=lambda qid: len(Q.text(Q.question(qid).label, "fr")))
    short = short_question(Q, longest, "fr")
    full = Q.text(Q.question(longest).label, "fr")
    assert len(full) > SHORT_QUESTION and short.endswith(" …") and full.startswith(short[:-2])
