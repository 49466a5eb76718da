"""Tab through the kiosk's pages with real key presses: the page first, then its navigation, then the header.

The kiosk's "Larger text" and "High contrast" are made after the window and came last in the tab
chain, before a part's question cards (made later still): Tab from a question page's title went to
them first, and the header's language picker came only after the page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import click, find, key

HEADER = ["kioskTextSize", "kioskContrast", "languageCombo"]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def tab_names(qtbot: Any, presses: int) -> list[str]:
    """The focused widget's name after each of `presses` presses of Tab."""
    names = []
    for _ in range(presses):
        key(qtbot, Qt.Key.Key_Tab)
        names.append(focused().objectName())
    return names


def page_controls(w: Wizard) -> list[str]:
    """The names of the current page's controls that Tab stops at (in the order Tab reaches them)."""
    page = w.window.stack.currentWidget()
    out = []
    widget = w.window.nextInFocusChain()
    while widget is not w.window:
        if page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled() and widget.focusPolicy().value & 1:
            out.append(widget.objectName())
        widget = widget.nextInFocusChain()
    return out


def check_order(qtbot: Any, w: Wizard) -> None:
    """From the page's title: its first control, ..., its navigation, then the header's buttons and picker."""
    assert focused().objectName() == "sectionTitle", focused()
    controls = page_controls(w)
    assert controls, "the page has no controls"
    first = tab_names(qtbot, 1)[0]
    assert first == controls[0], f"Tab from the title went to {first}, not the page's first control {controls[0]}"
    names = [first]
    for _ in range(60):
        names += tab_names(qtbot, 1)
        if names[-1] == "nextButton":
            break
    else:
        raise AssertionError(f"Tab never reached Next: {names}")
    assert not set(HEADER) & set(names), f"a header control came in the middle of the page: {names}"
    after = tab_names(qtbot, 3)
    header = [n for n in HEADER if find(w, n).isVisible()]
    assert after[:len(header)] == header, f"after Next: {after}, not the header {header}"


def test_question_pages_tab_from_the_title_to_the_first_question(qtbot: Any, kiosk: Wizard) -> None:
    click(qtbot, find(kiosk, "audience_business"))
    click(qtbot, find(kiosk, "nextButton"))
    assert kiosk.controller.page == "questions"
    assert focused().objectName() == "sectionTitle"
    check_order(qtbot, kiosk)
    # The next part, made after the header's buttons were moved once: still in order.
    staff = find(kiosk, "input_staff")
    click(qtbot, staff)
    qtbot.keyClicks(staff, "80")
    click(qtbot, find(kiosk, "nextButton"))
    assert kiosk.controller.page == "questions"
    assert focused().objectName() == "sectionTitle"
    check_order(qtbot, kiosk)
    # Back to the first part (its cards are made again).
    click(qtbot, find(kiosk, "backButton"))
    assert focused().objectName() == "sectionTitle"
    check_order(qtbot, kiosk)


def test_shift_tab_from_the_first_question_goes_back_to_the_header(qtbot: Any, kiosk: Wizard) -> None:
    click(qtbot, find(kiosk, "audience_business"))
    click(qtbot, find(kiosk, "nextButton"))
    key(qtbot, Qt.Key.Key_Tab)
    first = focused()
    key(qtbot, Qt.Key.Key_Backtab)
    assert focused().objectName() == "languageCombo", focused()
    key(qtbot, Qt.Key.Key_Backtab)
    assert focused().objectName() == "kioskContrast", focused()
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is first


def test_larger_text_keeps_the_focused_control_where_it_was(qtbot: Any, kiosk: Wizard) -> None:
    """A visitor scrolled down to the audience tiles, chose one and pressed "Larger text" with Tab and Space."""
    kiosk.window.setGeometry(0, 0, 1024, 560)  # short: the audience tiles are below the fold
    qtbot.wait(50)
    page = kiosk.window.stack.currentWidget()
    tiles = [b for b in kiosk.window.findChildren(QAbstractButton) if b.objectName().startswith("audience_")]
    tile = max(tiles, key=lambda b: b.mapTo(page, QPoint(0, 0)).y())  # the lowest
    tile.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab got there: the page scrolls to it
    key(qtbot, Qt.Key.Key_Space)
    assert focused() is tile and tile.isChecked()
    bar = page.verticalScrollBar()  # type: ignore[attr-defined]
    viewport = page.viewport()  # type: ignore[attr-defined]
    assert bar.value() > 0, "the tile was in view without scrolling: nothing to check"
    before = tile.mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= before < viewport.height()
    for _ in range(60):
        if focused().objectName() == "kioskTextSize":
            break
        key(qtbot, Qt.Key.Key_Tab)
    assert focused().objectName() == "kioskTextSize"
    key(qtbot, Qt.Key.Key_Space)
    assert kiosk.kiosk is not None and kiosk.kiosk.large_text
    qtbot.wait(200)
    after = tile.mapTo(viewport, QPoint(0, 0)).y()
    assert abs(after - before) <= 2, (before, after)
    assert after + tile.height() <= viewport.height(), "the tile went out of view"
    key(qtbot, Qt.Key.Key_Space)  # and back
    assert not kiosk.kiosk.large_text
    qtbot.wait(50)
    assert abs(tile.mapTo(viewport, QPoint(0, 0)).y() - before) <= 2


def test_larger_text_from_the_top_keeps_the_title_in_view(qtbot: Any, kiosk: Wizard) -> None:
    kiosk.window.setGeometry(0, 0, 1366, 768)
    qtbot.wait(50)
    page = kiosk.window.stack.currentWidget()
    title = find(kiosk, "welcomeTitle")
    assert focused() is title
    click(qtbot, find(kiosk, "kioskTextSize"))
    qtbot.wait(50)
    assert page.verticalScrollBar().value() == 0  # type: ignore[attr-defined]
    assert title.visibleRegion().boundingRect().height() == title.height()
