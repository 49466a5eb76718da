"""Menus by keyboard: the advice page's "Other formats" menu opens on its first item.

Real key events on the focused widget (QTest), as a keyboard user would press them.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QPushButton

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import find
from tests.gui.test_result_whatif import answer_business, press_on, wait_built


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return])
def test_other_formats_opens_from_the_keyboard_on_its_first_item(qtbot: Any, wizard: Wizard, key: Qt.Key,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    answer_business(wizard)
    wizard.controller.show_result()
    wait_built(qtbot, wizard)
    more = find(wizard, "export_more")
    assert isinstance(more, QPushButton)
    menu = more.menu()
    assert menu is not None
    chosen: list[str] = []
    monkeypatch.setattr(wizard.result, "exportRequested", _Recorder(chosen))  # no file dialog: what was asked for
    seen: dict[str, Any] = {}

    def in_menu() -> None:
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu) or popup.activeAction() is None:
            QTimer.singleShot(20, in_menu)  # the menu opens on its next turns (with its first item)
            return
        seen["first"] = popup.activeAction().objectName()
        seen["actions"] = [a.objectName() for a in popup.actions() if not a.isSeparator()]
        qtbot.keyClick(popup, Qt.Key.Key_Down)  # arrows work at once: the second item
        seen["second"] = popup.activeAction().objectName() if popup.activeAction() else None
        qtbot.keyClick(popup, Qt.Key.Key_Return)  # and Enter takes it

    QTimer.singleShot(0, in_menu)
    press_on(qtbot, more, key)  # Space or Enter on the focused button opens its menu
    qtbot.waitUntil(lambda: "second" in seen and not menu.isVisible(), timeout=5000)
    assert seen["first"] == seen["actions"][0]
    assert seen["second"] == seen["actions"][1]
    assert chosen == [seen["second"].removeprefix("exportAction_")]


class _Recorder:
    """Stands in for the page's exportRequested signal: remembers the formats asked for."""

    def __init__(self, into: list[str]) -> None:
        self.into = into

    def emit(self, fmt: str) -> None:
        self.into.append(fmt)
