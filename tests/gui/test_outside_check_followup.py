"""The rest of the outside check of #12 (docs/outside-checks/gui-keyboard-screen-reader-2026-12-01.md).

Each test drives the real window with key events on the focused widget, as a keyboard user would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAccessible, QColor, QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWidget

from cloudwizard.gui.app import Wizard
from cloudwizard.gui.widgets.common import DisclosureButton
from cloudwizard.gui.widgets.tiles import LinkButton
from tests.gui.conftest import Dialogs, find, key, tab_to
from tests.gui.test_contrast import ratio
from tests.gui.test_outside_check import _bundled_wizard, _restore_example

SPACE = Qt.Key.Key_Space


def _advice_with_details(qtbot: Any, make_wizard: Any, width: int = 800, height: int = 600) -> Wizard:
    wizard = _bundled_wizard(qtbot, make_wizard, width, height)
    _restore_example(wizard, "answers-federal.yaml")
    wizard.controller.show_result()
    qtbot.waitUntil(lambda: wizard.result.details_button is not None)
    return wizard


def test_each_link_of_the_advice_is_one_tab_stop_that_asks_then_opens(
        qtbot: Any, make_wizard: Any, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toString()) or True)
    wizard = _advice_with_details(qtbot, make_wizard)
    tab_to(qtbot, "detailsToggle", 80)
    key(qtbot, SPACE)
    links = [b for b in wizard.result.findChildren(LinkButton) if b.isVisible()]
    assert len(links) >= 3
    first = tab_to(qtbot, links[0].objectName(), 120)
    # one Tab from a link to the next: nothing in between takes a stop (the address below is text)
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is links[1]
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is links[2]
    # a screen reader hears a push button named by the title, with where it leads
    face = QAccessible.queryAccessibleInterface(links[2])
    assert face is not None and face.role() == QAccessible.Role.Button
    assert face.text(QAccessible.Text.Name) == links[2].text()
    assert links[2].address in face.text(QAccessible.Text.Description)
    # Space asks first; no: nothing opens. Enter, yes: the address opens
    dialogs.answer = False
    key(qtbot, SPACE)
    assert dialogs.asked == ["Open this link?"] and opened == []
    dialogs.answer = True
    key(qtbot, Qt.Key.Key_Return)
    assert opened == [QUrl(links[2].address).toString()]
    assert wizard.result.horizontalScrollBar().maximum() == 0, "a link widened the page"
    assert first is links[0]


def _role_and_description(widget: QWidget) -> tuple[QAccessible.Role, str]:
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None
    return face.role(), face.text(QAccessible.Text.Description)


@pytest.mark.parametrize(("lang", "collapsed", "expanded"), [("en", "collapsed", "expanded"),
                                                             ("fr", "replié", "déplié")])
def test_why_we_ask_this_and_the_details_are_buttons_that_say_whether_they_are_open(
        qtbot: Any, make_wizard: Any, lang: str, collapsed: str, expanded: str) -> None:
    wizard = _bundled_wizard(qtbot, make_wizard, 1000, 700)
    wizard.l10n.set_language(lang)
    _restore_example(wizard, "answers-federal.yaml")
    sections = wizard.controller.displayable_sections()
    wizard.controller.go_to_section(sections[0].id)
    card = next(c for c in (wizard.questions.cards.values() if isinstance(wizard.questions.cards, dict)
                            else wizard.questions.cards) if c.question.help)
    help_button = card.help_button
    assert isinstance(help_button, DisclosureButton) and not help_button.isCheckable()
    assert _role_and_description(help_button) == (QAccessible.Role.Button, collapsed)
    tab_to(qtbot, help_button.objectName(), 60)
    key(qtbot, SPACE)
    assert card.help_text.isVisible() and _role_and_description(help_button) == (QAccessible.Role.Button, expanded)
    key(qtbot, Qt.Key.Key_Return)  # Enter folds it again
    assert not card.help_text.isVisible() and _role_and_description(help_button)[1] == collapsed

    wizard.controller.show_result()
    qtbot.waitUntil(lambda: wizard.result.details_button is not None)
    toggle = tab_to(qtbot, "detailsToggle", 80)
    assert _role_and_description(toggle) == (QAccessible.Role.Button, collapsed)
    key(qtbot, SPACE)
    assert wizard.result.details is not None and wizard.result.details.isVisible()
    assert _role_and_description(toggle) == (QAccessible.Role.Button, expanded)


def test_french_counts_agree_with_their_number(make_wizard: Any) -> None:
    wizard = make_wizard("fr")
    window = wizard.window
    window.set_progress(1, 17)
    assert window.progress_label.text() == "1 question sur 17 répondue"
    window.set_progress(2, 17)
    assert window.progress_label.text() == "2 questions sur 17 répondues"
    wizard.welcome.set_resume(("1 décembre", 1))
    assert "avec 1 réponse." in wizard.welcome.resume_text.text()
    wizard.welcome.set_resume(("1 décembre", 3))
    assert "avec 3 réponses." in wizard.welcome.resume_text.text()


def test_file_dialogs_start_in_the_folder_used_last(make_wizard: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from cloudwizard.gui.files import documents_folder

    started: list[str] = []
    folder = tmp_path / "elsewhere"
    folder.mkdir()

    def save(_parent: Any, _title: str, start: str, _filter: str) -> tuple[str, str]:
        started.append(start)
        return str(folder / "mine.cwanswers.yaml"), ""

    def open_(_parent: Any, _title: str, start: str, _filter: str) -> tuple[str, str]:
        started.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_)
    wizard = make_wizard()
    wizard.controller.set_answer("audience", "business")
    first_default = wizard.window.file_folder(documents_folder())
    assert Path(first_default).is_dir()  # Documents, or the home folder where there is none
    assert wizard.save_answers()
    assert Path(started[0]).parent == Path(first_default)
    assert (folder / "mine.cwanswers.yaml").is_file()
    wizard.open_answers()
    assert started[1] == str(folder)  # Ctrl+O after a save starts where the file went
    # and so does the next run (the setting is kept)
    assert wizard.settings.value("files/lastFolder") == str(folder)


def test_a_disabled_primary_button_looks_disabled_in_both_themes(make_wizard: Any) -> None:
    from tests.gui.test_contrast import pixels

    wizard = make_wizard()
    for high in (False, True):
        wizard.window.act_contrast.setChecked(high)
        QApplication.processEvents()
        button = QPushButton("OK", wizard.window)
        button.setProperty("role", "primary")
        button.resize(120, 40)
        button.show()
        enabled = button.grab().toImage()
        button.setEnabled(False)
        QApplication.processEvents()
        disabled = button.grab().toImage()
        window = wizard.app.palette().window().color()
        accent = wizard.app.palette().highlight().color()
        middle = disabled.pixelColor(disabled.width() // 2, 4)  # inside the border, above the text
        assert enabled.pixelColor(enabled.width() // 2, 4) == accent  # enabled: filled with the accent
        assert middle != accent and ratio(middle, window) < 1.2  # disabled: no fill
        border = max((c for c in pixels(disabled) if c != window), key=lambda c: ratio(c, window))
        assert ratio(border, window) >= 3, f"{'high contrast' if high else 'light'}: border {border.name()}"
        button.deleteLater()


def test_the_step_lists_scroll_bar_shows_in_high_contrast(make_wizard: Any) -> None:
    from tests.gui.test_contrast import pixels

    wizard = _bundled_wizard_plain(make_wizard)
    wizard.window.resize(1100, 520)
    wizard.window.act_contrast.setChecked(True)
    QApplication.processEvents()
    steps = wizard.window.steps
    assert steps is not None
    bar = steps.verticalScrollBar()
    assert bar.isVisible(), "the step list should scroll at this height"
    from PySide6.QtWidgets import QStyle, QStyleOptionSlider

    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    handle = bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                        QStyle.SubControl.SC_ScrollBarSlider, bar)
    groove = bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                        QStyle.SubControl.SC_ScrollBarAddPage, bar)
    assert handle.isValid() and groove.height() > 4
    image = bar.grab().toImage()
    knob = image.pixelColor(handle.center())
    track = image.pixelColor(groove.center())
    # the handle stands out from its track, and the track is the theme's black (no light block left)
    assert ratio(knob, track) >= 3, (knob.name(), track.name())
    assert ratio(track, QColor("#000000")) < 1.2, track.name()
    assert not [c for c in pixels(image) if 1.6 < ratio(c, QColor("#000000")) < 4.5 and c.red() == c.green() == c.blue()
                and c.red() > 150], "a light grey of the light theme is left in the scroll bar"


def _bundled_wizard_plain(make_wizard: Any) -> Wizard:
    from cloudwizard.engine.loader import load_bundled

    wizard = make_wizard(questionnaire=load_bundled())
    _restore_example(wizard, "answers-federal.yaml")
    wizard.controller.show_review()
    return wizard


@pytest.mark.parametrize("width", [800, 1100])
def test_the_header_language_picker_is_never_cut(make_wizard: Any, width: int) -> None:
    wizard = make_wizard("de")
    app = wizard.app
    app.setStyleSheet(app.styleSheet() + "QWidget { font-size: 22pt; }")  # larger text, as a kiosk or 200 %
    wizard.controller.set_answer("audience", "business")
    wizard.controller.go_next()
    wizard.window.resize(width, 700)
    for _ in range(3):
        QApplication.processEvents()
    combo = wizard.window.language_combo
    assert combo.isVisible()
    assert combo.width() >= combo.sizeHint().width(), (combo.width(), combo.sizeHint().width())
    label = wizard.window.language_label
    assert label.width() >= label.sizeHint().width()
    header = find(wizard, "header")
    assert combo.mapTo(header, combo.rect().bottomRight()).x() <= header.width()
