"""Back walks the parts in order (Alt+Left on the focused widget), however the review was reached."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from cloudwizard.gui.app import Wizard
from cloudwizard.gui.window import MainWindow
from tests.gui.conftest import Dialogs, key

REPO = Path(__file__).resolve().parents[2]
FEDERAL = REPO / "questionnaires" / "examples" / "answers-federal.yaml"


def back_chain(qtbot: Any, wizard: Wizard) -> list[str]:
    """Press Alt+Left from the review until the welcome page; the pages passed, as the step line says."""
    c = wizard.controller
    seen: list[str] = []
    for _ in range(40):
        key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        if c.page == "welcome":
            return seen
        assert c.page == "questions"
        seen.append(wizard.questions.section_id)
        parts = len(c.displayable_sections())
        assert wizard.questions.step.text() == f"Part {parts - len(seen) + 1} of {parts}"
    raise AssertionError(f"Back never reached the welcome page: {seen}")


@pytest.fixture
def bundled(make_wizard: Any, dialogs: Dialogs) -> Wizard:
    from cloudwizard.engine.loader import load_bundled

    return make_wizard(questionnaire=load_bundled())


def test_back_after_opening_an_answers_file_walks_every_part(
    qtbot: Any, bundled: Wizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = bundled.controller
    monkeypatch.setattr(MainWindow, "ask_open_path", lambda *_args: str(FEDERAL))
    key(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert c.page == "review"
    order = [s.id for s in c.displayable_sections()]
    assert len(order) >= 3
    assert back_chain(qtbot, bundled) == order[::-1]


def test_back_after_a_walk_and_after_the_step_list_walks_every_part(
    qtbot: Any, bundled: Wizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = bundled.controller
    monkeypatch.setattr(MainWindow, "ask_open_path", lambda *_args: str(FEDERAL))
    key(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    order = [s.id for s in c.displayable_sections()]
    c.show_welcome()
    for _ in range(len(order) + 1):  # a normal walk: welcome → every part → review
        key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert c.page == "review"
    assert back_chain(qtbot, bundled) == order[::-1]
    # jumps (the step list to the last part, then Edit of a first-part question) never make Back skip
    c.go_to_section(order[-1])
    c.go_to_section(order[0])
    c.go_to_section(order[2])
    key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert bundled.questions.section_id == order[1]
