"""The advice page's first paint already shows the summary as it stays (issue #11).

A tester saw the headline card painted out of shape for about two frames before it settled. In
the kiosk the "take the advice home" card was put beside the headline after the page had been
laid out, and the layouts settled only on the next turns of the event loop: the first paint showed
the headline card squeezed, its labels clipped (the headline's last line, the middle of "How sure").
Here the headline card and the checklist are noted at the moment of their first paint and compared
with what they are once the page is complete: same size, each label as tall as its text needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QWidget

from cloudwizard.gui.app import Wizard, build_app
from cloudwizard.gui.theme import apply_theme
from cloudwizard.gui.widgets.tiles import LinkButton, TileCheckBox
from tests.gui.conftest import key
from tests.gui.kiosk.conftest import bundled_answers, kiosk_config
from tests.gui.test_result_whatif import wait_built

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"
CARDS = ("headlineCard", "precautionsCard")


def _shape(card: QWidget) -> dict[str, tuple[int, int]]:
    """The card's size and each of its labels' size, by name (or place)."""
    shape = {"": (card.width(), card.height())}
    for i, label in enumerate(card.findChildren(QLabel)):
        if label.isVisibleTo(card):
            shape[label.objectName() or f"#{i}"] = (label.width(), label.height())
    return shape


def _fresh_height(label: QLabel) -> int:
    """The height the label's text needs at its width, worked out now (QLabel's own, not the page's memory)."""
    return QLabel.heightForWidth(label, label.width())


def _clipped(card: QWidget) -> list[str]:
    """The labels of `card` shorter than their text needs at their width."""
    return [f"{label.objectName() or label.text()[:30]!r}: {label.height()} < {_fresh_height(label)}"
            for label in card.findChildren(QLabel)
            if label.isVisibleTo(card) and label.wordWrap() and label.height() < _fresh_height(label)]


class FirstPaints(QObject):
    """Notes the shape of each watched card when it is first painted (an application-wide filter)."""

    def __init__(self) -> None:
        super().__init__()
        self.shapes: dict[str, dict[str, tuple[int, int]]] = {}
        self.clipped: dict[str, list[str]] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The first Paint event of a watched card: note its shape."""
        if event.type() == QEvent.Type.Paint and isinstance(watched, QFrame):
            name = watched.objectName()
            if name in CARDS and name not in self.shapes:
                self.shapes[name] = _shape(watched)
                self.clipped[name] = _clipped(watched)
        return False


@pytest.fixture
def first_paints() -> Iterator[FirstPaints]:
    app = QApplication.instance()
    assert app is not None
    watch = FirstPaints()
    app.installEventFilter(watch)
    yield watch
    app.removeEventFilter(watch)


def _see_advice(qtbot: Any, wizard: Wizard, watch: FirstPaints) -> None:
    """From the review page, Enter on "See my advice"; then wait until the page is complete."""
    c = wizard.controller
    c.show_review()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.review.heading())
    watch.shapes.clear()
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "headlineCard" in watch.shapes)
    wait_built(qtbot, wizard)
    qtbot.wait(100)  # a few more frames: anything still settling has settled


def _check(wizard: Wizard, watch: FirstPaints) -> None:
    for name in CARDS:
        card = wizard.result.findChild(QFrame, name)
        assert card is not None
        if not card.visibleRegion().isEmpty() or name in watch.shapes:
            assert watch.clipped.get(name) == [], (name, watch.clipped.get(name))
            assert watch.shapes.get(name) == _shape(card), name


@pytest.mark.parametrize("case", ["consumer", "federal", "sme"])
def test_the_desktop_page_is_painted_as_it_stays(qtbot: Any, make_wizard: Any, first_paints: FirstPaints,
                                                 case: str) -> None:
    from cloudwizard.engine.loader import load_bundled

    wizard: Wizard = make_wizard(questionnaire=load_bundled(), language="fr")
    wizard.window.resize(1100, 760)
    assert wizard.open_answers(str(EXAMPLES / f"answers-{case}.yaml"))
    for _ in range(2):  # the second time, the page replaces the advice it showed before
        _see_advice(qtbot, wizard, first_paints)
        _check(wizard, first_paints)


@pytest.mark.parametrize("case", ["consumer", "federal"])
def test_the_kiosk_headline_card_is_painted_as_it_stays(qtbot: Any, first_paints: FirstPaints, case: str) -> None:
    q, values = bundled_answers(case)
    wizard = build_app(questionnaire=q, kiosk=kiosk_config())
    assert wizard.kiosk is not None
    wizard.kiosk.print_html = lambda html, title: True
    qtbot.addWidget(wizard.window)
    try:
        wizard.kiosk.show()
        wizard.window.showNormal()
        wizard.window.resize(1366, 768)
        qtbot.waitExposed(wizard.window)
        wizard.window.activateWindow()
        for qid, value in values.items():
            wizard.controller.set_answer(qid, value)
        _see_advice(qtbot, wizard, first_paints)
        assert wizard.result.findChild(QWidget, "kioskTakeHome") is not None
        row = wizard.result.findChild(QWidget, "kioskAdviceRow")
        assert row is not None, "the take-home card is beside the headline at 1366 × 768"
        _check(wizard, first_paints)
    finally:
        wizard.kiosk.shutdown()
        QTimer.singleShot(0, wizard.window.close)
        qtbot.wait(10)


def _stale(page: QWidget) -> list[str]:
    """Labels and tiles of `page` whose remembered height differs from a fresh one at their width."""
    stale = []
    for label in page.findChildren(QLabel):
        visible = label.isVisibleTo(page) and label.wordWrap() and label.width() > 0
        if visible and label.heightForWidth(label.width()) != _fresh_height(label):
            stale.append(f"label {label.text()[:30]!r}")
    for tile in [*page.findChildren(TileCheckBox), *page.findChildren(LinkButton)]:
        if tile.isVisibleTo(page) and tile.width() > 0:
            fresh = tile._height_for(tile.width(), tile._qt_class.sizeHint(tile))
            if tile.heightForWidth(tile.width()) != fresh:
                stale.append(f"tile {tile.text()[:30]!r}")
            if tile.minimumSizeHint() != tile._minimum(tile._qt_class.sizeHint(tile)):
                stale.append(f"tile minimum {tile.text()[:30]!r}")
    return stale


def test_larger_text_after_the_page_is_shown_leaves_no_stale_height(qtbot: Any, make_wizard: Any,
                                                                    first_paints: FirstPaints) -> None:
    """The kiosk's "Larger text" (a new app style sheet) and a new app font: every height is worked out again."""
    from cloudwizard.engine.loader import load_bundled

    wizard: Wizard = make_wizard(questionnaire=load_bundled(), language="de")
    wizard.window.resize(1100, 760)
    assert wizard.open_answers(str(EXAMPLES / "answers-federal.yaml"))
    _see_advice(qtbot, wizard, first_paints)
    page = wizard.result
    assert _stale(page) == []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    try:
        apply_theme(app, touch_scale=1.3)  # what "Larger text" does
        _assert_fresh(qtbot, page)
        bigger = app.font()
        bigger.setPointSizeF(bigger.pointSizeF() * 1.5)
        app.setFont(bigger)
        _assert_fresh(qtbot, page)
    finally:
        app.setFont(font)
        apply_theme(app)


def _assert_fresh(qtbot: Any, page: Any) -> None:
    """After a font or style change: no label or tile keeps an old height, and no card is clipped."""
    qtbot.wait(50)
    assert _stale(page) == []
    for card in CARDS:
        frame = page.findChild(QFrame, card)
        assert frame is not None
        assert _clipped(frame) == [], card
