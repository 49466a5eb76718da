"""Focus: at the top of each page, never on an invisible tab stop, always on screen; one language picker."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QComboBox, QLabel, QWidget

from cloudwizard.gui.app import Wizard
from cloudwizard.gui.widgets.common import ScrollPage
from tests.gui.conftest import key
from tests.gui.test_files import answer_business

ENTER = Qt.Key.Key_Return


def on_screen(widget: QWidget) -> bool:
    """Whether the widget can be seen: inside the window and, on a page, inside the page's viewport."""
    window = widget.window()
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    if not QRect(QPoint(0, 0), window.size()).contains(rect.center()):
        return False
    ancestor = widget.parentWidget()
    while ancestor is not None and not isinstance(ancestor, ScrollPage):
        ancestor = ancestor.parentWidget()
    if ancestor is None:
        return True
    viewport = ancestor.viewport()
    assert viewport is not None
    seen = QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
    return seen.contains(rect.center())


def tab_round(qtbot: Any, wizard: Wizard, presses: int = 40) -> list[QWidget]:
    """Press Tab `presses` times; every widget that got the focus, checked to be a visible one on screen."""
    seen = []
    for _ in range(presses):
        key(qtbot, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None
        assert not isinstance(widget, QAbstractScrollArea) or widget.objectName() == "sectionList", (
            f"an invisible tab stop: {type(widget).__name__} {widget.objectName()}"
        )
        assert widget.isVisible(), f"the focus is on a hidden widget: {widget.objectName()}"
        assert on_screen(widget), f"the focus is off screen: {widget.objectName()} on {wizard.controller.page}"
        seen.append(widget)
    return seen


def test_tab_visits_only_visible_stops_that_stay_on_screen(qtbot: Any, make_wizard: Any) -> None:
    wizard = make_wizard()
    wizard.window.resize(800, 600)
    wizard.render(focus=True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    for _ in range(2):
        tab_round(qtbot, wizard, 25)
        if wizard.controller.page == "welcome":
            wizard.controller.set_answer("audience", "business")
            wizard.controller.go_next()
    answer_business(wizard)
    wizard.controller.show_review()
    tab_round(qtbot, wizard, 30)


def test_arrow_keys_keep_the_focused_choice_on_screen(qtbot: Any, make_wizard: Any) -> None:
    from cloudwizard.engine.loader import load_bundled

    wizard = make_wizard(questionnaire=load_bundled())
    wizard.window.resize(800, 600)
    c = wizard.controller
    c.set_answer("audience", "sme")
    c.go_to_section("needs")
    assert wizard.questions.section_id == "needs"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.questions.title)
    key(qtbot, Qt.Key.Key_Tab)  # from the title (where Down would scroll the page) to the first question
    for _ in range(12):  # down through the choices of the page's questions, Tab to the next question
        if not wizard.questions.isAncestorOf(QApplication.focusWidget()):
            break  # past the page's last question (the navigation bar, the header's language picker)
        for _ in range(5):
            key(qtbot, Qt.Key.Key_Down)
            widget = QApplication.focusWidget()
            assert widget is not None, "nothing has the focus"
            assert on_screen(widget), f"off screen: {widget.objectName()}"
            if not wizard.questions.isAncestorOf(widget):
                break  # Down on the last "Why we ask this" goes on to the next control, off the page
        key(qtbot, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the focus"
        assert on_screen(widget), f"off screen: {widget.objectName()}"


def test_each_page_starts_at_its_top(qtbot: Any, wizard: Wizard) -> None:
    c = wizard.controller
    assert QApplication.focusWidget() is wizard.welcome.heading() is wizard.welcome.title
    answer_business(wizard)
    c.go_next()
    assert c.page == "questions" and QApplication.focusWidget() is wizard.questions.title
    assert wizard.questions.verticalScrollBar().value() == 0
    c.show_review()
    assert wizard.review.verticalScrollBar().value() == 0
    assert QApplication.focusWidget() is wizard.review.heading() is not None
    c.show_result()
    assert wizard.result.verticalScrollBar().value() == 0
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLabel) and focused is wizard.result.heading()


def test_enter_twice_from_the_review_shows_the_advice_and_does_nothing_more(qtbot: Any, wizard: Wizard) -> None:
    answer_business(wizard)
    c = wizard.controller
    c.show_review()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.review.heading())
    advice = c.recommendation
    key(qtbot, ENTER)
    assert c.page == "result"
    key(qtbot, ENTER)
    assert c.page == "result"
    assert c.recommendation is advice and not getattr(c, "applied_what_if", None)
    assert isinstance(QApplication.focusWidget(), QLabel), "the focus is on an action after arriving"


