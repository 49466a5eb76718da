"""The welcome page gives no question count until the audience (which decides the questions) is chosen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import find, key, tab_to


def test_no_count_before_the_audience_then_the_real_one(qtbot: Any, make_wizard: Any) -> None:
    from cloudwizard.engine.loader import load_bundled

    wizard: Wizard = make_wizard(questionnaire=load_bundled())
    label, bar = find(wizard, "progressLabel"), find(wizard, "progress")
    assert label.text() == "The questions depend on your answers"
    assert not bar.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    tab_to(qtbot, "audience_consumer")
    key(qtbot, Qt.Key.Key_Space)
    _answered, total = wizard.controller.session.progress()
    assert label.text() == f"1 of {total} questions answered" and bar.isVisible()
    wizard.controller.start_over()
    assert label.text() == "The questions depend on your answers" and not bar.isVisible()


def test_the_words_are_translated(make_wizard: Any) -> None:
    wizard: Wizard = make_wizard(language="nl")
    assert find(wizard, "progressLabel").text() == "Welke vragen er komen, hangt af van je antwoorden"
