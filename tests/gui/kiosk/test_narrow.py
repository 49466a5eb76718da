"""The kiosk at 800 × 600 with larger text: the navigation buttons show their whole labels in every language.

German ("Antworten prüfen", "Neu beginnen") clipped its labels there. The buttons are never elided
or wrapped behind a tooltip: the bar lays them out so that each label fits (checked on the text
metrics of every page, in the four languages, and looked at in grabbed screenshots).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QPushButton, QStyleOptionButton

from cloudwizard.gui.app import Wizard
from tests.gui.kiosk.conftest import shut_down, sized_kiosk

#: Set to a folder to keep the screenshots of this test (to look at them).
SHOTS = os.environ.get("CLOUDWIZARD_NARROW_SHOTS", "")


@pytest.fixture
def narrow_kiosk(qtbot: Any) -> Iterator[Any]:
    built: list[Wizard] = []

    def make(lang: str) -> Wizard:
        w = sized_kiosk(qtbot, lang, (800, 600))
        built.append(w)
        return w

    yield make
    shut_down(built)


def settle(qtbot: Any) -> None:
    """Let the page, the header and the navigation bar lay themselves out (a few turns of the event loop)."""
    for _ in range(4):
        QApplication.processEvents()
    qtbot.wait(50)
    QApplication.processEvents()


def clipped(b: QPushButton) -> str:
    """Why `b`'s label does not fit it ("" when it does).

    The button has at least the size it asks for (its label in its own font, with the theme's
    padding), and the label fits inside its contents rectangle.
    """
    hint = b.sizeHint()
    if b.width() < hint.width() or b.height() < hint.height():
        return f"{b.text()!r} is {b.width()}x{b.height()} px, needs {hint.width()}x{hint.height()}"
    option = QStyleOptionButton()
    b.initStyleOption(option)
    inner = b.style().subElementRect(b.style().SubElement.SE_PushButtonContents, option, b)
    needed = max(QFontMetrics(b.font()).horizontalAdvance(line) for line in b.text().split("\n"))
    if inner.width() < needed:
        return f"{b.text()!r} needs {needed} px inside, has {inner.width()}"
    return ""


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_the_navigation_fits_at_800_by_600_with_larger_text(qtbot: Any, narrow_kiosk: Any, lang: str) -> None:
    w = narrow_kiosk(lang)
    assert w.kiosk is not None
    w.kiosk.set_large_text(True)
    c = w.controller
    window = w.window
    nav = window.nav

    def check(page: str) -> None:
        settle(qtbot)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            window.grab().save(str(Path(SHOTS) / f"{lang}-kiosk-800x600-larger-{page}.png"))
        buttons = [b for b in (window.back_button, window.start_over_button, window.next_button) if b.isVisible()]
        assert buttons, page
        for b in buttons:
            assert not clipped(b), f"{lang}, {page}: {clipped(b)}"
            # the whole label, on one or two lines, and the one-line name for screen readers
            assert b.text().count("\n") <= 1 and b.accessibleName() in b.text().replace("\n", " "), (b.text(), page)
            assert nav.rect().contains(QRect(b.mapTo(nav, QPoint(0, 0)), b.size())), (lang, page, b.text())
            assert window.rect().contains(QRect(b.mapTo(window, QPoint(0, 0)), b.size())), (lang, page, b.text())
        for a, b in itertools.pairwise(buttons):  # no button over another
            ra = QRect(a.mapTo(nav, QPoint(0, 0)), a.size())
            rb = QRect(b.mapTo(nav, QPoint(0, 0)), b.size())
            assert not ra.intersects(rb), (lang, page, a.text(), b.text())

    check("1-welcome")
    c.go_to_section(c.displayable_sections()[0].id)
    w.render(focus=True)
    check("2-question")
    c.show_review()
    check("3-review")
    c.show_result()
    check("4-advice")
