"""Broken files in the GUI: a readable dialog with the report lines, never a crash, nothing changed.

The corpus of ``tests/data/bad`` (see `tests.reliability.test_corpus`) is opened through the app's
own paths: File ▸ Open answers, an answers file given at start-up, a questionnaire given at start-up.
Saving into a full disk or a read-only folder is simulated where the temporary file is made.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cloudwizard.engine.loader import load_questionnaire
from cloudwizard.gui.app import Wizard, build_app
from tests.gui.conftest import Dialogs, find
from tests.reliability.test_corpus import BAD, EXAMPLE, EXPECTED, _as_printed, _in_place

REPO = Path(__file__).resolve().parents[2]
ANSWERS = sorted(rel for rel in EXPECTED if rel.startswith("answers/"))
QUESTIONNAIRES = sorted(rel for rel in EXPECTED if rel.startswith("questionnaires/"))


def report_lines(rel: str) -> list[str]:
    """The engine's lines for `rel` (without the command line's own closing line)."""
    return [line for line in EXPECTED[rel]["stderr"] if not line.startswith("cloudwizard: ")]


def answer_some(wizard: Wizard) -> None:
    find(wizard, "audience_business").click()
    wizard.controller.set_answer("staff", 12)
    wizard.controller.set_answer("sensitivity", 3)


def test_the_corpus_is_there() -> None:
    assert len(ANSWERS) >= 20 and len(QUESTIONNAIRES) >= 40


def test_open_every_broken_answers_file(wizard: Wizard, dialogs: Dialogs, tmp_path: Path) -> None:
    """One wizard opens the whole corpus in turn (a wizard per file would take minutes)."""
    answer_some(wizard)
    for i, rel in enumerate(ANSWERS):
        wizard.controller.start_over()
        answer_some(wizard)
        before = dict(wizard.controller.session.answers)
        dialogs.errors.clear()
        with _in_place(rel, tmp_path / str(i)):
            opened = wizard.open_answers(rel)
        if EXPECTED[rel]["exit"] != 0:
            # THEN a dialog names the file and shows every report line; the session is as it was
            assert not opened, rel
            title, text, details = dialogs.errors[-1]
            assert title == "These answers cannot be opened", rel
            assert rel in text and "Your current answers are unchanged" in text, rel
            # as the command line prints them: a problem with the whole file has no position, a
            # question is named by its text
            assert details.splitlines() == _as_printed(rel, report_lines(rel)), rel
            assert wizard.controller.session.answers == before, rel
        else:  # an older version of the questionnaire: opened, and what could not be kept is listed
            assert opened, rel
            # the first section with a question to answer, or the review when nothing is missing
            complete = wizard.controller.session.is_complete()
            assert wizard.controller.page == ("review" if complete else "questions"), rel
            if any(": warning: " in line and "could not be kept" in line for line in report_lines(rel)):
                assert dialogs.errors[-1][0] == "Some answers were left out", rel
        # … and the wizard goes on working
        wizard.controller.show_welcome()
        wizard.window.nextRequested.emit()
        assert wizard.controller.page == "questions", rel


def test_answers_file_given_at_start_up_for_another_questionnaire(make_wizard: Callable[..., Wizard],
                                                                  dialogs: Dialogs) -> None:
    wizard = make_wizard(questionnaire=EXAMPLE, answers_file=BAD / "answers" / "other_questionnaire.yaml")
    title, _text, details = dialogs.errors[-1]
    assert title == "These answers cannot be opened"
    assert "these answers are for questionnaire “cloudwizard-be”, not “example”" in details
    assert wizard.controller.session is not None and wizard.controller.session.answers == {}
    assert wizard.controller.page == "welcome"


def test_every_broken_questionnaire_given_to_the_wizard(wizard: Wizard, dialogs: Dialogs, tmp_path: Path) -> None:
    """The same path as `build_app(questionnaire=…)`: a dialog with the lines; the wizard keeps what it had."""
    for i, rel in enumerate(QUESTIONNAIRES):
        dialogs.errors.clear()
        with _in_place(rel, tmp_path / str(i)):
            result = load_questionnaire(rel)
            wizard.source = rel
            loaded = wizard.load_questionnaire()
        if result.questionnaire is not None:  # warnings only, or only its scenario tests fail: usable
            assert loaded and not dialogs.errors, rel
            wizard.source = EXAMPLE
            assert wizard.load_questionnaire()
            continue
        assert not loaded, rel
        title, text, details = dialogs.errors[-1]
        assert title == "The questionnaire cannot be used", rel
        assert "Ask whoever gave it to you for a corrected file" in text, rel
        assert details.splitlines() == report_lines(rel), rel
        assert wizard.controller.questionnaire.id == "example", rel
        assert wizard.window.isVisible()


def test_broken_questionnaire_given_to_build_app(make_wizard: Callable[..., Wizard], dialogs: Dialogs) -> None:
    rel = "questionnaires/many_problems.yaml"
    wizard = make_wizard(questionnaire=BAD / rel)
    title, _text, details = dialogs.errors[-1]
    assert title == "The questionnaire cannot be used"
    assert len(details.splitlines()) == len(report_lines(rel)) > 3
    assert wizard.controller.session is None
    wizard.window.nextRequested.emit()  # nothing to do, and no crash
    assert wizard.window.isVisible()


def test_a_real_message_box_shows_the_report_lines(qtbot: Any, tmp_path: Path) -> None:
    """No recorder: the real QMessageBox comes up, holds the lines, and closing it leaves the app running."""
    seen: list[tuple[str, str]] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close_box)
            return
        seen.append((box.text(), box.detailedText()))
        box.accept()

    QTimer.singleShot(0, close_box)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    wizard = build_app(language="en", settings=settings, data_dir=tmp_path / "data", questionnaire=EXAMPLE,
                       options=None, load_now=False)
    qtbot.addWidget(wizard.window)
    wizard.window.show()
    assert wizard.load_questionnaire()
    QTimer.singleShot(0, close_box)
    rel = "answers/many_problems.yaml"
    assert not wizard.open_answers(str(BAD / rel))
    assert seen and str(BAD / rel) in seen[0][0]
    assert len(seen[0][1].splitlines()) == len(report_lines(rel))
    assert seen[0][1].splitlines()[0].endswith(report_lines(rel)[0].split(":", 3)[3])
    assert wizard.autosave is not None
    wizard.autosave.end_run()


def test_run_with_a_broken_questionnaire_shows_a_dialog_and_exits_2(tmp_path: Path) -> None:
    """`run()` itself (the command line refuses such a file earlier; this is the second line)."""
    code = (
        "import argparse, sys\n"
        "from cloudwizard.gui.window import MainWindow\n"
        "MainWindow.show_error = lambda self, title, text, details='': print('DIALOG', title, '|', details)\n"
        "from cloudwizard.gui.app import run\n"
        "sys.exit(run(argparse.Namespace(lang='en', questionnaire='questionnaires/many_problems.yaml',\n"
        "                                answers_file=None, quit_after_first_paint=False, kiosk=False)))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path), PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=BAD, timeout=60, capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "DIALOG The questionnaire cannot be used |" in done.stdout
    for line in report_lines("questionnaires/many_problems.yaml"):
        assert line in done.stdout


# -- saving where it cannot be saved -----------------------------------------------------------------

@pytest.fixture
def no_room(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Make the temporary file of every atomic write fail with `code` (ENOSPC, EROFS, …)."""

    def fail_with(code: int) -> None:
        def mkstemp(*_args: Any, **_kwargs: Any) -> tuple[int, str]:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)

    return fail_with


