"""`influence` shows its progress on a terminal, and its cheaper scoring gives what `recommend` gives.

`cloudwizard influence --samples 10000` took about 270 s with nothing on the screen. Now the
standard error shows ``12 % (1,200 of 10,000 samples)`` when it is a terminal (at most four updates a
second, nothing at all when it is a file or a pipe), and each trial is scored without the
explanations a report needs (`influence.outcome`). How much faster: `benchmarks/bench_engine.py`.
"""

from __future__ import annotations

import io
import os
import pty
import random
import subprocess
import sys
from pathlib import Path

import pytest

from cloudwizard import cli
from cloudwizard.engine.influence import _alternatives, _outcome, complete_answers, influence, outcome, random_chooser
from cloudwizard.engine.loader import bundled_questionnaires, load, load_bundled
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.session import Session

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", bundled_questionnaires(), ids=lambda p: p.name)
def test_the_cheaper_outcome_is_the_recommendations(path: Path) -> None:
    """Every trial `influence` makes (each other answer of each visible question) scores the same both ways."""
    q = load(path)
    rng = random.Random(11)
    compared = 0
    for _ in range(12):
        answers = complete_answers(q, random_chooser(rng))
        session = Session.with_answers(q, answers)
        trials = [answers]
        for question in session.visible_questions():
            offered = session.visible_choices(question.id) if question.type.has_choices else ()
            trials += [{**answers, question.id: alt} for alt in _alternatives(question, answers.get(question.id), offered)]
        for trial in trials:
            assert outcome(q, trial) == _outcome(recommend(q, trial, counterfactuals=False)), trial
        compared += len(trials)
    assert compared > 100


def test_progress_is_called_after_every_sample() -> None:
    calls: list[tuple[int, int]] = []
    influence(load_bundled(), samples=5, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_the_progress_line_is_rewritten_at_most_four_times_a_second() -> None:
    now = [100.0]
    out = io.StringIO()
    progress = cli._InfluenceProgress(out, clock=lambda: now[0])
    for done in range(1, 10_001):
        now[0] += 0.001  # 1 ms a sample: 10 s in all
        progress(done, 10_000)
    lines = out.getvalue().split("\r")[1:]
    assert lines[0] == "0 % (1 of 10,000 samples)\x1b[K"
    assert "12 % (1,251 of 10,000 samples)\x1b[K" in lines  # 250 samples (250 ms) after the 10 % line
    assert lines[-1] == "100 % (10,000 of 10,000 samples)\x1b[K"  # the end is always shown
    assert 39 <= len(lines) <= 42  # every 250 ms over 10 s, plus the first and the last
    progress.clear()
    assert out.getvalue().endswith("\r\x1b[K")


def _run(stderr_tty: bool) -> tuple[int, str, str]:
    """`cloudwizard influence --samples 40` in a real process; standard error a terminal or a pipe."""
    cmd = [sys.executable, "-m", "cloudwizard", "influence", "--samples", "40"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if not stderr_tty:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        return proc.returncode, proc.stdout, proc.stderr
    leader, follower = pty.openpty()
    try:
        proc2 = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=follower, env=env, text=True)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the program ended
                break
            if not chunk:
                break
            seen += chunk
        stdout, _ = proc2.communicate(timeout=300)
    finally:
        os.close(leader)
    return proc2.returncode, stdout, seen.decode("utf-8")


def test_a_terminal_sees_the_progress_and_then_a_clean_line() -> None:
    status, stdout, stderr = _run(stderr_tty=True)
    assert status == 0
    assert "\r100 % (40 of 40 samples)\x1b[K" in stderr
    assert stderr.endswith("\r\x1b[K")  # cleared before the report is printed
    assert stdout.startswith("question ")
    assert "%" not in stdout.splitlines()[0]


def test_a_pipe_or_a_file_sees_no_progress() -> None:
    status, stdout, stderr = _run(stderr_tty=False)
    assert status == 0
    assert stderr == ""
    assert stdout.startswith("question ")
