"""Walk-up accessibility: touch targets of at least 44 px, text size and contrast on every page."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import click, find

MIN_TARGET = 44


def small_targets(w: Wizard) -> list[str]:
    QApplication.processEvents()
    out = []
    for widget in w.window.findChildren(QAbstractButton) + w.window.findChildren(QComboBox):
        if widget.isVisible() and (widget.height() < MIN_TARGET or widget.width() < MIN_TARGET):
            out.append(f"{widget.objectName() or widget.text()}: {widget.width()}x{widget.height()}")
    return out


def go_to_result(w: Wizard) -> None:
    c = w.controller
    for qid, value in (("audience", "business"), ("staff", 80), ("data_kinds", frozenset({"customers"})),
                       ("sensitivity", 4), ("peers", "yes"), ("offline_copy", "no")):
        c.set_answer(qid, value)
    c.show_result()


def test_targets_are_at_least_44_px_on_every_page(qtbot: Any, kiosk: Wizard) -> None:
    assert not small_targets(kiosk)
    click(qtbot, find(kiosk, "audience_business"))
    click(qtbot, find(kiosk, "nextButton"))
    assert not small_targets(kiosk)
    go_to_result(kiosk)
    assert not small_targets(kiosk)


def test_text_size_and_contrast_toggles_on_every_page(qtbot: Any, kiosk: Wizard) -> None:
    title = find(kiosk, "welcomeTitle")
    assert isinstance(title, QLabel)
    normal = title.font().pointSizeF()
    for page in ("welcome", "questions", "result"):
        if page == "questions":
            click(qtbot, find(kiosk, "audience_business"))
            click(qtbot, find(kiosk, "nextButton"))
        elif page == "result":
            go_to_result(kiosk)
        assert kiosk.controller.page == page
        assert find(kiosk, "kioskTextSize").isVisible() and find(kiosk, "kioskContrast").isVisible()
    click(qtbot, find(kiosk, "kioskTextSize"))
    QApplication.processEvents()
    assert title.font().pointSizeF() > normal * 1.2
    click(qtbot, find(kiosk, "kioskContrast"))
    assert kiosk.high_contrast and kiosk.window.act_contrast.isChecked()
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert kiosk.touch_scale is not None and kiosk.touch_scale > 1  # contrast keeps the larger text
    click(qtbot, find(kiosk, "kioskTextSize"))
    click(qtbot, find(kiosk, "kioskContrast"))
    QApplication.processEvents()
    assert title.font().pointSizeF() == normal and not kiosk.high_contrast


def test_read_aloud_only_when_text_to_speech_is_there(kiosk: Wizard) -> None:
    try:
        import PySide6.QtTextToSpeech  # noqa: F401
    except ImportError:
        assert kiosk.window.findChild(QAbstractButton, "kioskReadAloud") is None
    assert "Who is the cloud for?" in kiosk.kiosk.page_text()
