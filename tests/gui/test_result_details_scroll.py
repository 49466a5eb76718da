""""Show the details" scrolls so that the start of what it opens can be seen (issue #11)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import key, tab_to
from tests.gui.test_result_whatif import wait_built

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"


@pytest.fixture(scope="module")
def bundled() -> Any:
    from cloudwizard.engine.loader import load_bundled

    return load_bundled()


def test_show_the_details_scrolls_to_their_start_and_keeps_the_focus(qtbot: Any, make_wizard: Any,
                                                                    bundled: Any) -> None:
    wizard: Wizard = make_wizard(questionnaire=bundled)
    wizard.window.resize(800, 600)
    assert wizard.open_answers(str(EXAMPLES / "answers-federal.yaml"))
    c = wizard.controller
    c.show_result()
    qtbot.waitUntil(lambda: c.has_recommendation and wizard.result.findChild(QWidget, "headline") is not None)
    wait_built(qtbot, wizard)
    page = wizard.result
    toggle = tab_to(qtbot, "detailsToggle", 120)
    page.verticalScrollBar().setValue(0)  # the button at the window's foot, the details below it
    QApplication.processEvents()
    key(qtbot, Qt.Key.Key_Space)
    box = page.findChild(QWidget, "detailsBox")
    assert box is not None
    viewport = page.viewport()

    def start_seen() -> bool:
        y = box.mapTo(viewport, QPoint(0, 0)).y()
        return box.isVisible() and y >= 0 and y + 3 * box.fontMetrics().lineSpacing() <= viewport.height()

    qtbot.waitUntil(start_seen)
    assert QApplication.focusWidget() is toggle
