"""Ticks in "What to do next" survive a what-if tried, taken over and undone (issue #11).

Real key events on the focused widget, as the outside check did: Tab to the first step, Space,
Tab to "Compare", Space, "Back to my own answers", Shift+Tab back to the list; and "Use these
answers" then Ctrl+Z. A step still advised after "Use these answers" keeps its tick (by its id).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import key, tab_to
from tests.gui.test_result_whatif import wait_built

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"


@pytest.fixture(scope="module")
def bundled() -> Any:
    from cloudwizard.engine.loader import load_bundled

    return load_bundled()


def _advice(qtbot: Any, make_wizard: Any, bundled: Any) -> Wizard:
    wizard: Wizard = make_wizard(questionnaire=bundled)
    assert wizard.open_answers(str(EXAMPLES / "answers-federal.yaml"))
    c = wizard.controller
    c.show_review()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.review.heading())
    key(qtbot, Qt.Key.Key_Return)  # "See my advice"
    qtbot.waitUntil(lambda: c.has_recommendation and wizard.result.findChild(QWidget, "headline") is not None)
    wait_built(qtbot, wizard)
    return wizard


def _ticks(wizard: Wizard) -> dict[str, bool]:
    """Each step's title and whether its box is ticked."""
    return {b.text(): b.isChecked() for b in wizard.result.findChildren(QCheckBox)
            if b.objectName().startswith("precaution_")}


def test_a_tried_what_if_and_its_undo_keep_the_ticks(qtbot: Any, make_wizard: Any, bundled: Any) -> None:
    wizard = _advice(qtbot, make_wizard, bundled)
    page = wizard.result
    first = tab_to(qtbot, "precaution_0", 80)
    title = first.text()
    key(qtbot, Qt.Key.Key_Space)
    assert _ticks(wizard)[title]
    tab_to(qtbot, "whatIf_0", 80)
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfCompare") is not None)
    assert _ticks(wizard)[title]  # the trial touches nothing the user did
    tab_to(qtbot, "undoWhatIf", 20)
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfCompare") is None)
    wait_built(qtbot, wizard)
    for _ in range(80):  # Shift+Tab back to the list
        focused = QApplication.focusWidget()
        if isinstance(focused, QCheckBox) and focused.objectName().startswith("precaution_"):
            break
        key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QCheckBox) and focused.text() == title and focused.isChecked()


def test_use_these_answers_keeps_the_ticks_of_steps_still_advised_and_ctrl_z_all(qtbot: Any, make_wizard: Any,
                                                                                bundled: Any) -> None:
    wizard = _advice(qtbot, make_wizard, bundled)
    page = wizard.result
    boxes = [b for b in page.findChildren(QCheckBox) if b.objectName().startswith("precaution_")]
    assert len(boxes) >= 2
    tab_to(qtbot, "precaution_0", 80)
    key(qtbot, Qt.Key.Key_Space)
    for _ in range(min(2, len(boxes) - 1)):  # the arrow keys move inside the list
        key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Space)
    before = _ticks(wizard)
    assert sum(before.values()) == 2
    for index in range(len(wizard.controller.recommendation.what_would_change)):
        tab_to(qtbot, f"whatIf_{index}", 80)
        key(qtbot, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfCompare") is not None)
        tab_to(qtbot, "adoptWhatIf", 20)
        key(qtbot, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfBanner") is not None)
        wait_built(qtbot, wizard)
        after = _ticks(wizard)
        for title, on in after.items():  # a step still advised keeps its tick, whatever its place
            assert on == before.get(title, False)
        key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfBanner") is None)
        wait_built(qtbot, wizard)
        assert _ticks(wizard) == before  # one undo restores everything


def test_another_answers_file_starts_with_nothing_ticked(qtbot: Any, make_wizard: Any, bundled: Any) -> None:
    wizard = _advice(qtbot, make_wizard, bundled)
    tab_to(qtbot, "precaution_0", 80)
    key(qtbot, Qt.Key.Key_Space)
    assert any(_ticks(wizard).values())
    assert wizard.open_answers(str(EXAMPLES / "answers-federal.yaml"))
    c = wizard.controller
    c.show_result()
    qtbot.waitUntil(lambda: c.has_recommendation and wizard.result.findChild(QWidget, "headline") is not None)
    wait_built(qtbot, wizard)
    assert _ticks(wizard) and not any(_ticks(wizard).values())
