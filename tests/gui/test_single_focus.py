"""One accessible object focused at a time: a text box's viewport no longer reports itself focused."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import find, tab_to
from tests.gui.test_files import answer_business


def focused_objects(qtbot: Any, wizard: Wizard) -> list[str]:
    """What the accessibility tree of the window reports focused (as a screen reader reads it)."""
    _walk(wizard)  # a screen reader has asked for every interface once (some are made when asked)
    qtbot.wait(50)  # item views forget their current item after the event loop's turn
    return _walk(wizard)


def _walk(wizard: Wizard) -> list[str]:
    found: list[str] = []
    todo = [QAccessible.queryAccessibleInterface(wizard.window)]
    while todo:
        iface = todo.pop()
        if iface is None or not iface.isValid():
            continue
        if iface.state().focused:
            obj = iface.object()
            found.append(obj.objectName() if isinstance(obj, QWidget) else iface.text(QAccessible.Text.Name))
        todo.extend(iface.child(i) for i in range(iface.childCount()))
    return found


def test_the_notes_box_is_the_only_object_focused(qtbot: Any, wizard: Wizard) -> None:
    c = wizard.controller
    c.set_answer("audience", "consumer")
    c.go_to_section("habits")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    tab_to(qtbot, "input_notes")
    assert focused_objects(qtbot, wizard) == ["input_notes"]


def test_the_comply_or_explain_reason_box_is_the_only_object_focused(qtbot: Any, wizard: Wizard) -> None:
    answer_business(wizard)
    wizard.controller.show_result()
    combo = find(wizard, "justifyModel")
    combo.setCurrentIndex(combo.findData("hybrid"))
    tab_to(qtbot, "justifyText", limit=80)
    assert focused_objects(qtbot, wizard) == ["justifyText"]
