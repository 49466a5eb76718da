"""Every push button in the accessibility tree has a name, also the hidden ones.

Qt's accessibility bridge lists hidden child widgets too (with no "showing" state): blind testers
found two unnamed push buttons under every question, the ask-back's "Yes, …" buttons, made at start
and hidden until a number was asked back. They are now made when first needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QPushButton

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import find
from tests.gui.test_files import answer_business


def unnamed_push_buttons(root: QAccessibleInterface) -> list[str]:
    """Push buttons without a name anywhere under `root` in the accessibility tree (hidden ones included)."""
    found: list[str] = []
    stack = [root]
    seen = 0
    while stack:
        iface = stack.pop()
        seen += 1
        assert seen < 20000, "the accessibility tree does not end"
        if iface.role() == QAccessible.Role.Button and not iface.text(QAccessible.Text.Name).strip():
            obj = iface.object()
            found.append(f"{type(obj).__name__} {obj.objectName()!r}" if obj is not None else "?")
        stack.extend(c for c in (iface.child(i) for i in range(iface.childCount())) if c is not None)
    return found


def window_tree(wizard: Wizard) -> QAccessibleInterface:
    iface = QAccessible.queryAccessibleInterface(wizard.window)
    assert iface is not None
    return iface


def test_the_walk_sees_hidden_buttons(wizard: Wizard) -> None:
    """The check itself: a hidden button without text is found (so the tests below can fail)."""
    hidden = QPushButton(find(wizard, "nextButton").parentWidget())
    hidden.setObjectName("hiddenProbe")
    hidden.hide()
    assert "QPushButton 'hiddenProbe'" in unnamed_push_buttons(window_tree(wizard))
    hidden.deleteLater()


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_no_unnamed_push_button_on_any_page(make_wizard: Callable[..., Wizard], lang: str) -> None:
    wizard = make_wizard(lang)
    assert unnamed_push_buttons(window_tree(wizard)) == []
    answer_business(wizard)
    wizard.controller.go_next()
    parts: list[str | None] = []
    while wizard.controller.page == "questions" and len(parts) < 12:
        parts.append(wizard.questions.section_id)
        assert unnamed_push_buttons(window_tree(wizard)) == [], wizard.questions.section_id
        wizard.controller.go_next()
    assert "about" in parts  # the part with the number question, whose ask-back buttons these were
    wizard.controller.show_review()
    assert unnamed_push_buttons(window_tree(wizard)) == []
    wizard.controller.show_result()
    assert unnamed_push_buttons(window_tree(wizard)) == []


def test_the_ask_back_buttons_are_named_once_made(qtbot: Any, make_wizard: Callable[..., Wizard]) -> None:
    from tests.gui.test_number_input import to_staff, type_in

    wizard = make_wizard("nl")
    edit = to_staff(qtbot, wizard)
    assert wizard.window.findChild(QPushButton, "confirm_staff") is None  # not made before it is needed
    type_in(qtbot, "2,500")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(edit, Qt.Key.Key_Tab)
    button = wizard.window.findChild(QPushButton, "confirm_staff")
    assert button is not None and button.isVisible() and button.text() == "Ja, 2\u00a0500"
    QTest.keyClick(button, Qt.Key.Key_Space)
    assert not button.isVisible()
    assert unnamed_push_buttons(window_tree(wizard)) == []
