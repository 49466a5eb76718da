"""The two-step start: what is left for after the first paint still ends up right."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPalette

from cloudwizard.gui import theme
from cloudwizard.gui.widgets.sections import StepList

REPO = Path(__file__).resolve().parents[2]


def window_colour(wizard: Any) -> str:
    return str(wizard.app.palette().color(QPalette.ColorRole.Window).name())


def test_step_list_comes_with_the_pages_in_its_place_in_the_tab_chain(make_wizard: Any) -> None:
    wizard = make_wizard(load_now=False)
    assert wizard.window.steps is None
    wizard.build_pages()
    steps = wizard.window.steps
    assert isinstance(steps, StepList)
    assert steps.accessibleName() == "Steps"
    assert wizard.window.language_combo.nextInFocusChain() is steps
    wizard.load_questionnaire()
    assert steps.count() > 2 and steps.isVisible()


def test_first_frame_theme_is_corrected_when_the_colour_scheme_disagrees(
    make_wizard: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame takes light or dark from the palette; the colour scheme has the last word."""
    monkeypatch.setattr(theme, "system_palette_is_dark", lambda: False)
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    wizard = make_wizard(load_now=False)
    assert window_colour(wizard) == theme.LIGHT.window
    wizard.build_pages()
    assert window_colour(wizard) == theme.DARK.window


def test_first_frame_theme_follows_a_dark_palette(make_wizard: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(theme, "system_palette_is_dark", lambda: True)
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    wizard = make_wizard(load_now=False)
    assert window_colour(wizard) == theme.DARK.window
    wizard.build_pages()
    assert window_colour(wizard) == theme.DARK.window


def test_nothing_before_the_first_paint_creates_the_qt_namespace_enums(tmp_path: Path) -> None:
    """PySide6 makes the Qt namespace's 93 enums at its first use (~14 ms, 1.3 MiB): not before the first paint."""
    code = f"""
import argparse, sys
sys.path.insert(0, {str(REPO)!r})
import PySide6.QtCore as core
if core.__dict__.get("Qt") is not None:
    sys.exit(3)  # this PySide6 makes its types eagerly: nothing to check
from cloudwizard.gui.app import run
status = run(argparse.Namespace(lang="en", questionnaire=None, answers_file=None, quit_after_first_paint=True,
                                kiosk=False))
sys.exit(status or (2 if core.__dict__.get("Qt") is not None else 0))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    if done.returncode == 3:
        pytest.skip("this PySide6 creates its types when the module is imported")
    assert done.returncode == 0, done.stdout + done.stderr


def test_window_has_the_app_icon_and_desktop_file_name(make_wizard: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from cloudwizard.gui.app import APP_ID, app_icon

    assert not app_icon().isNull(), "the bundled SVG icon did not load"
    wizard = make_wizard()
    assert QApplication.desktopFileName() == APP_ID
    assert not wizard.window.windowIcon().isNull()


def test_menus_are_in_the_first_frame_and_their_actions_come_with_the_pages(make_wizard: Any) -> None:
    """The menu titles are drawn in the first frame; the actions and shortcuts follow in `build_pages`."""
    wizard = make_wizard(load_now=False)
    window = wizard.window
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Help"]
    assert not window.actions_built and window.menu_file.isEmpty()
    wizard.build_pages()
    assert window.actions_built
    assert [a.text() for a in window.menuBar().actions()] == titles
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    assert shortcuts["actionQuit"] == "Ctrl+Q" and shortcuts["actionHelp"] == "F1"
    assert shortcuts["actionBack"] == "Alt+Left" and shortcuts["actionNext"] == "Alt+Right"
    assert {"actionOpen", "actionSave", "actionExportPdf", "actionPrint"} <= shortcuts.keys()
    assert not window.act_back.isEnabled()  # the navigation state set before the actions existed
    assert window.act_contrast.isChecked() == wizard.high_contrast
