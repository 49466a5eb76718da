"""Fixtures for the GUI tests: a wizard built by the real composition root on the example questionnaire.

Settings and the autosave go to a temporary folder; dialogs that would block are replaced by
recorders so tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from cloudwizard.gui.app import Wizard, build_app
from cloudwizard.gui.window import MainWindow
from tests.helpers.wizard import show_wizard


class Dialogs:
    """Stands in for the window's dialogs: answers confirmations and records errors."""

    def __init__(self) -> None:
        self.answer = True
        self.asked: list[str] = []
        self.errors: list[tuple[str, str, str]] = []

    def confirm(self, title: str, text: str, yes: str, no: str, **_options: object) -> bool:
        self.asked.append(title)
        return self.answer

    def show_error(self, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text, details))


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    recorder = Dialogs()
    monkeypatch.setattr(MainWindow, "confirm", recorder.confirm)
    monkeypatch.setattr(MainWindow, "show_error", recorder.show_error)
    return recorder


@pytest.fixture
def make_wizard(qtbot: Any, tmp_path: Path, example_questionnaire: Any, dialogs: Dialogs) -> Iterator[Callable[..., Wizard]]:
    built: list[Wizard] = []

    def make(language: str = "en", **kwargs: Any) -> Wizard:
        kwargs.setdefault("questionnaire", example_questionnaire)
        kwargs.setdefault("data_dir", tmp_path / "data")
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        wizard = build_app(language=language, settings=settings, **kwargs)
        show_wizard(qtbot, wizard)
        built.append(wizard)
        return wizard

    yield make
    for wizard in built:
        if wizard.autosave is not None:
            wizard.autosave.end_run()


@pytest.fixture
def wizard(make_wizard: Callable[..., Wizard]) -> Wizard:
    return make_wizard()


def bundled_path(qtbot: Any, make_wizard: Callable[..., Wizard], lang: str = "en", part: int = 0,
                 answers: str = "answers-sme.yaml") -> Wizard:
    """A wizard on the bundled questionnaire with an example's answers, active, on part `part` (from 0)."""
    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import load_bundled

    q = load_bundled()
    data = read_answers(Path(__file__).resolve().parents[2] / "questionnaires" / "examples" / answers, q).data
    assert data is not None
    wizard = make_wizard(lang, questionnaire=q)
    wizard.controller.restore(data)
    wizard.window.activateWindow()
    qtbot.waitActive(wizard.window)
    wizard.controller.go_to_section(wizard.controller.displayable_sections()[part].id)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return wizard


def find(wizard: Wizard, name: str) -> QWidget:
    """The widget named `name`; waits (the event loop turning) for one still being built.

    The advice page adds its cards below the fold on the next turns of the event loop.
    """
    import time

    from PySide6.QtTest import QTest

    widget = wizard.window.findChild(QWidget, name)
    deadline = time.monotonic() + 5
    while widget is None and time.monotonic() < deadline:
        QTest.qWait(5)
        widget = wizard.window.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name}"
    return widget


def click(qtbot: Any, widget: QWidget) -> None:
    """Click near the left edge: the centre of a stretched radio button may be empty space."""
    assert widget.isVisible(), f"{widget.objectName()} is not visible"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(12, widget.height() // 2))


def key(qtbot: Any, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key on whatever has the focus (as a keyboard user would)."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, k, modifier)


def tab_to(qtbot: Any, name: str, limit: int = 40) -> QWidget:
    """Press Tab until the widget `name` has the focus (fails if Tab never gets there)."""
    for _ in range(limit):
        focused = QApplication.focusWidget()
        if focused is not None and focused.objectName() == name:
            return focused
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}; stuck at {QApplication.focusWidget()}")


def checked(wizard: Wizard, name: str) -> bool:
    widget = find(wizard, name)
    assert isinstance(widget, QAbstractButton)
    return widget.isChecked()
