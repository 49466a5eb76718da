"""The advice page after an outside check: what a user met on the federal and SME examples.

Driven with real wheel, mouse and key events sent to the widget under the pointer or in focus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import find

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"


@pytest.fixture(scope="module")
def bundled() -> Any:
    from cloudwizard.engine.loader import load_bundled

    return load_bundled()


def federal_wizard(make_wizard: Any, bundled: Any, **kwargs: Any) -> Wizard:
    from cloudwizard.engine.answers import read_answers

    data = read_answers(EXAMPLES / "answers-federal.yaml", bundled).data
    assert data is not None
    wizard: Wizard = make_wizard(questionnaire=bundled, **kwargs)
    wizard.controller.restore(data)
    wizard.controller.show_result()
    return wizard


def wheel_at(widget: QWidget, down: bool = True) -> None:
    """One notch of the mouse wheel with the pointer over `widget` (delivered as Qt delivers it)."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    angle = QPoint(0, -120 if down else 120)
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), angle,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def test_wheel_over_the_comply_combo_scrolls_the_page_and_keeps_the_choice(qtbot: Any, make_wizard: Any,
                                                                          bundled: Any) -> None:
    wizard = federal_wizard(make_wizard, bundled)
    page = wizard.result
    combo = find(wizard, "justifyModel")
    assert isinstance(combo, QComboBox)
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not focus it
    page.ensure_visible(combo)
    QApplication.processEvents()
    bar = page.verticalScrollBar()
    bar.setValue(max(0, bar.value() - 40))  # room to scroll both ways
    QApplication.processEvents()
    saved: list[tuple[str, str]] = []
    page.justificationChanged.connect(lambda m, r: saved.append((m, r)))
    before, top = combo.currentIndex(), bar.value()
    assert not combo.hasFocus()
    wheel_at(combo, down=True)
    assert combo.currentIndex() == before and not saved  # the choice did not change …
    assert bar.value() > top  # … the page scrolled on
    assert not combo.hasFocus()
    # Focused (by Tab or a click), the wheel changes the choice, as in any desktop app.
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    wheel_at(combo, down=True)
    assert combo.currentIndex() == before + 1 and saved


def test_every_combo_and_spin_box_of_the_result_page_leaves_the_wheel_to_the_page(make_wizard: Any,
                                                                                  bundled: Any) -> None:
    from PySide6.QtWidgets import QAbstractSpinBox

    wizard = federal_wizard(make_wizard, bundled)
    wizard.result.show_details()
    QApplication.processEvents()
    boxes = wizard.result.findChildren(QComboBox) + wizard.result.findChildren(QAbstractSpinBox)
    assert boxes
    for box in boxes:
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus, box.objectName()
