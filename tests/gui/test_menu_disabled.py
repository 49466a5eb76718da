"""Disabled menu items look disabled in every theme (issue 14 red-team): Export as PDF, Print and the
Export as ▸ formats before the result page were drawn like the enabled ones.

The File menu is popped up and grabbed; the text colour of each item is the one that stands out most
from the menu's background. Screenshots: ``CW_MENU_SHOTS=folder`` keeps them to look at.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QMenu

from cloudwizard.gui import theme
from cloudwizard.gui.app import Wizard
from tests.gui.test_contrast import pixels, ratio


def _item_text_contrast(menu: QMenu, action: QAction) -> tuple[float, QColor]:
    rect = menu.actionGeometry(action)
    image = menu.grab(rect.adjusted(28, 2, -2, -2)).toImage()  # the label, not the indicator column
    found = pixels(image)
    background = QColor.fromRgb(Counter(c.rgb() for c in found).most_common(1)[0][0])
    text = max(found, key=lambda c: ratio(c, background))
    return ratio(text, background), text


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen popups
@pytest.mark.parametrize("name", ["LIGHT", "DARK", "HIGH_CONTRAST"])
def test_disabled_file_menu_items_look_disabled(wizard: Wizard, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                name: str) -> None:
    colours = getattr(theme, name)
    monkeypatch.setattr(theme, "colours", lambda *_args, **_kwargs: colours)
    wizard.apply_theme()
    w = wizard.window
    assert not w.act_pdf.isEnabled() and not w.act_print.isEnabled() and w.act_open.isEnabled()
    menu = w.menu_file
    menu.popup(w.mapToGlobal(QPoint(20, 20)))
    qtbot.waitExposed(menu)
    shots = os.environ.get("CW_MENU_SHOTS")
    if shots:
        menu.grab().save(str(Path(shots) / f"file-menu-{name.lower()}.png"))
    enabled, enabled_colour = _item_text_contrast(menu, w.act_open)
    for action in (w.act_pdf, w.act_print):
        disabled, disabled_colour = _item_text_contrast(menu, action)
        assert disabled_colour.rgb() != enabled_colour.rgb(), (name, action.objectName())
        assert disabled < enabled * 0.75, (name, action.objectName(), disabled, enabled)
    menu.hide()
    export = w.menu_export  # Export as ▸: every format disabled before the result page
    export.popup(w.mapToGlobal(QPoint(20, 20)))
    qtbot.waitExposed(export)
    if shots:
        export.grab().save(str(Path(shots) / f"export-menu-{name.lower()}.png"))
    for action in export.actions():
        assert not action.isEnabled()
        disabled, _colour = _item_text_contrast(export, action)
        assert disabled < enabled * 0.75, (name, action.objectName(), disabled, enabled)
    export.hide()
