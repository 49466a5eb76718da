"""The autosave is never lost (issue 14 §2): not at a start-up error, not when it cannot be read."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from cloudwizard.engine.answers import AnswersFile, save_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load
from cloudwizard.engine.model import Questionnaire
from cloudwizard.gui.app import build_app
from cloudwizard.gui.autosave import AUTOSAVE_NAME, MARKER_NAME, Autosave

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
BAD = REPO / "tests" / "data" / "bad" / "answers"


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load(EXAMPLE)


def _saved(q: Questionnaire) -> AnswersFile:
    return AnswersFile(q.id, q.version, {"audience": "business", "staff": 80})


def _messages(autosave: Autosave) -> list[str]:
    seen: list[str] = []
    autosave.failed.connect(seen.append)
    return seen


@pytest.mark.parametrize("broken", ["number_400_digits.yaml", "binary.yaml", "other_questionnaire.yaml", "syntax_error.yaml"])
def test_an_unreadable_autosave_is_moved_aside_whole_and_the_user_is_told(
    qapp: Any, tmp_path: Path, q: Questionnaire, broken: str
) -> None:
    content = (BAD / broken).read_bytes()
    (tmp_path / AUTOSAVE_NAME).write_bytes(content)
    autosave = Autosave(tmp_path, lambda: _saved(q))
    autosave.gettext = lambda: gettext_for("nl")
    seen = _messages(autosave)
    assert autosave.read(q) is None
    assert not (tmp_path / AUTOSAVE_NAME).exists()
    (aside,) = tmp_path.glob(AUTOSAVE_NAME + ".corrupt-*")
    assert aside.read_bytes() == content and autosave.set_aside_path == aside
    assert len(seen) == 1 and str(aside) in seen[0]
    assert seen[0] != gettext_for("en")(  # said in Dutch
        "The automatically saved answers could not be read; they were kept as {path}.").format(path=aside)
    # the next edit writes a new autosave and leaves the one set aside alone
    assert autosave.save_now() is True
    assert aside.read_bytes() == content and (tmp_path / AUTOSAVE_NAME).is_file()


def test_an_empty_session_never_deletes_an_autosave_this_run_did_not_write(qapp: Any, tmp_path: Path,
                                                                           q: Questionnaire) -> None:
    save_answers(tmp_path / AUTOSAVE_NAME, _saved(q))
    before = (tmp_path / AUTOSAVE_NAME).read_bytes()
    empty = Autosave(tmp_path, lambda: AnswersFile(q.id, q.version, {}))
    assert empty.save_now() is None  # e.g. the crash handler at a start-up error
    assert (tmp_path / AUTOSAVE_NAME).read_bytes() == before
    nothing = Autosave(tmp_path, lambda: None)
    assert nothing.save_now() is None
    assert (tmp_path / AUTOSAVE_NAME).read_bytes() == before


def test_an_autosave_this_run_wrote_goes_when_the_session_is_emptied(qapp: Any, tmp_path: Path, q: Questionnaire) -> None:
    data: dict[str, Any] = {"answers": _saved(q)}
    autosave = Autosave(tmp_path, lambda: data["answers"])
    assert autosave.save_now() is True
    data["answers"] = AnswersFile(q.id, q.version, {})
    assert autosave.save_now() is None
    assert not (tmp_path / AUTOSAVE_NAME).exists()


def test_a_failed_autosave_says_why_in_the_users_language(qapp: Any, tmp_path: Path, q: Questionnaire,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    autosave = Autosave(tmp_path, lambda: _saved(q))
    autosave.gettext = lambda: gettext_for("de")
    seen = _messages(autosave)

    def read_only(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    assert autosave.save_now() is False
    (message,) = seen
    assert "Errno" not in message and "[" not in message
    assert gettext_for("de")("the folder is read-only") in message
    assert gettext_for("de")("the folder is read-only") != "the folder is read-only"


def _start(tmp_path: Path, data: Path) -> Any:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return build_app(language="en", settings=settings, data_dir=data, questionnaire=EXAMPLE, options=None,
                     load_now=False)


def test_enter_in_the_restore_dialog_restores_the_answers(qtbot: Any, tmp_path: Path, q: Questionnaire) -> None:
    data = tmp_path / "data"
    data.mkdir()
    save_answers(data / AUTOSAVE_NAME, _saved(q))
    (data / MARKER_NAME).write_text("999999999", encoding="utf-8")  # a run that did not end cleanly
    pressed: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press_enter)
            return
        pressed.append(box.defaultButton().text())
        QTest.keyClick(box, Qt.Key.Key_Return)  # what a hurried person does

    QTimer.singleShot(0, press_enter)
    wizard = _start(tmp_path, data)
    qtbot.addWidget(wizard.window)
    wizard.window.show()
    assert wizard.load_questionnaire()
    assert pressed == ["Restore"]
    assert wizard.controller.session is not None and wizard.controller.session.answer("staff") == 80
    assert (data / AUTOSAVE_NAME).is_file()
    assert wizard.autosave is not None
    wizard.autosave.end_run()


def test_a_corrupt_autosave_at_start_up_is_kept_and_named_in_the_status_bar(qtbot: Any, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    content = (BAD / "number_5000_digits.yaml").read_bytes()
    (data / AUTOSAVE_NAME).write_bytes(content)
    (data / MARKER_NAME).write_text("999999999", encoding="utf-8")
    wizard = _start(tmp_path, data)
    qtbot.addWidget(wizard.window)
    wizard.window.show()
    assert wizard.load_questionnaire()  # no crash dialog, no restore question: nothing readable to restore
    (aside,) = data.glob(AUTOSAVE_NAME + ".corrupt-*")
    assert aside.read_bytes() == content
    assert str(aside) in wizard.window.statusBar().currentMessage()
    assert wizard.autosave is not None
    wizard.autosave.end_run()
