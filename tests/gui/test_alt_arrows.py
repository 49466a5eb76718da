"""Alt+Left / Alt+Right move between pages and never leave the focus in the menu bar.

Qt's menu bar (Fusion style: Alt alone reaches the menu bar) arms itself when Alt goes down and
takes the keyboard when Alt comes up again, unless a key, mouse or focus event arrives between.
Alt+Left is taken by its shortcut, so the menu bar never sees the arrow's key press; held on after
the arrow, Alt repeats (a keyboard's auto-repeat), which arms the menu bar again, and its release
left the focus in the menu bar: "intermittent", as it depended on how long Alt was held. Real key
events on the focused widget (QTest, which goes through Qt's shortcut map as the system's events
do). QTest's press and release with a modifier also press and release the modifier key itself, so
the chords below pass the modifier only where the key is still down.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenuBar, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import bundled_path

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def alt_chord(arrow: Qt.Key, alt_first: bool) -> None:
    """Alt down, the arrow down, then both up (Alt first when `alt_first`), each to the focused widget."""
    QTest.keyPress(focused(), Qt.Key.Key_Alt, ALT)
    QTest.keyPress(focused(), arrow, ALT)
    if alt_first:
        QTest.keyRelease(focused(), Qt.Key.Key_Alt, NONE)
        QTest.keyRelease(focused(), arrow, NONE)
    else:
        QTest.keyRelease(focused(), arrow, NONE)  # with ALT, QTest would release Alt too
        QTest.keyRelease(focused(), Qt.Key.Key_Alt, NONE)
    QApplication.processEvents()


def menu_bar_active(wizard: Wizard) -> bool:
    bar = wizard.window.menuBar()
    return isinstance(QApplication.focusWidget(), QMenuBar) or bar.activeAction() is not None


@pytest.mark.parametrize("alt_first", [True, False])
def test_alt_arrows_move_pages_and_never_reach_the_menu_bar(qtbot: Any, make_wizard: Any, alt_first: bool) -> None:
    wizard = bundled_path(qtbot, make_wizard)
    assert wizard.window.style().styleHint(wizard.window.style().StyleHint.SH_MenuBar_AltKeyNavigation)  # or no test
    first = wizard.questions.section_id
    seen = [first]
    for _ in range(3):
        alt_chord(Qt.Key.Key_Right, alt_first)
        assert not menu_bar_active(wizard), (seen, focused())
        seen.append(wizard.questions.section_id)
        assert seen[-1] != seen[-2]
    for _ in range(3):
        alt_chord(Qt.Key.Key_Left, alt_first)
        assert not menu_bar_active(wizard), (seen, focused())
        seen.append(wizard.questions.section_id)
    assert seen[-1] == first
    # Alt alone still reaches the menu bar (keyboard access to the menus), and Escape leaves it
    QTest.keyPress(focused(), Qt.Key.Key_Alt, ALT)
    QTest.keyRelease(focused(), Qt.Key.Key_Alt, NONE)
    QApplication.processEvents()
    assert menu_bar_active(wizard)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert not menu_bar_active(wizard)


@pytest.mark.parametrize("start", ["nextButton", "backButton", "sectionList", "question"])
def test_alt_arrows_from_anywhere_never_reach_the_menu_bar(qtbot: Any, make_wizard: Any, start: str) -> None:
    """Where the focus stays put (the navigation bar, the step list, a page that cannot go on)."""
    wizard = bundled_path(qtbot, make_wizard, part=1)
    if start != "question":
        widget = wizard.window.findChild(QWidget, start)
        assert widget is not None
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    for arrow in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Right):
        alt_chord(arrow, alt_first=True)
        qtbot.wait(30)
        assert not menu_bar_active(wizard), (arrow, focused())


@pytest.mark.parametrize("arrow", [Qt.Key.Key_Right, Qt.Key.Key_Left])
def test_alt_held_after_the_arrow_and_repeating_never_reaches_the_menu_bar(qtbot: Any, make_wizard: Any,
                                                                           arrow: Qt.Key) -> None:
    """Alt held on after Alt+Right repeats (a keyboard's auto-repeat) before it is released."""
    wizard = bundled_path(qtbot, make_wizard, part=2)
    before = wizard.questions.section_id
    QTest.keyPress(focused(), Qt.Key.Key_Alt, ALT)
    QTest.keyPress(focused(), arrow, ALT)
    QTest.keyRelease(focused(), arrow, NONE)  # with ALT, QTest would release Alt too
    QApplication.processEvents()
    assert wizard.questions.section_id != before
    for _ in range(3):  # Alt's auto-repeat while it is held
        QTest.keyPress(focused(), Qt.Key.Key_Alt, ALT)
    QTest.keyRelease(focused(), Qt.Key.Key_Alt, NONE)
    QApplication.processEvents()
    assert not menu_bar_active(wizard), focused()
    # then Alt alone reaches the menu bar again
    QTest.keyPress(focused(), Qt.Key.Key_Alt, ALT)
    QTest.keyRelease(focused(), Qt.Key.Key_Alt, NONE)
    QApplication.processEvents()
    assert menu_bar_active(wizard)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
