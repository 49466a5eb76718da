"""What a visitor sees at a kiosk's usual screen sizes: nothing clipped, the take-home above the fold,
no free-text box, and a warning that hides the previous visitor's advice (checked on grabbed pixels).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QFrame, QPlainTextEdit, QPushButton, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import click, find
from tests.gui.kiosk.conftest import fake_clock, shut_down, sized_kiosk

SIZES = {"1366x768": (1366, 768), "1280x720": (1280, 720)}


@pytest.fixture
def make_screen(qtbot: Any) -> Iterator[Any]:
    built: list[Wizard] = []

    def make(lang: str, size: str = "1366x768", answers: str = "federal") -> Wizard:
        w = sized_kiosk(qtbot, lang, SIZES[size], answers)
        built.append(w)
        return w

    yield make
    shut_down(built)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def header_buttons(w: Wizard) -> list[QPushButton]:
    assert w.kiosk is not None
    return [w.kiosk.text_button, w.kiosk.contrast_button]


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_text_size_and_contrast_toggles_never_clip_their_labels(qtbot: Any, make_screen: Any, lang: str) -> None:
    w = make_screen(lang)
    for step in ("plain", "larger text", "and high contrast"):
        if step == "larger text":
            click(qtbot, find(w, "kioskTextSize"))
        elif step == "and high contrast":
            click(qtbot, find(w, "kioskContrast"))
        settle()
        header = find(w, "header")
        for b in header_buttons(w):
            bold = QFont(b.font())
            bold.setWeight(QFont.Weight.DemiBold)
            needed = QFontMetrics(bold).horizontalAdvance(b.text())
            inner = b.style().subElementRect(b.style().SubElement.SE_PushButtonContents, _option(b), b)
            assert inner.width() >= needed, f"{lang}, {step}: {b.text()!r} needs {needed} px, has {inner.width()}"
            assert header.rect().contains(QRect(b.mapTo(header, QPoint(0, 0)), b.size())), (lang, step, b.text())
    assert w.kiosk is not None and w.kiosk.large_text and w.high_contrast


def _option(b: QPushButton) -> Any:
    from PySide6.QtWidgets import QStyleOptionButton

    option = QStyleOptionButton()
    b.initStyleOption(option)
    return option


def assert_above_the_fold(w: Wizard, what: str) -> None:
    page = w.result
    viewport = page.viewport()
    assert page.verticalScrollBar().value() == 0
    for name in ("kioskPrint", "kioskQr"):
        widget = find(w, name)
        rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
        assert widget.isVisible() and viewport.rect().contains(rect), f"{what}: {name} at {rect}, view {viewport.rect()}"


@pytest.mark.parametrize(("lang", "size"), [("nl", "1366x768"), ("fr", "1366x768"), ("de", "1366x768"),
                                            ("en", "1366x768"), ("de", "1280x720"), ("fr", "1280x720")])
def test_qr_code_and_print_button_are_above_the_fold(qtbot: Any, make_screen: Any, lang: str, size: str) -> None:
    w = make_screen(lang, size)
    w.controller.show_result()
    settle()
    assert_above_the_fold(w, f"{lang} {size}")
    click(qtbot, find(w, "kioskTextSize"))  # larger text: the card is rebuilt bigger, and still fits
    settle()
    assert_above_the_fold(w, f"{lang} {size}, larger text")
    click(qtbot, find(w, "kioskPrint"))
    settle()
    assert find(w, "kioskPrintStatus").isVisible()
    assert_above_the_fold(w, f"{lang} {size}, larger text, printed")


def test_no_free_text_box_for_comply_or_explain(qtbot: Any, make_screen: Any) -> None:
    w = make_screen("en", answers="federal")  # a federal body: the comply-or-explain notice is shown
    w.controller.show_result()
    settle()
    notices = [f for f in w.result.findChildren(QFrame) if f.objectName().startswith("notice_") and f.isVisible()]
    assert notices  # the rule is still explained …
    assert w.result.justify_text is None and w.result.justify_model is None  # … but nothing to write in
    assert not [e for e in w.window.findChildren(QPlainTextEdit) if e.isVisible()]


def outside(image: QImage, card: QRect) -> set[int]:
    """The colours of every pixel outside `card`."""
    colours = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if not card.adjusted(-2, -2, 2, 2).contains(x, y):
                colours.add(image.pixel(x, y))
    return colours


@pytest.mark.parametrize("contrast", [False, True])
def test_idle_warning_hides_the_previous_visitors_advice(qtbot: Any, make_screen: Any, contrast: bool) -> None:
    w = make_screen("de")
    assert w.kiosk is not None
    w.controller.show_result()
    if contrast:
        click(qtbot, find(w, "kioskContrast"))
    settle()
    headline = find(w, "headline")
    assert headline.isVisible() and headline.text()
    clock = fake_clock(w)
    clock.now += 60
    w.kiosk.idle.check()
    settle()
    overlay = w.kiosk.overlay
    assert overlay.isVisible() and overlay.geometry() == w.window.rect()
    image = w.window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    card = QRect(overlay.card.mapTo(w.window, QPoint(0, 0)), overlay.card.size())
    assert len(outside(image, card)) == 1  # one flat colour: no text, no QR code, no card shows through
    # nor can a screen reader or the Tab key reach what is under it
    assert not headline.isVisible() and not find(w, "kioskQr").isVisible()
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert isinstance(focus, QWidget) and overlay.isAncestorOf(focus), focus
    click(qtbot, find(w, "moreTimeButton"))
    settle()
    assert headline.isVisible() and w.controller.page == "result"