def complete(wizard: Wizard) -> None:
    find(wizard, "audience_business").click()
    for qid, value in (("staff", 80), ("data_kinds", frozenset({"classified"})), ("sensitivity", 5),
                       ("peers", "no"), ("offline_copy", "yes")):
        wizard.controller.set_answer(qid, value)
    wizard.controller.show_result()


@pytest.mark.parametrize(("code", "reason"), [(errno.ENOSPC, "the disk is full"),
                                              (errno.EROFS, "the folder is read-only"),
                                              (errno.EACCES, "there is no permission to write in that folder")])
def test_saving_fails_clearly_and_leaves_the_previous_file(
    code: int, reason: str, wizard: Wizard, dialogs: Dialogs, no_room: Callable[[int], None], tmp_path: Path,
) -> None:
    complete(wizard)
    no_room(code)
    for what in ("answers", "pdf", "markdown", "html", "json"):
        target = tmp_path / f"previous.{what}"
        target.write_bytes(b"the previous file")
        ok = wizard.save_answers(str(target)) if what == "answers" else wizard.export(what, str(target))
        assert not ok
        title, text, details = dialogs.errors[-1]
        assert title == ("The answers were not saved" if what == "answers" else "The advice was not saved")
        assert f"{target} could not be saved: {reason}." in text
        assert "The previous file, if there was one, is unchanged." in text
        assert str(target) in details
        assert target.read_bytes() == b"the previous file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_saving_in_dutch_says_why_in_dutch(make_wizard: Callable[..., Wizard], dialogs: Dialogs,
                                           no_room: Callable[[int], None], tmp_path: Path) -> None:
    wizard = make_wizard(language="nl")
    complete(wizard)
    no_room(errno.ENOSPC)
    assert not wizard.save_answers(str(tmp_path / "a.yaml"))
    _title, text, _details = dialogs.errors[-1]
    assert "the disk is full" not in text and "could not be saved" not in text


@pytest.mark.parametrize(("lang", "word"), [("nl", "fout"), ("fr", "erreur\u00a0"), ("de", "Fehler")])  # « erreur : »
def test_a_broken_answers_file_is_explained_in_the_users_language(
        wizard: Wizard, dialogs: Dialogs, tmp_path: Path, lang: str, word: str) -> None:
    """The details of "cannot be opened" are in the session's language, with their positions."""
    wizard.l10n.set_language(lang)
    broken = tmp_path / "broken.cwanswers.yaml"
    broken.write_text("format: cloudwizard-answers/1\nanswers: [1, 2\n", encoding="utf-8")
    assert not wizard.open_answers(str(broken))
    details = dialogs.errors[-1][2]
    assert f"{broken}:" in details and f": {word}: " in details, details
    assert ": error: " not in details
