"""A wizard built by the real composition root on a data folder of its own, shown and ready for keys.

Used by the GUI fixtures (``tests/gui/conftest.py``) and the reliability tests that start the
wizard on a prepared data folder (a saved autosave, a crash marker, a read-only folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from cloudwizard.gui.app import Wizard, build_app

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
WINDOW_SIZE = (1000, 700)


def data_folder(tmp_path: Path) -> Path:
    """The wizard's data folder under `tmp_path` (``data``), made if need be, for a test to fill first."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    return data


def show_wizard(qtbot: Any, wizard: Wizard, *, active: bool = True) -> Wizard:
    """Show `wizard`'s window at the tests' size, wait until it is exposed and (if `active`) active.

    The window is registered with `qtbot`, so it is closed at the end of the test.
    """
    qtbot.addWidget(wizard.window)
    wizard.window.resize(*WINDOW_SIZE)
    wizard.window.show()
    qtbot.waitExposed(wizard.window)
    if active:
        wizard.window.activateWindow()
        qtbot.waitActive(wizard.window)
    return wizard


def start_wizard(qtbot: Any, tmp_path: Path, language: str = "en", *, active: bool = True,
                 **kwargs: Any) -> tuple[Wizard, Path]:
    """Build the wizard on the data folder ``tmp_path/data`` and show it (see `show_wizard`).

    Settings go to ``tmp_path/settings.ini``; the questionnaire is the example one unless
    `kwargs` names another; every other keyword goes to `build_app` (e.g. ``load_now=False``).

    Returns:
        The wizard and its data folder.
    """
    data = data_folder(tmp_path)
    kwargs.setdefault("questionnaire", EXAMPLE)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    wizard = build_app(language=language, settings=settings, data_dir=data, **kwargs)
    return show_wizard(qtbot, wizard, active=active), data
