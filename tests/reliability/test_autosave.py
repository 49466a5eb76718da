"""The autosave is never lost (issue 14 §2): not at a start-up error, not when it cannot be read."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from cloudwizard.engine.answers import AnswersFile, save_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load
from cloudwizard.engine.model import Questionnaire
from cloudwizard.gui.autosave import AUTOSAVE_NAME, MARKER_NAME, Autosave
from cloudwizard.gui.widgets.notice import UnreadableAutosaveNotice
from tests.helpers.wizard import EXAMPLE, REPO, data_folder, start_wizard

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


def _unreadable(autosave: Autosave) -> list[Path | None]:
    seen: list[Path | None] = []
    autosave.unreadable.connect(seen.append)
    return seen


@pytest.mark.parametrize("broken", ["number_400_digits.yaml", "binary.yaml", "other_questionnaire.yaml", "syntax_error.yaml"])
def test_an_unreadable_autosave_is_moved_aside_whole_and_the_user_is_told(
    qapp: Any, tmp_path: Path, q: Questionnaire, broken: str
) -> None:
    content = (BAD / broken).read_bytes()
    (tmp_path / AUTOSAVE_NAME).write_bytes(content)
    autosave = Autosave(tmp_path, lambda: _saved(q))
    seen = _unreadable(autosave)
    assert autosave.read(q) is None
    assert not (tmp_path / AUTOSAVE_NAME).exists()
    (aside,) = tmp_path.glob(AUTOSAVE_NAME + ".corrupt-*")
    assert aside.read_bytes() == content and autosave.set_aside_path == aside
    assert seen == [aside]  # Recovery shows the notice (tests below)
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


def test_enter_in_the_restore_dialog_restores_the_answers(qtbot: Any, tmp_path: Path, q: Questionnaire) -> None:
    data = data_folder(tmp_path)
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
    wizard, _data = start_wizard(qtbot, tmp_path, active=False, load_now=False)
    assert wizard.load_questionnaire()
    assert pressed == ["Restore"]
    assert wizard.controller.session is not None and wizard.controller.session.answer("staff") == 80
    assert (data / AUTOSAVE_NAME).is_file()
    assert wizard.autosave is not None
    wizard.autosave.end_run()


def _corrupt_start(qtbot: Any, tmp_path: Path, language: str = "en") -> tuple[Any, Path, bytes]:
    data = data_folder(tmp_path)
    content = (BAD / "number_5000_digits.yaml").read_bytes()
    (data / AUTOSAVE_NAME).write_bytes(content)
    (data / MARKER_NAME).write_text("999999999", encoding="utf-8")
    wizard, _data = start_wizard(qtbot, tmp_path, language, load_now=False)
    assert wizard.load_questionnaire()  # no crash dialog, no restore question: nothing readable to restore
    return wizard, data, content


def _notice(wizard: Any) -> UnreadableAutosaveNotice:
    notice = wizard.window.findChild(UnreadableAutosaveNotice)
    assert notice is not None and notice.isVisible()
    return notice


def test_a_corrupt_autosave_at_start_up_is_kept_and_shown_in_a_notice_that_stays(qtbot: Any, tmp_path: Path) -> None:
    wizard, data, content = _corrupt_start(qtbot, tmp_path)
    (aside,) = data.glob(AUTOSAVE_NAME + ".corrupt-*")
    assert aside.read_bytes() == content
    assert QApplication.activeModalWidget() is None  # never a modal dialog
    notice = _notice(wizard)
    assert notice.path.text() == str(aside)  # the full path, as a label of its own
    flags = notice.path.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse and flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert notice.accessibleName() == "Your saved answers could not be read"
    assert str(aside) in notice.accessibleDescription() and "File ▸ Open answers" in notice.accessibleDescription()
    # right under the header, above the pages, across the window
    header = wizard.window.header
    assert notice.mapTo(wizard.window, notice.rect().topLeft()).y() >= header.mapTo(wizard.window, header.rect().bottomLeft()).y()
    assert notice.width() > wizard.window.width() * 0.9
    assert wizard.window.statusBar().currentMessage() == ""  # not a line that is cut off and gone
    QTest.qWait(50)
    assert notice.isVisible()  # no timer takes it away (the status bar's was 6 s)
    # Show folder opens the folder the damaged file is in
    opened: list[Path] = []
    notice._open_folder = opened.append
    QTest.keyClick(notice.show_folder, Qt.Key.Key_Space)
    assert opened == [aside.parent]
    assert wizard.autosave is not None
    wizard.autosave.end_run()


def test_the_notice_is_reached_and_dismissed_with_the_keyboard(qtbot: Any, tmp_path: Path) -> None:
    wizard, _data, _content = _corrupt_start(qtbot, tmp_path)
    notice = _notice(wizard)
    QTest.qWait(20)  # the welcome page puts the focus on its top once the layouts have run
    reached: list[str] = []
    for _ in range(40):  # Tab from wherever the focus is at start-up until Dismiss has it
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused is notice.dismiss_button:
            break
        reached.append(focused.objectName())
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is notice.dismiss_button, reached
    assert "noticePath" in reached and "noticeShowFolder" in reached  # the path is in the Tab chain too
    QTest.keyClick(notice.dismiss_button, Qt.Key.Key_Space)
    assert notice.isHidden() and wizard.recovery.notice is None
    QTest.qWait(20)
    assert wizard.window.findChild(UnreadableAutosaveNotice) is None
    assert QApplication.focusWidget() is not None  # the focus went on somewhere, not lost
    assert wizard.autosave is not None
    wizard.autosave.end_run()


def test_the_notice_goes_when_the_person_starts_and_follows_the_language(qtbot: Any, tmp_path: Path) -> None:
    wizard, _data, _content = _corrupt_start(qtbot, tmp_path, language="nl")
    notice = _notice(wizard)
    nl = gettext_for("nl")
    assert notice.title.text() == nl("Your saved answers could not be read") != "Your saved answers could not be read"
    assert notice.dismiss_button.text() == nl("Dismiss") != "Dismiss"
    for lang in ("fr", "de"):
        wizard.on_language(lang)
        _ = gettext_for(lang)
        assert notice.title.text() == _("Your saved answers could not be read") != "Your saved answers could not be read"
        assert notice.accessibleName() == notice.title.text()
        assert notice.show_folder.text() == _("Show folder") != "Show folder"
    wizard.on_audience("business")
    wizard.on_next()  # starting the questions
    assert wizard.controller.page == "questions"
    assert notice.isHidden() and wizard.recovery.notice is None
    assert wizard.autosave is not None
    wizard.autosave.end_run()


def test_an_autosave_that_cannot_be_moved_aside_is_said_and_saving_pauses(qtbot: Any, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", refuse)
    wizard, data, content = _corrupt_start(qtbot, tmp_path)
    notice = _notice(wizard)
    assert notice.kept is None and notice.path.text() == str(data / AUTOSAVE_NAME)
    assert "paused" in notice.advice.text() and "File ▸ Save answers" in notice.advice.text()
    assert wizard.autosave is not None and wizard.autosave.save_now() is False  # never overwritten
    assert (data / AUTOSAVE_NAME).read_bytes() == content
    monkeypatch.undo()
    wizard.autosave.end_run()
