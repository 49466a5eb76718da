"""The advice page after an outside check: what a user met on the federal and SME examples.

Driven with real wheel, mouse and key events sent to the widget under the pointer or in focus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import find
from tests.gui.test_result_whatif import wait_built

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"


@pytest.fixture(scope="module")
def bundled() -> Any:
    from cloudwizard.engine.loader import load_bundled

    return load_bundled()


def federal_wizard(qtbot: Any, make_wizard: Any, bundled: Any, **kwargs: Any) -> Wizard:
    from cloudwizard.engine.answers import read_answers

    data = read_answers(EXAMPLES / "answers-federal.yaml", bundled).data
    assert data is not None
    wizard: Wizard = make_wizard(questionnaire=bundled, **kwargs)
    wizard.controller.restore(data)
    wizard.controller.show_result()
    wait_built(qtbot, wizard)
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
    wizard = federal_wizard(qtbot, make_wizard, bundled)
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
    # Focused too (after a choice by mouse the focus stays there), the wheel leaves the choice alone.
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    wheel_at(combo, down=True)
    assert combo.currentIndex() == before and not saved
    QTest.keyClick(combo, Qt.Key.Key_Down)  # the keys still choose
    assert combo.currentIndex() == before + 1 and saved


def test_every_combo_and_spin_box_of_the_result_page_leaves_the_wheel_to_the_page(qtbot: Any, make_wizard: Any,
                                                                                  bundled: Any) -> None:
    from PySide6.QtWidgets import QAbstractSpinBox

    wizard = federal_wizard(qtbot, make_wizard, bundled)
    wizard.result.show_details()
    QApplication.processEvents()
    boxes = wizard.result.findChildren(QComboBox) + wizard.result.findChildren(QAbstractSpinBox)
    assert boxes
    for box in boxes:
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus, box.objectName()


def _mouse_click(qtbot: Any, page: Any, widget: QWidget) -> None:
    page.ensure_visible(widget)
    QApplication.processEvents()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2, widget.height() // 2))


def test_use_these_answers_on_the_federal_file_keeps_comply_or_explain(qtbot: Any, make_wizard: Any,
                                                                     bundled: Any) -> None:
    """Ctrl+O the federal file, choose another model, Compare (G-Cloud → No), Use these answers."""
    wizard: Wizard = make_wizard(questionnaire=bundled)
    assert wizard.open_answers(str(EXAMPLES / "answers-federal.yaml"))
    c = wizard.controller
    c.show_result()
    wait_built(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.result.findChild(QWidget, "justifyModel") is not None)
    page = wizard.result
    combo = find(wizard, "justifyModel")
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first other model: private cloud
    assert c.justification is not None and c.justification.chosen_model == "private"
    own = find(wizard, "headline").text()
    first = page.what_if_buttons[0]
    assert "G-Cloud" in find(wizard, "whatIfSentence_0").text()
    _mouse_click(qtbot, page, first)
    qtbot.waitUntil(lambda: page.adopt_button is not None and page.adopt_button.isVisible())
    _mouse_click(qtbot, page, page.adopt_button)
    qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfCompare") is None)
    assert c.session is not None and c.session.answers["gcloud_use"] == "not_used"
    assert find(wizard, "headline").text() != own and find(wizard, "whatIfBanner").isVisible()
    # the choice made under comply-or-explain is kept (the page's redraw does not drop it) …
    assert c.justification is not None and c.justification.chosen_model == "private"
    assert wizard.autosave is not None
    wizard.autosave.save_now()
    saved = wizard.autosave.path.read_text(encoding="utf-8")
    assert "comply_or_explain:" in saved and "chosen: private" in saved and "gcloud_use: not_used" in saved
    # … and Ctrl+Z (one undo) goes back to the user's own answers, where the combo shows it again
    assert QApplication.focusWidget() is not None and page.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfBanner") is None)
    assert c.session.answers["gcloud_use"] == "uses"
    combo = find(wizard, "justifyModel")
    assert isinstance(combo, QComboBox) and combo.currentData() == "private"


def test_ctrl_z_in_the_reason_box_undoes_typing_not_the_answers(qtbot: Any, make_wizard: Any, bundled: Any) -> None:
    wizard = federal_wizard(qtbot, make_wizard, bundled)
    c = wizard.controller
    c.adopt_what_if(0)
    qtbot.waitUntil(lambda: wizard.result.findChild(QWidget, "whatIfBanner") is not None)
    combo = find(wizard, "justifyModel")
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(2)
    text = find(wizard, "justifyText")
    text.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(text.hasFocus)
    qtbot.keyClicks(text, "abc")
    qtbot.keyClick(text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert c.what_if and wizard.result.findChild(QWidget, "whatIfBanner") is not None  # still adopted
    assert c.session is not None and c.session.answers["gcloud_use"] == "not_used"


def test_the_what_if_columns_compare_the_same_part_of_the_pair(qtbot: Any, make_wizard: Any, bundled: Any) -> None:
    """G-Cloud → No changes the deployment model: both columns speak of the deployment model."""
    wizard = federal_wizard(qtbot, make_wizard, bundled)
    page = wizard.result
    assert wizard.controller.report_view().what_would_change[0].kind == "model"
    _mouse_click(qtbot, page, page.what_if_buttons[0])
    qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfCompare") is not None)
    own, trial = find(wizard, "compareOwnPart").text(), find(wizard, "compareTrialPart").text()
    assert own == "Deployment model: Community cloud" and trial == "Deployment model: Private cloud"
    own_sure, trial_sure = find(wizard, "compareOwnSure").text(), find(wizard, "compareTrialSure").text()
    assert "Community cloud" in own_sure and "Infrastructure as a Service" not in own_sure
    assert "Private cloud" in trial_sure


def test_one_example_that_fits_the_pair_and_pros_with_their_sources(qtbot: Any, make_wizard: Any,
                                                                    bundled: Any) -> None:
    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.report.view import cite

    data = read_answers(EXAMPLES / "answers-sme.yaml", bundled).data
    assert data is not None
    wizard: Wizard = make_wizard(questionnaire=bundled)
    wizard.controller.restore(data)
    wizard.controller.show_result()
    wait_built(qtbot, wizard)
    view = wizard.controller.report_view()
    assert view.pair.layer == "saas"
    shown = find(wizard, "example").text()
    assert shown.endswith(view.layer.example) and view.model.example not in shown
    assert "virtual servers" not in shown.lower()
    assert shown.lower().count("online office suite") == 1
    wizard.result.show_details()
    qtbot.waitUntil(lambda: wizard.result.findChild(QWidget, "pros_model_0") is not None)
    for kind, ranking in (("model", view.model), ("layer", view.layer)):
        for i, pro in enumerate(ranking.pros):
            label = find(wizard, f"pros_{kind}_{i}")
            if pro.sources:
                assert cite(pro.sources) in label.text(), label.text()


def test_french_advice_page_writes_one_apostrophe(qtbot: Any, make_wizard: Any, bundled: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    wizard = federal_wizard(qtbot, make_wizard, bundled, language="fr")
    page = wizard.result
    _mouse_click(qtbot, page, page.what_if_buttons[0])
    qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfCompare") is not None)
    page.show_details()
    QApplication.processEvents()
    shown = [w.text() for w in page.findChildren(QLabel)] + [w.text() for w in page.findChildren(QAbstractButton)]
    # the markup's own quotes (style='…') are not text; everything else uses ’
    words = [t.replace("style='color:palette(placeholder-text)'", "") for t in shown]
    assert any("’" in t for t in words)
    assert not [t for t in words if "'" in t]
    assert "Ce n’est qu’un essai" in find(wizard, "whatIfText").text()
