"""Save PDF (Ctrl+E) and the other formats suggest a file name in the session's language (issue #11)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from cloudwizard.engine.report.formats import FORMATS
from cloudwizard.gui.app import Wizard
from cloudwizard.gui.window import MainWindow
from tests.gui.conftest import key
from tests.gui.test_result_whatif import wait_built

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"
NAMES = {"nl": "cloudwizard-advies", "fr": "cloudwizard-conseil", "de": "cloudwizard-empfehlung",
         "en": "cloudwizard-advice"}


@pytest.fixture(scope="module")
def bundled() -> Any:
    from cloudwizard.engine.loader import load_bundled

    return load_bundled()


@pytest.mark.parametrize("language", list(NAMES))
def test_ctrl_e_suggests_a_name_in_the_session_language(qtbot: Any, make_wizard: Any, bundled: Any,
                                                        monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    suggested: list[str] = []

    def ask(_self: MainWindow, _title: str, path: str, _filter: str) -> str:
        suggested.append(path)
        return ""  # cancelled: nothing is written

    monkeypatch.setattr(MainWindow, "ask_save_path", ask)
    wizard: Wizard = make_wizard(language=language, questionnaire=bundled)
    assert wizard.open_answers(str(EXAMPLES / "answers-federal.yaml"))
    c = wizard.controller
    c.show_result()
    qtbot.waitUntil(lambda: c.has_recommendation and wizard.result.findChild(QWidget, "headline") is not None)
    wait_built(qtbot, wizard)
    wizard.result.focus_first()
    assert QApplication.focusWidget() is not None
    key(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(suggested))
    assert Path(suggested[-1]).name == NAMES[language] + ".pdf"
    for fmt, entry in FORMATS.items():
        if entry.to_file and fmt != "pdf":
            assert wizard.export(fmt) is False
            assert Path(suggested[-1]).name == NAMES[language] + entry.suffix
            assert Path(suggested[-1]).name.isascii() and " " not in Path(suggested[-1]).name
