"""The focus shows as our ring only: no Fusion focus box behind a button's text; a title's ring clears its text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLineEdit

from cloudwizard.gui.app import Wizard


def _bluish(image: QImage, x0: int, y0: int, x1: int, y1: int) -> int:
    """Pixels clearly bluer than grey (Fusion's focus box is a light blue; our colours here are not)."""
    count = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            c = QColor(image.pixel(x, y))
            count += c.blue() - c.red() > 25
    return count


def test_a_focused_button_has_no_blue_box_behind_its_text(qtbot: Any, make_wizard: Any) -> None:
    wizard: Wizard = make_wizard(language="nl")
    wizard.controller.set_answer("audience", "business")
    wizard.controller.go_next()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.questions.title)
    edit = wizard.window.findChild(QLineEdit, "input_staff")
    edit.setFocus()
    qtbot.keyClicks(edit, "1.000,000")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    button = QApplication.focusWidget()
    assert button is not None and button.objectName() == "confirm_staff"
    image = button.grab().toImage()
    inner = 5  # inside the 3 px focus ring
    assert _bluish(image, inner, inner, image.width() - inner, image.height() - inner) == 0


def test_a_focused_title_keeps_its_ring_off_the_first_letter(qtbot: Any, wizard: Wizard) -> None:
    wizard.controller.set_answer("audience", "business")
    wizard.controller.go_next()
    title = wizard.questions.title
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title)
    image = title.grab().toImage()
    row = image.height() // 2
    ring = QColor(image.pixel(1, row))
    background = QColor(image.pixel(4, row))  # just inside the ring
    first_ink = next(x for x in range(4, image.width())
                     if any(abs(QColor(image.pixel(x, y)).lightness() - background.lightness()) > 80
                            for y in range(4, image.height() - 4)))
    assert ring != background and first_ink >= 3 + 4  # the ring (3 px), then at least 4 px of space
