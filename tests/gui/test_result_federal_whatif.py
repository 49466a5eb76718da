"""What-if on the federal example, by keyboard and by mouse: compare, "Use these answers", Ctrl+Z.

A blind tester reported "Use these answers" failing on the federal public body's answers. Every
way of reaching it is tried with real key events on the focused widget (Tab then Space, Tab then
Enter) and with the mouse: the comparison shows and writes nothing; "Use these answers" takes the
changed answers (the session, the advice, the autosave the app writes by itself); one Ctrl+Z on the
focused widget restores everything.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import find, tab_to
from tests.gui.test_result_whatif import wait_built

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"


@pytest.fixture(scope="module")
def bundled() -> Any:
    from cloudwizard.engine.loader import load_bundled

    return load_bundled()


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _activate(qtbot: Any, wizard: Wizard, name: str, how: str) -> None:
    """Press the button `name` as a user would: Tab to it then Space or Enter, or a mouse click."""
    if how == "mouse":
        button = find(wizard, name)
        wizard.result.ensure_visible(button)
        QApplication.processEvents()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(button.width() // 2, button.height() // 2))
        return
    tab_to(qtbot, name, 80)
    qtbot.keyClick(_focused(), Qt.Key.Key_Space if how == "space" else Qt.Key.Key_Return)


def _autosaved(wizard: Wizard) -> str:
    """The autosave file as written, without its time stamps (a save a second later differs only there)."""
    assert wizard.autosave is not None
    path = wizard.autosave.path
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[^'\"\s]*", "<time>", text)


@pytest.mark.parametrize(("how", "index"), [("space", 0), ("enter", 0), ("mouse", 0), ("space", 1), ("enter", 2),
                                           ("space", 3)])
def test_use_these_answers_on_the_federal_example_and_one_ctrl_z(qtbot: Any, make_wizard: Any, bundled: Any,
                                                                 how: str, index: int) -> None:
    wizard: Wizard = make_wizard(questionnaire=bundled)
    assert wizard.open_answers(str(EXAMPLES / "answers-federal.yaml"))
    c = wizard.controller
    assert c.session is not None
    c.show_review()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.review.heading())
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)  # "See my advice"
    qtbot.waitUntil(lambda: c.has_recommendation and wizard.result.findChild(QWidget, "headline") is not None)
    wait_built(qtbot, wizard)
    page = wizard.result
    own_answers = dict(c.session.answers)
    own_headline = find(wizard, "headline").text()
    assert wizard.autosave is not None
    wizard.autosave.save_now()
    saved_before = _autosaved(wizard)
    assert "gcloud_use: uses" in saved_before
    what_if = c.recommendation.what_would_change[index]
    changed = {ch.question_id for ch in what_if.changes}

    # Compare: the what-if's advice beside the user's own; nothing written
    _activate(qtbot, wizard, f"whatIf_{index}", how)
    qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfCompare") is not None)
    assert find(wizard, "compareOwn").text() == own_headline
    trial_headline = find(wizard, "compareTrial").text()
    assert trial_headline != own_headline
    assert find(wizard, "headline").text() == own_headline
    assert dict(c.session.answers) == own_answers and c.trial is not None
    if how != "mouse":
        assert _focused() is find(wizard, "whatIfHeading")  # a second key press adopts nothing
    wizard.autosave.save_now()
    assert _autosaved(wizard) == saved_before

    # Use these answers: the session, the advice and the autosave take the changed answers
    _activate(qtbot, wizard, "adoptWhatIf", how)
    qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfBanner") is not None)
    for change in what_if.changes:
        assert c.session.answers.get(change.question_id) == change.after
    # every other answer is kept: as it was, or set aside while its question is hidden by the change
    for qid, value in own_answers.items():
        if qid not in changed:
            assert c.session.answers.get(qid, c.session.set_aside.get(qid)) == value, qid
    assert find(wizard, "headline").text() == trial_headline
    assert page.findChild(QWidget, "whatIfCompare") is None
    qtbot.waitUntil(lambda: _autosaved(wizard) != saved_before, timeout=10000)  # the app's own autosave
    wizard.autosave.save_now()
    adopted = _autosaved(wizard)
    for qid in changed:
        assert f"{qid}:" in adopted or qid not in c.session.answers
    wait_built(qtbot, wizard)

    # One Ctrl+Z on the focused widget restores everything
    focused = _focused()
    assert page.isAncestorOf(focused), focused.objectName()
    qtbot.keyClick(focused, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.findChild(QWidget, "whatIfBanner") is None
                    and page.findChild(QWidget, "headline") is not None)
    assert dict(c.session.answers) == own_answers
    assert not c.what_if and not c.adopted_changes()
    assert find(wizard, "headline").text() == own_headline
    qtbot.waitUntil(lambda: _autosaved(wizard) != adopted, timeout=10000)
    wizard.autosave.save_now()
    # the same file again (its keys may come in another order: an answer set aside comes back first)
    assert yaml.safe_load(_autosaved(wizard)) == yaml.safe_load(saved_before)