def test_one_language_picker_on_the_welcome_page(wizard: Wizard) -> None:
    def pickers() -> list[str]:
        names = []
        if wizard.window.language_combo.isVisible():
            names.append("header")
        if any(b.isVisible() for b in wizard.welcome.language_buttons.values()):
            names.append("welcome")
        return names

    assert pickers() == ["welcome"]
    wizard.controller.set_answer("audience", "business")
    wizard.controller.go_next()
    assert pickers() == ["header"]
    assert isinstance(wizard.window.language_combo, QComboBox)


def test_arrows_move_through_the_languages_and_space_or_enter_chooses(qtbot: Any, wizard: Wizard) -> None:
    """Arrowing through the welcome page's languages translates nothing; choosing keeps the focus there."""
    buttons = wizard.welcome.language_buttons
    title = wizard.window.windowTitle()
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is buttons["en"]
    key(qtbot, Qt.Key.Key_Left)
    key(qtbot, Qt.Key.Key_Left)
    assert QApplication.focusWidget() is buttons["fr"]
    assert wizard.l10n.language == "en" and wizard.window.windowTitle() == title  # nothing switched yet
    assert buttons["en"].isChecked() and not buttons["fr"].isChecked()
    key(qtbot, Qt.Key.Key_Space)
    assert wizard.l10n.language == "fr" and wizard.window.windowTitle() != title
    assert QApplication.focusWidget() is buttons["fr"] and buttons["fr"].isChecked()
    key(qtbot, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is buttons["de"] and wizard.l10n.language == "fr"
    key(qtbot, ENTER)  # Enter chooses too, and does not leave the welcome page
    assert wizard.l10n.language == "de" and wizard.controller.page == "welcome"
    assert QApplication.focusWidget() is buttons["de"]
    # Tab leaves the languages from the chosen one, Shift+Tab comes back to it
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is find_audience(wizard)
    key(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is buttons["de"]


def find_audience(wizard: Wizard) -> QWidget:
    return wizard.welcome.audience_buttons[0]


@pytest.mark.qt_log_ignore("^This plugin does not support (raise|grabbing)")  # the popup, offscreen
def test_arrows_on_the_header_language_picker_open_it_instead_of_switching(qtbot: Any, wizard: Wizard) -> None:
    wizard.controller.set_answer("audience", "business")
    wizard.controller.go_next()
    combo = wizard.window.language_combo
    combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    key(qtbot, Qt.Key.Key_Down)
    assert wizard.l10n.language == "en"
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)  # the list is open: arrows move in it, Enter chooses
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert wizard.l10n.language == "en"
    qtbot.keyClick(view, ENTER)
    qtbot.waitUntil(lambda: wizard.l10n.language == "de", timeout=2000)
    assert wizard.controller.page == "questions"


def test_tab_from_a_parts_last_control_reaches_the_navigation_bar(qtbot: Any, wizard: Wizard) -> None:
    """Back, Start over and Next come right after the page (they came after the header and the step list)."""
    c = wizard.controller
    c.set_answer("audience", "business")
    c.go_next()
    last = None
    for _ in range(30):
        key(qtbot, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is None or not wizard.questions.isAncestorOf(widget):
            break
        last = widget
    assert last is not None, "Tab never reached the page's controls"
    assert QApplication.focusWidget() is wizard.window.back_button, QApplication.focusWidget()
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.window.start_over_button
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.window.next_button
    key(qtbot, Qt.Key.Key_Backtab)
    key(qtbot, Qt.Key.Key_Backtab)
    key(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is last


def focus_moves(qtbot: Any, press: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> list[QWidget]:
    """Press `press` (with `modifier`) on the focused widget; every widget that got the focus on the way."""
    seen: list[QWidget] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def moved(_old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            seen.append(new)

    app.focusChanged.connect(moved)
    try:
        key(qtbot, press, modifier)
        drain_zero_timers(qtbot)  # the pages' own second landing (a zero timer) as well
    finally:
        app.focusChanged.disconnect(moved)
    return seen


def drain_zero_timers(qtbot: Any, rounds: int = 3) -> None:
    """Let the zero timers queued so far run, and those they queue, `rounds` deep.

    A zero timer is a queued call, run in the order queued: once a marker queued after them has
    run, so have they (however slow the machine), so no fixed wait is needed.
    """
    from PySide6.QtCore import QTimer

    ran: list[int] = []
    for n in range(rounds):
        QTimer.singleShot(0, lambda: ran.append(1))
        qtbot.waitUntil(lambda n=n: len(ran) > n, timeout=10000)


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_enter_moves_the_focus_straight_to_the_new_page_with_no_stop_on_the_way(
        qtbot: Any, make_wizard: Any, lang: str) -> None:
    """Enter on the welcome page: the focus goes to the first part's title once, never to "Start over"
    or the page itself on the way (each a focus change a screen reader would announce); Back likewise."""
    wizard = make_wizard(lang)
    c = wizard.controller
    audience = wizard.window.findChild(QWidget, "audience_business")
    assert audience is not None
    qtbot.mouseClick(audience, Qt.MouseButton.LeftButton, pos=QPoint(12, audience.height() // 2))
    qtbot.waitUntil(lambda: wizard.welcome.isAncestorOf(QApplication.focusWidget()), timeout=2000)
    moves = focus_moves(qtbot, ENTER)
    assert c.page == "questions"
    assert moves == [wizard.questions.title], [w.objectName() for w in moves]
    # one Tab from the title reaches the first question's control
    key(qtbot, Qt.Key.Key_Tab)
    first = next(card for card in wizard.questions.cards.values() if not card.isHidden())
    focused = QApplication.focusWidget()
    assert focused is not None and first.isAncestorOf(focused), focused
    # Back (Alt+Left) with the focus in the first question: straight to the welcome page's top
    moves = focus_moves(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert c.page == "welcome"
    assert moves and set(moves) == {wizard.welcome.heading()}, [w.objectName() for w in moves]


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_moving_between_parts_moves_the_focus_once_to_the_new_parts_title(
        qtbot: Any, make_wizard: Any, lang: str) -> None:
    """Enter, Alt+Right and Alt+Left with the focus on a question: one focus change, to the new part's
    title (the focused card's going moved it to a new card's choice and to Back first, each announced)."""
    wizard = make_wizard(lang)
    c = wizard.controller
    answer_business(wizard)
    session = c.session
    assert session is not None and c.questionnaire is not None
    sections = [s.id for s in c.questionnaire.sections]
    c.go_to_section(sections[0])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.questions.title, timeout=2000)
    steps = [(ENTER, Qt.KeyboardModifier.NoModifier, 1),
             (Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier, 2),
             (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier, 1)]
    for press, modifier, index in steps:
        key(qtbot, Qt.Key.Key_Tab)  # onto the first question's control
        first = next(card for card in wizard.questions.cards.values() if not card.isHidden())
        focused = QApplication.focusWidget()
        assert focused is not None and first.isAncestorOf(focused), focused
        moves = focus_moves(qtbot, press, modifier)
        assert c.page == "questions" and wizard.questions.section_id == sections[index]
        assert moves == [wizard.questions.title], [w.objectName() or type(w).__name__ for w in moves]
        assert wizard.questions.title.text() == c.questionnaire.text(
            c.questionnaire.section(sections[index]).title, lang)
