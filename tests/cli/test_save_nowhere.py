"""`ask --save FILE` on a full disk, when the fallback file fails too: the advice, then exit 1 (issue 14).

The real command runs in a child process whose every atomic write fails with ENOSPC (a
``sitecustomize`` on its path makes ``tempfile.mkstemp`` refuse), as on a disk that is full.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cloudwizard.engine.answers import AnswersFile, save_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
FULL_DISK = '''
import errno, os, tempfile
def _full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
tempfile.mkstemp = _full
'''
NOTHING_SAVED = "Your answers were not saved anywhere; nothing was saved. Save them in a folder with room (--save FILE)."


@pytest.mark.parametrize("lang", ["en", "fr", "nl", "de"])
def test_ask_on_a_full_disk_shows_the_advice_says_nothing_was_saved_and_exits_1(tmp_path: Path, lang: str) -> None:
    q = load(EXAMPLE)
    answers = tmp_path / "done.cwanswers.yaml"
    save_answers(answers, AnswersFile(q.id, q.version, {
        "audience": "business", "staff": 80, "data_kinds": frozenset({"classified"}), "sensitivity": 5,
        "peers": "no", "offline_copy": "yes"}))
    before = answers.read_bytes()
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(FULL_DISK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook), str(REPO)])}
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "cloudwizard", "ask", "--questionnaire", str(EXAMPLE), "--lang", lang,
         "--answers", str(answers), "--save", str(tmp_path / "mine.cwanswers.yaml")],
        input="\n\n\n\n", capture_output=True, text=True, timeout=60, cwd=work, env=env, check=False)
    _ = gettext_for(lang)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("# ") and "2023/2854" in done.stdout  # the advice is still shown
    assert " ".join(f"cloudwizard: {_(NOTHING_SAVED)}".split()) in " ".join(done.stderr.split())
    if lang != "en":
        assert _(NOTHING_SAVED) != NOTHING_SAVED
    assert list(work.iterdir()) == [] and not (tmp_path / "mine.cwanswers.yaml").exists()
    assert answers.read_bytes() == before
