"""Every menu has unique access keys (&-mnemonics) in every language (issue 14 red-team: the French
File menu had &Enregistrer, &Exporter and Exporter &en)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenu, QMenuBar

from cloudwizard.gui.app import Wizard


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
