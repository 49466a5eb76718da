"""Every menu has unique access keys (&-mnemonics) in every language (issue 14 red-team: the French
File menu had &Enregistrer, &Exporter and Exporter &en)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMenu, QMenuBar

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import key

NAMED = ("backButton", "startOverButton", "nextButton", "export_pdf", "export_print", "export_more")
EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"


def _mnemonic(text: str) -> str | None:
    at = 0
    while (at := text.find("&", at)) != -1 and at + 1 < len(text):
        if text[at + 1] != "&":
            return text[at + 1].lower()
        at += 2
    return None


def _duplicates(texts: list[str]) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for text in texts:
        key = _mnemonic(text)
        if key is not None:
            seen.setdefault(key, []).append(text)
    return {k: v for k, v in seen.items() if len(v) > 1}


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_every_menu_has_unique_access_keys(wizard: Wizard, lang: str) -> None:
    wizard.on_language(lang)
    bar: QMenuBar = wizard.window.menuBar()
    menus: list[tuple[str, list[str]]] = [("menu bar", [a.text() for a in bar.actions() if a.isVisible()])]
    todo = [a.menu() for a in bar.actions() if a.menu() is not None]
    walked = 0
    while todo:
        menu = todo.pop()
        assert isinstance(menu, QMenu)
        walked += 1
        visible = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        menus.append((menu.title(), [a.text() for a in visible]))
        todo.extend(a.menu() for a in visible if isinstance(a.menu(), QMenu))
    assert walked >= 4  # File, Export as ▸, View, Help
    for title, texts in menus:
        assert _duplicates(texts) == {}, (lang, title, _duplicates(texts))


def _window_keys(wizard: Wizard) -> list[str]:
    """The texts whose access keys work anywhere in the window: the menu bar's titles, the visible
    buttons and the labels with a buddy (the language picker's)."""
    from PySide6.QtWidgets import QLabel

    window = wizard.window
    texts = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    texts += [b.text() for b in window.findChildren(QAbstractButton) if b.isVisible() and b.text()]
    texts += [la.text() for la in window.findChildren(QLabel) if la.isVisible() and la.buddy() is not None]
    return texts


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_the_footer_and_export_buttons_have_unique_access_keys(qtbot: Any, make_wizard: Any, lang: str) -> None:
    """Back, Start over, Next / See my advice and the advice page's export bar: an Alt+letter each,
    none twice in the window (with the menu bar's), on every page."""
    from cloudwizard.engine.loader import load_bundled
    from tests.helpers.wizard import wait_built

    wizard: Wizard = make_wizard(lang, questionnaire=load_bundled())
    assert wizard.open_answers(str(EXAMPLES / "answers-federal.yaml"))
    c = wizard.controller
    seen: list[str] = []  # the named buttons met
    for page in ("welcome", "question", "review", "result"):
        if page == "welcome":
            c.show_welcome()
        elif page == "question":
            c.go_to_section(c.displayable_sections()[1].id)
        elif page == "review":
            c.show_review()
        else:
            c.show_result()
            wait_built(qtbot, wizard)
        qtbot.wait(20)
        texts = _window_keys(wizard)
        assert _duplicates(texts) == {}, (lang, page, _duplicates(texts))
        for name in NAMED:
            button = wizard.window.findChild(QAbstractButton, name)
            if button is not None and button.isVisible():
                assert _mnemonic(button.text()) is not None, (lang, page, name, button.text())
                assert "&" not in button.accessibleName(), (lang, page, name, button.accessibleName())
                seen.append(name)
    assert set(seen) == set(NAMED), set(NAMED) - set(seen)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen popups
def test_alt_letters_press_the_buttons(qtbot: Any, make_wizard: Any) -> None:
    """Real key events on the focused widget: Alt+N goes on, Alt+B back, Alt+O opens the other formats."""
    from PySide6.QtWidgets import QApplication, QMenu

    from cloudwizard.engine.loader import load_bundled
    from tests.helpers.wizard import wait_built

    wizard: Wizard = make_wizard("de", questionnaire=load_bundled())
    assert wizard.open_answers(str(EXAMPLES / "answers-federal.yaml"))
    c = wizard.controller
    wizard.window.activateWindow()
    qtbot.waitActive(wizard.window)
    sections = c.displayable_sections()
    c.go_to_section(sections[1].id)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert c.session is not None
    session = c.session

    def where() -> str:
        section = session.current_section
        return section.id if section is not None else ""

    key(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # &Weiter
    qtbot.waitUntil(lambda: where() == sections[2].id)
    key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)  # &Zurück
    qtbot.waitUntil(lambda: where() == sections[1].id)
    c.show_result()
    wait_built(qtbot, wizard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # Andere &Formate
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    popup = QApplication.activePopupWidget()
    assert popup is not None
    popup.close()
