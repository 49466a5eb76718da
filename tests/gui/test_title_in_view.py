"""A focused option keeps its question's title in view.

Blind testers (kiosk with larger text, French, 200 % scale) found question titles scrolled half out
of view when Tab or the arrows reached an option from below: Qt's scroll area scrolls only as far as
the focused widget. Each question of each part of a full path is reached from below (the page
scrolled to its end) at 800x600 and in a short window, in four languages.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from cloudwizard.gui.app import Wizard
from cloudwizard.gui.widgets.questions import QuestionCard
from tests.gui.conftest import bundled_path


def first_stop(card: QuestionCard) -> QWidget | None:
    """The card's first Tab stop (an option, a field)."""
    stops = [w for w in card.findChildren(QWidget) if w.isVisible() and w.focusPolicy().value & Qt.FocusPolicy.TabFocus.value]
    stops.sort(key=lambda w: w.mapTo(card, QPoint(0, 0)).y())
    return stops[0] if stops else None


def in_view(wizard: Wizard, widget: QWidget) -> bool:
    """Whether `widget` is wholly inside the question page's viewport."""
    viewport = wizard.questions.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return top >= 0 and top + widget.height() <= viewport.height()


@pytest.mark.parametrize("size", [(800, 600), (800, 420)])
@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_reaching_an_option_from_below_shows_its_question_title(qtbot: Any, make_wizard: Any, lang: str,
                                                                size: tuple[int, int]) -> None:
    wizard = bundled_path(qtbot, make_wizard, lang)
    wizard.window.resize(*size)
    checked = 0
    for section in [s.id for s in wizard.controller.displayable_sections()]:
        wizard.controller.go_to_section(section)
        QApplication.processEvents()
        bar = wizard.questions.verticalScrollBar()
        cards = sorted((c for c in wizard.questions.cards.values() if c.isVisible()),
                       key=lambda c: c.mapTo(wizard.questions.widget(), QPoint(0, 0)).y())
        for card in cards[:-1]:  # the last one: nothing below it to come from
            stop = first_stop(card)
            if stop is None:
                continue
            below = first_stop(cards[cards.index(card) + 1])
            assert below is not None
            below.setFocus(Qt.FocusReason.TabFocusReason)
            bar.setValue(bar.maximum())  # the page at its end, as after reading on
            QApplication.processEvents()
            # Shift+Tab until an option of the card has the focus ("Why we ask this" comes first)
            while QApplication.focusWidget() is not None and (not card.isAncestorOf(QApplication.focusWidget())
                                                              or QApplication.focusWidget() is card.help_button):
                QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
            QApplication.processEvents()
            focused = QApplication.focusWidget()
            assert focused is not None and in_view(wizard, focused), (section, card.objectName())
            span = focused.mapTo(card, QPoint(0, focused.height())).y() - card.label.mapTo(card, QPoint(0, 0)).y()
            if span + 76 <= wizard.questions.viewport().height():  # both fit: the title is shown too
                assert in_view(wizard, card.label), (section, card.objectName(), focused.objectName())
                checked += 1
    assert checked >= 3
