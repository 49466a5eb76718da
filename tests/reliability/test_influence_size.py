"""`influence` on a large questionnaire: a result or a clear refusal, never a traceback (issue 14 §2).

Found by the red team: `cloudwizard influence --questionnaire Q --samples 1` on a valid questionnaire
of 2,000 questions raised `RuntimeError: answering did not settle` (answering stopped after a fixed
100 questions), and behind it each sample costs the square of the questionnaire's size.
"""

from __future__ import annotations

import io
import random
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from cloudwizard import cli
from cloudwizard.engine.influence import (
    INFLUENCE_WORK,
    MAX_SAMPLES,
    complete_answers,
    influence,
    max_samples,
    random_chooser,
)
from cloudwizard.engine.loader import load_bundled, load_questionnaire


def _yes_no_questionnaire(path: Path, n: int) -> Path:
    lines = ["format: 1", "id: wide", "version: '1'", "languages: [en]", "fallback_language: en",
             "title: {en: Wide}", "sections:", "  - id: s", "    title: {en: S}", "    questions:"]
    for i in range(n):
        lines += [f"      - id: q{i}", "        type: yesno", f"        label: {{en: Question {i}}}"]
        if i:
            lines.append(f"        when: q{i - 1} == 'yes' or q{i - 1} == 'no'")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_more_than_a_hundred_questions_are_all_answered(tmp_path: Path) -> None:
    result = load_questionnaire(_yes_no_questionnaire(tmp_path / "q.yaml", 150))
    assert result.questionnaire is not None, result.report.format()
    answers = complete_answers(result.questionnaire, random_chooser(random.Random(1)))
    assert len(answers) == 150
    rows = influence(result.questionnaire, samples=1)
    assert [r.visible for r in rows] == [1] * 150


def test_the_bundled_questionnaire_may_take_every_sample() -> None:
    assert max_samples(load_bundled()) == MAX_SAMPLES


def test_a_large_questionnaire_is_refused_with_the_number_it_may_take(tmp_path: Path) -> None:
    path = _yes_no_questionnaire(tmp_path / "q.yaml", 1_500)  # 4,500 questions and choices
    most = INFLUENCE_WORK // 4_500 ** 2
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        status = cli.main(["influence", "--questionnaire", str(path), "--samples", str(most + 1)])
    assert status == 2
    assert err.getvalue() == (f"cloudwizard: --samples: at most {most:,} samples for a questionnaire of "
                              "4,500 questions and choices\n")


def test_without_samples_the_refusal_does_not_blame_an_option_never_given(tmp_path: Path) -> None:
    path = _yes_no_questionnaire(tmp_path / "q.yaml", 1_500)
    most = INFLUENCE_WORK // 4_500 ** 2
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        status = cli.main(["influence", "--questionnaire", str(path)])  # the default 300 samples
    assert status == 2
    assert err.getvalue() == (f"cloudwizard: at most {most:,} samples for a questionnaire of 4,500 questions and "
                              "choices; give fewer with --samples N\n")
