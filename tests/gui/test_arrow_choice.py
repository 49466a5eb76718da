"""Arrow keys on a single choice (and a scale, and the audience) choose as they move; on check boxes
they only move, so an exclusive choice ("Nothing special") is never ticked by passing over it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import checked, find, key, tab_to


def test_arrows_choose_the_audience_and_a_single_choice(qtbot: Any, wizard: Wizard) -> None:
    c = wizard.controller
    tab_to(qtbot, "audience_consumer")
    assert c.session.answer("audience") is None  # Tab into the group chooses nothing
    key(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is find(wizard, "audience_business")
    assert checked(wizard, "audience_business") and c.session.answer("audience") == "business"
    key(qtbot, Qt.Key.Key_Up)
    assert checked(wizard, "audience_consumer") and c.session.answer("audience") == "consumer"
    c.go_to_section("habits")
    tab_to(qtbot, "choice_offline_copy_yes")
    assert c.session.answer("offline_copy") is None
    key(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is find(wizard, "choice_offline_copy_no")
    assert c.session.answer("offline_copy") == "no"
    key(qtbot, Qt.Key.Key_Down)  # the last stays the last (no wrapping) and stays chosen
    assert QApplication.focusWidget() is find(wizard, "choice_offline_copy_no")
    assert c.session.answer("offline_copy") == "no"
    key(qtbot, Qt.Key.Key_Left)
    assert c.session.answer("offline_copy") == "yes" and not checked(wizard, "choice_offline_copy_no")
    key(qtbot, Qt.Key.Key_Space)  # Space still chooses (and does not un-choose a radio button)
    assert c.session.answer("offline_copy") == "yes"


def test_arrows_choose_on_a_scale_but_only_move_among_check_boxes(qtbot: Any, wizard: Wizard) -> None:
    c = wizard.controller
    c.set_answer("audience", "consumer")
    c.go_to_section("data")
    tab_to(qtbot, "choice_data_kinds_photos")
    boxes = wizard.questions.cards["data_kinds"].input.offered_buttons()
    for _ in boxes:
        key(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is find(wizard, "choice_data_kinds_nothing")
    assert c.session.answer("data_kinds") is None  # passed over, nothing ticked
    key(qtbot, Qt.Key.Key_Space)
    assert c.session.answer("data_kinds") == frozenset({"nothing"})
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Space)  # another choice clears the exclusive one
    assert "nothing" not in c.session.answer("data_kinds")
    tab_to(qtbot, "choice_sensitivity_1")
    assert c.session.answer("sensitivity") is None
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Right)
    assert c.session.answer("sensitivity") == 3 and checked(wizard, "choice_sensitivity_3")
    key(qtbot, Qt.Key.Key_Up)
    assert c.session.answer("sensitivity") == 2
