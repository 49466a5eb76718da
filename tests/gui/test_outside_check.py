"""Regressions found by the outside check of #12/#11 (keyboard, screen reader, small screens).

Each test walks the app with real key events on the focused widget, as a keyboard user would.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import key, tab_to
from tests.gui.test_focus import on_screen

ENTER = Qt.Key.Key_Return


def _bundled_wizard(qtbot: Any, make_wizard: Any, width: int = 800, height: int = 600) -> Wizard:
    from cloudwizard.engine.loader import load_bundled

    wizard = make_wizard(questionnaire=load_bundled())
    wizard.window.resize(width, height)
    wizard.render(focus=True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return wizard


def _restore_example(wizard: Wizard, name: str) -> None:
    """The answers of one of the bundled example files (questionnaires/examples/NAME)."""
    from pathlib import Path

    from cloudwizard.engine.answers import read_answers

    assert wizard.controller.questionnaire is not None
    path = Path(__file__).resolve().parents[2] / "questionnaires" / "examples" / name
    data = read_answers(path, wizard.controller.questionnaire).data
    assert data is not None
    wizard.controller.restore(data)


def _accessible_names(widget: QWidget) -> list[str]:
    """Every name in the accessibility tree under `widget`, walked downwards as a screen reader does."""
    names: list[str] = []
    todo = [QAccessible.queryAccessibleInterface(widget)]
    while todo:
        iface = todo.pop()
        if iface is None or not iface.isValid():
            continue
        names.append(iface.text(QAccessible.Text.Name))
        todo.extend(iface.child(i) for i in range(iface.childCount()))
    return names


def _sme_to_needs_by_keys(qtbot: Any, wizard: Wizard) -> None:
    """Welcome → "For my small business" by keys only, then the "What you need" part."""
    tab_to(qtbot, "audience_consumer")  # the audience choices are one tab stop; arrows move within
    while QApplication.focusWidget() is not None and QApplication.focusWidget().objectName() != "audience_sme":
        key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Space)
    key(qtbot, ENTER)
    assert wizard.questions.section_id == "about"
    wizard.controller.go_to_section("needs")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert wizard.questions.section_id == "needs"


def test_a_part_whose_first_question_is_tall_still_lands_with_its_title_in_view(qtbot: Any, make_wizard: Any) -> None:
    """At 800×600 "What you need" (six choices, one with a description) kept its title scrolled away."""
    wizard = _bundled_wizard(qtbot, make_wizard)
    _sme_to_needs_by_keys(qtbot, wizard)
    page = wizard.questions
    title = page.heading()
    assert title is not None and title.isVisible()
    viewport = page.viewport()
    top = title.mapTo(viewport, QPoint(0, 0)).y()
    assert page.verticalScrollBar().value() == 0 and top >= 0, f"the part's title is scrolled away ({top})"
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() in ("sectionTitle", "choice_org_apps_office")
    assert on_screen(focused)


def test_the_advice_actions_are_in_the_accessibility_tree(qtbot: Any, make_wizard: Any) -> None:
    """Save as PDF, Print and Other formats sat outside what a screen reader can walk."""
    wizard = _bundled_wizard(qtbot, make_wizard, 1000, 700)
    c = wizard.controller
    _restore_example(wizard, "answers-consumer.yaml")
    c.show_review()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.review.heading())
    key(qtbot, ENTER)
    assert c.page == "result"
    names = _accessible_names(wizard.window)
    bar = wizard.result.action_bar
    assert bar is not None
    for button in bar.findChildren(QWidget):
        if button.isVisible() and button.focusPolicy() != Qt.FocusPolicy.NoFocus:
            assert button.accessibleName() or button.property("text")
            label = button.property("text")
            assert label in names, f"{label!r} is not in the accessibility tree"
    # Tab still reaches them, and the focused one is on screen, not under the page
    pdf = tab_to(qtbot, "export_pdf", 60)
    assert on_screen(pdf)


def test_compare_leaves_the_focus_on_screen_at_800_by_600(qtbot: Any, make_wizard: Any) -> None:
    """The focus went to "Use these answers" below the bottom edge of the page; now to the comparison's heading."""
    wizard = _bundled_wizard(qtbot, make_wizard, 800, 520)
    c = wizard.controller
    _restore_example(wizard, "answers-federal.yaml")
    c.show_review()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.review.heading())
    key(qtbot, ENTER)
    qtbot.waitUntil(lambda: not wizard.result.building)  # the cards below the fold come on the next turns
    tab_to(qtbot, "whatIf_0", 60)
    key(qtbot, Qt.Key.Key_Space)
    qtbot.wait(50)
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == "whatIfHeading"
    assert on_screen(focused), "the focus is off the page"
    key(qtbot, ENTER)  # Enter again adopts nothing
    assert wizard.result.findChild(QWidget, "whatIfCompare") is not None and not c.adopted_changes()


def test_the_first_window_fits_on_the_screen(tmp_path: Any, example_questionnaire: Any, dialogs: Any) -> None:
    """At 200 % the 1100×760 first size was twice the screen; it must fit the screen it opens on."""
    from PySide6.QtCore import QSettings

    from cloudwizard.gui.app import build_app

    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    available: QRect = screen.availableGeometry()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    wizard = build_app(language="en", settings=settings, questionnaire=example_questionnaire,
                       data_dir=tmp_path / "data")
    try:
        size = wizard.window.size()
        assert size.width() <= available.width() and size.height() <= available.height(), (size, available)
    finally:
        if wizard.autosave is not None:
            wizard.autosave.end_run()
        wizard.window.deleteLater()
