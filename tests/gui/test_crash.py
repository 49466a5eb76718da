"""Unexpected errors: a dialog with a copyable report without answers, the answers saved, a restore next time.

pytest-qt installs its own `sys.excepthook` around each test to turn exceptions in slots into test
failures; these tests switch that off (``qt_no_exception_capture``) and install the app's own hook,
as `run()` does.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton

from cloudwizard.engine.answers import read_answers
from cloudwizard.gui.app import Wizard
from cloudwizard.gui.controller import WizardController
from cloudwizard.gui.crash import CrashDialog, CrashHandler, Saved, error_report, redact
from tests.gui.conftest import Dialogs, find

pytestmark = pytest.mark.qt_no_exception_capture

SECRET_NOTE = "Our payroll server is under the stairs"


class Boom(RuntimeError):
    pass


@pytest.fixture
def failing_next(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """Make Next raise (with answers in the message, as careless code might) once switched on.

    The class is patched before the wizard is built, so the real signal connection calls it.
    """
    state = {"on": False}
    original = WizardController.go_next

    def go_next(self: WizardController) -> None:
        if state["on"]:
            raise Boom(f"cannot go on with {self.session.answer('notes')!r}, staff={self.session.answer('staff')}, "
                       f"audience {self.session.answer('audience')}")
        original(self)

    monkeypatch.setattr(WizardController, "go_next", go_next)
    return lambda on: state.update(on=on)


@pytest.fixture
def handlers() -> Iterator[list[CrashHandler]]:
    installed: list[CrashHandler] = []
    yield installed
    for handler in reversed(installed):
        if handler.dialog is not None:
            handler.dialog.close()
        handler.uninstall()


def answer(wizard: Wizard) -> None:
    find(wizard, "audience_business").click()
    c = wizard.controller
    for qid, value in (("staff", 80), ("data_kinds", frozenset({"customers"})), ("sensitivity", 4),
                       ("peers", "no"), ("offline_copy", "yes"), ("notes", SECRET_NOTE)):
        c.set_answer(qid, value)


def crash_dialog(qtbot: Any) -> CrashDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CrashDialog), timeout=3000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CrashDialog)
    return dialog


def test_error_in_a_slot_shows_a_report_without_answers_and_saves_them(
    qtbot: Any, make_wizard: Callable[..., Wizard], tmp_path: Path, dialogs: Dialogs,
    failing_next: Callable[[bool], None], handlers: list[CrashHandler], monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = tmp_path / "data"
    first = make_wizard(data_dir=data)
    handlers.append(first.install_crash_handler())
    answer(first)
    failing_next(True)

    # WHEN the user presses Next and the slot raises
    qtbot.mouseClick(find(first, "nextButton"), qtbot_button())

    # THEN a dialog explains it, with the traceback but none of the answers
    dialog = crash_dialog(qtbot)
    assert "Your answers are saved" in dialog.message.text()
    report = dialog.findChild(QPlainTextEdit, "crashReport")
    assert report.isReadOnly() and report.isVisible()
    text = report.toPlainText()
    assert "Traceback (most recent call last)" in text and "in go_next" in text and "Boom: cannot go on with" in text
    assert "CloudWizard: " in text and "Python: " in text and "Qt: " in text and "Platform: " in text
    assert "Questionnaire: example" in text and "Page: welcome" in text
    assert SECRET_NOTE not in text and "payroll" not in text
    message = next(line for line in text.splitlines() if "Boom: " in line)
    assert "80" not in message and "business" not in message and message.count("<answer>") == 3
    assert str(Path.home()) not in text

    # … the answers are in the autosave, and the crash marker stays
    saved = read_answers(data / "autosave.cwanswers.yaml", first.controller.questionnaire)
    assert saved.data is not None
    assert saved.data.answers["notes"] == SECRET_NOTE and saved.data.answers["staff"] == 80

    # … "Copy report" puts the whole report on the clipboard
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.findChild(QPushButton, "copyReport"), qtbot_button())
    assert QGuiApplication.clipboard().text() == text

    # … and Quit leaves the app (through the event loop) without ending the run cleanly
    exits: list[int] = []
    monkeypatch.setattr(first.app, "exit", exits.append)
    qtbot.mouseClick(dialog.findChild(QPushButton, "quitButton"), qtbot_button())
    assert exits == [1]
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    first.on_closing()  # what closing the window and `run()` do on the way out
    assert (data / "running.pid").is_file()

    # WHEN CloudWizard starts again on the same data folder THEN it offers the answers back
    second = make_wizard(data_dir=data)
    assert "Restore your answers?" in dialogs.asked
    assert second.controller.session.answer("notes") == SECRET_NOTE
    assert second.controller.session.answer("staff") == 80


def test_continue_keeps_the_session_and_the_app_running(
    qtbot: Any, make_wizard: Callable[..., Wizard], failing_next: Callable[[bool], None],
    handlers: list[CrashHandler],
) -> None:
    wizard = make_wizard()
    handlers.append(wizard.install_crash_handler())
    answer(wizard)
    before = dict(wizard.controller.session.answers)
    failing_next(True)
    qtbot.mouseClick(find(wizard, "nextButton"), qtbot_button())
    dialog = crash_dialog(qtbot)
    qtbot.mouseClick(dialog.findChild(QPushButton, "continueButton"), qtbot_button())
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert wizard.controller.session.answers == before
    failing_next(False)
    qtbot.mouseClick(find(wizard, "nextButton"), qtbot_button())
    assert wizard.controller.page == "questions"


def test_a_second_error_while_the_dialog_is_open_is_added_to_it(
    qtbot: Any, make_wizard: Callable[..., Wizard], failing_next: Callable[[bool], None],
    handlers: list[CrashHandler],
) -> None:
    wizard = make_wizard()
    handler = wizard.install_crash_handler()
    handlers.append(handler)
    answer(wizard)
    failing_next(True)
    wizard.window.nextRequested.emit()
    dialog = crash_dialog(qtbot)
    wizard.window.nextRequested.emit()
    assert QApplication.activeModalWidget() is dialog
    assert dialog.report.toPlainText().count("Traceback (most recent call last)") == 2
    assert len(handler.reports) == 2


def test_kiosk_dialog_offers_neither_the_report_nor_quitting(
    qtbot: Any, make_wizard: Callable[..., Wizard], failing_next: Callable[[bool], None],
    handlers: list[CrashHandler],
) -> None:
    from cloudwizard.gui.options import WizardOptions

    wizard = make_wizard(options=WizardOptions(allow_free_text=False, allow_files=False, autosave=False,
                                               remember_geometry=False))
    handlers.append(wizard.install_crash_handler())
    find(wizard, "audience_consumer").click()
    failing_next(True)
    wizard.window.nextRequested.emit()
    dialog = crash_dialog(qtbot)
    assert dialog.kiosk
    for name in ("crashReport", "copyReport", "quitButton"):
        assert not dialog.findChild(QPlainTextEdit if name == "crashReport" else QPushButton, name).isVisible()
    assert dialog.continue_button.isVisible()
    QGuiApplication.clipboard().clear()
    dialog.copy_report()
    assert QGuiApplication.clipboard().text() == ""


def test_an_error_inside_the_handler_falls_back_to_stderr(qtbot: Any, handlers: list[CrashHandler]) -> None:
    calls: list[int] = []

    def secrets() -> list[Any]:
        calls.append(1)
        if len(calls) == 1:  # re-entering the hook must not recurse
            sys.excepthook(ValueError, ValueError("nested"), None)
        raise OSError("no secrets today")

    err = io.StringIO()
    handler = CrashHandler(lambda: str, lambda: Saved.NOTHING, secrets, list, stream=err)
    handlers.append(handler)
    handler.install()
    real_stderr = sys.__stderr__
    fallback = io.StringIO()
    sys.__stderr__ = fallback  # type: ignore[misc]
    try:
        sys.excepthook(Boom, Boom("outer"), None)
    finally:
        sys.__stderr__ = real_stderr  # type: ignore[misc]
    assert handler.dialog is None
    out = fallback.getvalue()
    assert "could not be shown" in out and "nested" in out and "outer" in out and "no secrets today" in out


def test_thread_errors_reach_the_gui_thread(qtbot: Any, handlers: list[CrashHandler]) -> None:
    import threading

    shown: list[str] = []
    handler = CrashHandler(lambda: str, lambda: Saved.NOTHING, list, list, stream=io.StringIO())
    handlers.append(handler)
    handler.install()
    handler.shown.connect(lambda d: shown.append(d.report.toPlainText()))

    def work() -> None:
        raise Boom("in a worker thread")

    t = threading.Thread(target=work)
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(shown))
    assert "Boom: in a worker thread" in shown[0]


def test_redact_cuts_texts_everywhere_and_numbers_only_on_their_own() -> None:
    text = "got 80 at line 805 for 'secret note'\nand 3.5, v1.80"
    out = redact(text, [80, "secret note", frozenset({"x", "yes-choice"}), 3.5, None, True])
    assert out == "got <answer> at line 805 for '<answer>'\nand <answer>, v1.80"


def test_report_keeps_frame_line_numbers(qtbot: Any) -> None:
    def fail() -> None:
        raise Boom("value 7 chosen")

    try:
        fail()
    except Boom:
        info = sys.exc_info()
    report = error_report(info, [7], [("Page", "result")])  # type: ignore[arg-type]
    assert "Boom: value <answer> chosen" in report and "Page: result" in report
    assert f"line {fail.__code__.co_firstlineno + 1}, in fail" in report


def test_python_headings_survive_an_answer_that_is_one_of_their_words(qtbot: Any) -> None:
    """An answer "recent" (existing servers) cut "most recent call last" to "most <answer> call last"."""
    def fail() -> None:
        try:
            raise KeyError("during the recent backup")
        except KeyError as exc:
            raise Boom("the recent servers") from exc

    try:
        fail()
    except Boom:
        info = sys.exc_info()
    report = error_report(info, ["recent", "above", "handling"], [])  # type: ignore[arg-type]
    assert report.count("Traceback (most recent call last):") == 2
    assert "The above exception was the direct cause of the following exception:" in report
    assert "Boom: the <answer> servers" in report and "during the <answer> backup" in report


def qtbot_button() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
