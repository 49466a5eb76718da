"""SIGKILL at any moment never leaves a broken answers file.

A writer process saves a large-ish answers file again and again with `save_answers` (each save a
new *generation*: every answer carries its number), and is killed with SIGKILL after a random short
time, many times over. After every kill the file must hold one complete generation, the last one
or an earlier one, and load cleanly with `read_answers`.

A writer killed mid-write leaves its temporary file (``.NAME.PID.XXXX.tmp``) behind: nothing can
run after SIGKILL. The next save removes leftovers of writers that no longer run, so at most one
leftover (from the latest kill) is ever there.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cloudwizard.engine.answers import AnswersFile, read_answers, save_answers
from cloudwizard.engine.loader import load_questionnaire
from cloudwizard.engine.model import Questionnaire

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

QUESTIONS = 800
KILLS = int(os.environ.get("CLOUDWIZARD_KILLS", "40"))
#: Where a kill lands is chance (a busy machine spends less of each save inside the write); the test
#: goes on killing, up to this many times, until enough kills have hit a write in progress.
MAX_KILLS = 5 * KILLS
REPO = Path(__file__).resolve().parents[2]


def _questionnaire(folder: Path) -> Path:
    questions = "".join(
        f"      - {{id: t{i}, type: text, max_length: 500, required: false, label: {{en: 'Question {i}'}}}}\n"
        for i in range(QUESTIONS)
    )
    path = folder / "big.yaml"
    path.write_text(
        "format: 1\nid: big\nversion: '1'\nlanguages: [en]\nfallback_language: en\ntitle: {en: Big}\n"
        "sections:\n  - id: s\n    title: {en: S}\n    questions:\n" + questions,
        encoding="utf-8",
    )
    return path


def _answers(generation: int) -> dict[str, str]:
    return {f"t{i}": f"generation {generation} answer {i} " + "x" * 200 for i in range(QUESTIONS)}


WRITER = textwrap.dedent(
    """\
    import sys
    from cloudwizard.engine.answers import AnswersFile, save_answers
    path, start = sys.argv[1], int(sys.argv[2])
    n = int(sys.argv[3])
    generation = start
    print("ready", flush=True)
    while True:
        generation += 1
        answers = {f"t{i}": f"generation {generation} answer {i} " + "x" * 200 for i in range(n)}
        save_answers(path, AnswersFile("big", "1", answers, saved="2026-01-01T00:00:00+00:00"))
    """
)


def _generation(q: Questionnaire, path: Path) -> int:
    """The one generation the file holds; fails the test when it is damaged or mixed."""
    result = read_answers(path, q)
    assert result.report.diagnostics == [], result.report.format()[:500]
    assert result.data is not None and len(result.data.answers) == QUESTIONS
    generations = {value.split()[1] for value in result.data.answers.values()}
    assert len(generations) == 1, f"a mix of generations: {sorted(generations)[:5]}"
    return int(generations.pop())


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".answers.yaml."))


def test_sigkill_during_saves_never_corrupts_the_file(tmp_path: Path) -> None:
    q = load_questionnaire(_questionnaire(tmp_path)).questionnaire
    assert q is not None
    path = tmp_path / "answers.yaml"
    save_answers(path, AnswersFile("big", "1", _answers(0)))
    assert path.stat().st_size > 150_000
    rng = random.Random(7)
    last = 0
    killed_mid_write = 0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    kills = 0
    while kills < KILLS or (killed_mid_write < KILLS // 8 and kills < MAX_KILLS):
        kills += 1
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(last), str(QUESTIONS)],
            stdout=subprocess.PIPE, env=env,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
        generation = _generation(q, path)
        assert generation >= last  # never older than what was already on disk
        last = generation
        leftovers = _leftovers(tmp_path)
        assert len(leftovers) <= 1, leftovers  # earlier leftovers were tidied by the next writer
        killed_mid_write += len(leftovers)
    print(f"{kills} kills, {killed_mid_write} during a write, last generation {last}")
    # Some kills must have hit a write in progress, or the test proves little.
    assert killed_mid_write >= KILLS // 8, f"only {killed_mid_write} of {kills} kills hit a write"
    save_answers(path, AnswersFile("big", "1", _answers(last + 1)))
    assert _leftovers(tmp_path) == []
    assert _generation(q, path) == last + 1


def test_leftovers_of_dead_writers_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    dead_pid = int(dead.stdout)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f".a.yaml.{dead_pid}.abc123.tmp").write_text("half a fi", encoding="utf-8")
        (tmp_path / f".a.yaml.{live.pid}.def456.tmp").write_text("being written", encoding="utf-8")
        (tmp_path / ".other.yaml.1.xyz.tmp").write_text("not ours", encoding="utf-8")
        save_answers(path, AnswersFile("mini", "1", {}))
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names == sorted([".other.yaml.1.xyz.tmp", f".a.yaml.{live.pid}.def456.tmp", "a.yaml"])
    finally:
        live.kill()
        live.wait()
