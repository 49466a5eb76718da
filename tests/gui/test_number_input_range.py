"""A number that reads two ways offers only the readings the question can take, typed for real.

"2.000,000" in Dutch is 2 000 or 2 000 000: with a maximum of 1 000 000 only "Bedoel je 2 000?" is
asked (as `cloudwizard ask` does); with no reading in range, the range message comes at once. Taking
the second reading moves the focus once, straight to the field, even when a plausibility warning
keeps "Keep this answer" on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.test_number_input import message, staff, staff_range_changed, to_staff, type_in


def staff_up_to(tmp_path: Path, maximum: int) -> Any:
    """The example questionnaire with the staff question going from 1 to `maximum`, loaded."""
    from cloudwizard.engine.loader import load

    return load(staff_range_changed(tmp_path / f"up_to_{maximum}.yaml", f"        min: 1\n        max: {maximum}\n"))


def first_reading(qtbot: Any, make_wizard: Callable[..., Wizard], tmp_path: Path, maximum: int, text: str,
                  key: Qt.Key) -> tuple[Wizard, Any, QPushButton]:
    """Type `text` into the staff field (1 to `maximum`) of a Dutch wizard and press `key`.

    Returns:
        The wizard, the field and the "Ja, …" button of the first reading, which has the focus.
    """
    wizard = make_wizard("nl", questionnaire=staff_up_to(tmp_path, maximum))
    edit = to_staff(qtbot, wizard)
    type_in(qtbot, text)
    QTest.keyClick(edit, key)
    button = QApplication.focusWidget()
    assert isinstance(button, QPushButton) and button.objectName() == "confirm_staff"
    return wizard, edit, button


def shown(wizard: Wizard, name: str) -> bool:
    button = wizard.window.findChild(QPushButton, name)
    return button is not None and button.isVisible()


def test_only_the_reading_within_the_maximum_is_offered(
        qtbot: Any, make_wizard: Callable[..., Wizard], tmp_path: Path) -> None:
    wizard, edit, button = first_reading(qtbot, make_wizard, tmp_path, 1000000, "2.000,000", Qt.Key.Key_Tab)
    asked = "Bedoel je 2\u00a0000?"
    assert message(wizard, qtbot) == asked
    assert button.text() == "Ja, 2\u00a0000" and button.accessibleDescription() == asked
    assert not shown(wizard, "confirmOther_staff")  # no "Ja, 2 000 000", above the maximum
    QTest.keyClick(button, Qt.Key.Key_Tab)
    after = QApplication.focusWidget()
    assert after is not None and after.objectName() != "confirmOther_staff"
    QTest.keyClick(after, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is button
    QTest.keyClick(button, Qt.Key.Key_Space)
    assert staff(wizard) == 2000
    assert edit.text() == "2.000" and QApplication.focusWidget() is edit


def test_only_the_reading_within_the_minimum_is_offered(
        qtbot: Any, make_wizard: Callable[..., Wizard], tmp_path: Path) -> None:
    from cloudwizard.engine.loader import load

    path = staff_range_changed(tmp_path / "from_1000.yaml", "        min: 1000\n        max: 1000000\n")
    wizard = make_wizard("nl", questionnaire=load(path))
    edit = to_staff(qtbot, wizard)
    type_in(qtbot, "200,000")  # 200 000 the English way, or 200 the Dutch way: below the minimum
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    assert message(wizard, qtbot) == "Bedoel je 200\u00a0000?"
    assert shown(wizard, "confirm_staff") and not shown(wizard, "confirmOther_staff")


def test_no_reading_in_range_gives_the_range_message(
        qtbot: Any, make_wizard: Callable[..., Wizard], tmp_path: Path) -> None:
    wizard = make_wizard("nl", questionnaire=staff_up_to(tmp_path, 1000))
    edit = to_staff(qtbot, wizard)
    type_in(qtbot, "2.000,000")  # 2 000 or 2 000 000: both above 1 000
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    assert message(wizard, qtbot) == ("2.000 is meer dan het maximum, 1.000. "
                                      "Geef een geheel getal van 1 tot 1.000.")
    assert not shown(wizard, "confirm_staff") and not shown(wizard, "confirmOther_staff")
    assert staff(wizard) is None


def test_taking_the_second_reading_moves_the_focus_once(
        qtbot: Any, make_wizard: Callable[..., Wizard], tmp_path: Path) -> None:
    """"Ja, 1 000 000" is above the example's plausibility limit: "Keep this answer" stays, the focus goes to the field."""
    wizard, edit, first = first_reading(qtbot, make_wizard, tmp_path, 2000000, "1.000,000", Qt.Key.Key_Return)
    QTest.keyClick(first, Qt.Key.Key_Tab)
    second = QApplication.focusWidget()
    assert isinstance(second, QPushButton) and second.objectName() == "confirmOther_staff"
    moves: list[tuple[QWidget | None, QWidget | None]] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    record = lambda old, new: moves.append((old, new))  # noqa: E731
    app.focusChanged.connect(record)
    try:
        QTest.keyClick(second, Qt.Key.Key_Space)
        qtbot.wait(50)
    finally:
        app.focusChanged.disconnect(record)
    assert staff(wizard) == 1000000
    assert moves == [(second, edit)], [(o and o.objectName(), n and n.objectName()) for o, n in moves]
    assert not second.isVisible() and first.isVisible()  # "Keep this answer" for the warning
    q = wizard.controller.questionnaire
    assert q is not None
    assert message(wizard, qtbot) == q.text(q.question("staff").validation[0].message, "nl")
