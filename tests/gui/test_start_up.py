"""The two-step start: what is left for after the first paint still ends up right."""

from __future__ import annotations

import json
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
    """PySide6 makes the Qt namespace's 93 enums at its first use (docs/benchmarks.md): not before the first paint."""
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


def test_menus_and_shortcuts_are_there_from_the_first_frame(make_wizard: Any) -> None:
    wizard = make_wizard(load_now=False)
    window = wizard.window
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&View", "&Help"]
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    assert shortcuts["actionQuit"] == "Ctrl+Q" and shortcuts["actionHelp"] == "F1"
    assert shortcuts["actionBack"] == "Alt+Left" and shortcuts["actionNext"] == "Alt+Right"
    assert {"actionOpen", "actionSave", "actionExportPdf", "actionPrint"} <= shortcuts.keys()
    assert not window.act_back.isEnabled()
    assert window.act_contrast.isChecked() == wizard.high_contrast


#: The modules on the path to the first paint: the first-frame rule (docs/gui.md) holds for these
#: only - no `Qt` namespace and no `dataclasses` at import or in what they run before the first paint.
FIRST_FRAME_MODULES = {
    "cloudwizard", "cloudwizard.engine", "cloudwizard.engine.i18n", "cloudwizard.engine.vocabulary",
    "cloudwizard.gui", "cloudwizard.gui.app", "cloudwizard.gui.autosave", "cloudwizard.gui.controller",
    "cloudwizard.gui.files", "cloudwizard.gui.kiosk", "cloudwizard.gui.kiosk.config", "cloudwizard.gui.l10n",
    "cloudwizard.gui.options", "cloudwizard.gui.pages", "cloudwizard.gui.pages.welcome",
    "cloudwizard.gui.presenter", "cloudwizard.gui.recovery", "cloudwizard.gui.theme", "cloudwizard.gui.widgets",
    "cloudwizard.gui.widgets.common", "cloudwizard.gui.widgets.sizememory", "cloudwizard.gui.widgets.tiles",
    "cloudwizard.gui.window",
    "cloudwizard.resources", "cloudwizard.engine.report", "cloudwizard.engine.report.formats", "cloudwizard.kioskpin",
}


def test_only_the_named_modules_are_on_the_path_to_the_first_paint(tmp_path: Path) -> None:
    """Everything else (questions, the engine's loader, the other pages, the kiosk) comes after it."""
    code = f"""
import argparse, json, sys
sys.path.insert(0, {str(REPO)!r})
from cloudwizard.gui import app
built = app.build_app
def build(**kwargs):
    wizard = built(**kwargs)
    wizard.first_paint.painted.connect(
        lambda: print(json.dumps(sorted(m for m in sys.modules if m.startswith("cloudwizard"))), flush=True))
    return wizard
app.build_app = build
sys.exit(app.run(argparse.Namespace(lang="en", questionnaire=None, answers_file=None, quit_after_first_paint=True,
                                    kiosk=False)))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    imported = set(json.loads([ln for ln in done.stdout.splitlines() if ln.startswith("[")][-1]))
    assert imported - FIRST_FRAME_MODULES == set(), "new modules before the first paint: name them or defer them"
    assert "cloudwizard.gui.pages.questions" not in imported and "cloudwizard.engine.loader" not in imported


def test_the_broken_pyside6_on_python_before_3_12_is_refused_with_a_clear_message() -> None:
    from cloudwizard.gui.app import unsupported_qt

    message = unsupported_qt((6, 12), (3, 11))
    assert "PySide6 6.12 does not work on Python 3.11" in message and "PySide6-Essentials<6.12" in message
    assert unsupported_qt((6, 12), (3, 12)) == ""
    assert unsupported_qt((6, 11), (3, 11)) == ""


@pytest.mark.parametrize(("lang", "words"), [("nl", "werkt niet met Python 3.11"), ("fr", "ne fonctionne pas avec Python 3.11"),
                                            ("de", "funktioniert nicht mit Python 3.11"), ("en", "does not work on Python 3.11")])
def test_the_refusal_is_in_the_users_language(lang: str, words: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from cloudwizard.gui.app import unsupported_qt

    assert words in unsupported_qt((6, 12), (3, 11), language=lang)
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LC_ALL", f"{lang}_BE.UTF-8" if lang != "en" else "en_GB.UTF-8")
    assert words in unsupported_qt((6, 12), (3, 11))  # no --lang: the system's language


def test_run_refuses_to_start_on_the_broken_pyside6(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from cloudwizard.gui import app

    asked: list[object] = []
    monkeypatch.setattr(app, "unsupported_qt",
                        lambda language=None: asked.append(language) or "PySide6 6.12 does not work on Python 3.11: …")
    assert app.run(argparse.Namespace(kiosk=False, quit_after_first_paint=True, lang="de")) == 3
    assert asked == ["de"]  # the message is asked for in the chosen language
    assert "cloudwizard: PySide6 6.12 does not work" in capsys.readouterr().err


def test_many_qt_calls_do_not_abort_the_interpreter() -> None:
    """The PySide6 this runs on keeps the reference counts of None, True and False right."""
    code = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QCheckBox
app = QApplication([])
box = QCheckBox()
for _ in range(50_000):
    box.setChecked(True)   # returns nothing: one reference to None lost per call on the affected builds
    box.isChecked()
print("alive")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "alive" in done.stdout
