"""The advice page by keyboard: the checklist is one tab stop, and the focus returns after a what-if.

Real key events on the focused widget (QTest through qtbot), as a keyboard user would press them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import find
from tests.gui.test_result_whatif import answer_business, press_on, wait_built

REPO = Path(__file__).resolve().parents[2]


def _key(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)
    QApplication.processEvents()
    now = QApplication.focusWidget()
    assert now is not None
    return now


def test_the_checklist_is_one_tab_stop_with_arrows_inside(qtbot: Any, make_wizard: Any) -> None:
    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import load_bundled

    q = load_bundled()
    data = read_answers(REPO / "questionnaires" / "examples" / "answers-sme.yaml", q).data
    assert data is not None
    wizard = make_wizard(questionnaire=q)
    wizard.controller.restore(data)
    wizard.controller.show_result()
    wait_built(qtbot, wizard)
    boxes = [b for b in wizard.result.findChildren(QCheckBox) if b.objectName().startswith("precaution_")]
    boxes.sort(key=lambda b: int(b.objectName().split("_")[1]))
    assert len(boxes) >= 3
    press_on(qtbot, boxes[0], Qt.Key.Key_Down)  # into the list, then one down
    assert QApplication.focusWidget() is boxes[1]
    assert not any(b.isChecked() for b in boxes)  # moving ticks nothing
    assert _key(qtbot, Qt.Key.Key_Space) is boxes[1] and boxes[1].isChecked()  # Space ticks the box
    # Tab leaves the list at once (not box by box) …
    after = _key(qtbot, Qt.Key.Key_Tab)
    assert after not in boxes
    # … and Shift+Tab comes back to the box last visited
    assert _key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier) is boxes[1]
    assert _key(qtbot, Qt.Key.Key_End) is boxes[-1]
    assert _key(qtbot, Qt.Key.Key_Up) is boxes[-2]
    assert _key(qtbot, Qt.Key.Key_Home) is boxes[0]
    assert _key(qtbot, Qt.Key.Key_Up) is boxes[0]  # the first stays the first
    # from before the list, one Tab reaches it, and a second one leaves it
    before = _key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert before not in boxes
    assert _key(qtbot, Qt.Key.Key_Tab) is boxes[0]
    assert _key(qtbot, Qt.Key.Key_Tab) not in boxes
    assert [b.isChecked() for b in boxes].count(True) == 1


def test_closing_a_what_if_returns_the_focus_to_its_compare_button(qtbot: Any, wizard: Wizard) -> None:
    answer_business(wizard)
    wizard.controller.show_result()
    wait_built(qtbot, wizard)
    press_on(qtbot, find(wizard, "whatIf_0"))  # Space on "Compare"
    assert QApplication.focusWidget() is find(wizard, "whatIfHeading")
    assert _key(qtbot, Qt.Key.Key_Tab) is find(wizard, "adoptWhatIf")
    assert _key(qtbot, Qt.Key.Key_Tab) is find(wizard, "undoWhatIf")
    focused = _key(qtbot, Qt.Key.Key_Space)  # "Back to my own answers"
    assert wizard.result.findChild(QWidget, "whatIfCompare") is None
    assert focused is find(wizard, "whatIf_0"), focused.objectName()
    assert focused is not wizard.result.export_buttons.get("pdf")


def test_undoing_used_answers_returns_the_focus_where_the_user_was(qtbot: Any, wizard: Wizard) -> None:
    answer_business(wizard)
    wizard.controller.show_result()
    wait_built(qtbot, wizard)
    press_on(qtbot, find(wizard, "whatIf_0"))
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Space)  # "Use these answers"
    assert QApplication.focusWidget() is find(wizard, "undoWhatIf")  # the banner's undo comes first
    focused = _key(qtbot, Qt.Key.Key_Space)  # one undo: the user's own answers again
    assert wizard.result.findChild(QWidget, "whatIfBanner") is None
    # the same what-if is offered again: its "Compare" has the focus; else the advice's heading
    expected = wizard.result.findChild(QWidget, "whatIf_0") or find(wizard, "headline")
    assert focused is expected, focused.objectName()
