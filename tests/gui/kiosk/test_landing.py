"""The kiosk at 800 px: the welcome page shows its top after a reset; the header cuts nothing with larger text."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import click, find
from tests.gui.kiosk.conftest import fake_clock


def test_the_next_visitor_sees_the_top_of_the_welcome_page(qtbot: Any, kiosk: Wizard) -> None:
    w = kiosk
    assert w.kiosk is not None
    w.window.resize(800, 600)
    clock = fake_clock(w)
    # a visitor in German with larger text and high contrast chooses an audience far down the page …
    click(qtbot, find(w, "language_de"))
    click(qtbot, find(w, "kioskTextSize"))
    click(qtbot, find(w, "kioskContrast"))
    audience = find(w, "audience_consumer")
    audience.setFocus()
    click(qtbot, audience)
    qtbot.wait(20)
    page = w.welcome
    assert page.verticalScrollBar().value() > 0  # scrolled down to the choice
    # … and walks away: the warning, then the reset
    clock.now += 60
    w.kiosk.idle.check()
    clock.now += 30
    w.kiosk.overlay.tick()
    qtbot.wait(50)  # the layouts of the smaller text and the other language have run
    assert w.controller.page == "welcome" and w.l10n.language == "en"
    assert page.verticalScrollBar().value() == 0
    title = page.heading()
    assert title is not None and QApplication.focusWidget() is title
    assert title.visibleRegion().boundingRect().height() == title.height()  # all of it on screen


def test_the_header_cuts_nothing_in_german_with_larger_text(qtbot: Any, make_kiosk: Any) -> None:
    from PySide6.QtWidgets import QWidget

    w = make_kiosk(default_language="de")
    w.window.resize(800, 600)
    click(qtbot, find(w, "kioskTextSize"))
    click(qtbot, find(w, "audience_consumer"))
    click(qtbot, find(w, "nextButton"))
    qtbot.wait(50)
    assert w.controller.page == "questions"
    header = find(w, "header")
    shown: list[QWidget] = [find(w, "kioskTextSize"), find(w, "kioskContrast"), w.window.language_label,
                            w.window.language_combo]
    for widget in shown:
        assert widget.isVisible(), widget.objectName()
        assert widget.width() >= widget.sizeHint().width(), (widget.objectName(), widget.width(), widget.sizeHint())
        right = widget.mapTo(header, widget.rect().bottomRight())
        assert right.x() < header.width() and right.y() < header.height(), widget.objectName()
