"""The advice page: summary first, and a what-if that is a comparison until the user takes it over.

Driven with real key and mouse events on the focused widget, as a user would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import click, find
from tests.helpers.wizard import wait_built

__all__ = ["answer_business", "press_on", "wait_built"]  # wait_built: other tests import it from here


def answer_business(wizard: Wizard) -> None:
    find(wizard, "audience_business").click()
    for qid, value in (("staff", 80), ("data_kinds", frozenset({"classified"})), ("sensitivity", 5),
                       ("peers", "no"), ("offline_copy", "yes")):
        wizard.controller.set_answer(qid, value)


def press_on(qtbot: Any, widget: QWidget, key: Qt.Key = Qt.Key.Key_Space) -> None:
    """Give `widget` the focus (as Tab would) and press `key` on whatever has the focus then."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    qtbot.keyClick(QApplication.focusWidget(), key)


@pytest.fixture(scope="module")
def bundled_federal() -> tuple[Any, Any]:
    """The bundled questionnaire and the federal body's example answers (two policy notices)."""
    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import load_bundled

    q = load_bundled()
    data = read_answers(Path(__file__).resolve().parents[2] / "questionnaires" / "examples" / "answers-federal.yaml",
                        q).data
    assert data is not None
    return q, data



def test_summary_comes_first(qtbot: Any, wizard: Wizard) -> None:
    answer_business(wizard)
    wizard.controller.show_result()
    wait_built(qtbot, wizard)
    page = wizard.result
    first = page.blocks.itemAt(0).widget()
    assert first is not None and first.objectName() == "headlineCard"
    assert "Private cloud" in find(wizard, "headline").text()
    assert find(wizard, "confidence").text()  # how sure, in plain words
    reasons = [w for w in page.findChildren(QLabel) if w.objectName().startswith("topReason_")]
    assert 1 <= len(reasons) <= 3
    assert find(wizard, "precaution_0").isVisible()  # what to do next
    assert not find(wizard, "detailsBox").isVisible()  # details folded …
    click(qtbot, find(wizard, "detailsToggle"))
    assert find(wizard, "detailsBox").isVisible()  # … until asked for
    # Save as PDF and Print stay in reach while the page scrolls
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
    QApplication.processEvents()
    for name in ("export_pdf", "export_print"):
        button = find(wizard, name)
        assert button.isVisible() and button.visibleRegion().boundingRect().height() > 0


def test_what_if_compares_without_touching_answers_autosave_or_exports(qtbot: Any, wizard: Wizard,
                                                                      tmp_path: Path) -> None:
    c = wizard.controller
    answer_business(wizard)
    assert wizard.autosave is not None
    wizard.autosave.save_now()
    saved_before = wizard.autosave.path.read_bytes()
    c.show_result()
    wait_built(qtbot, wizard)
    answers_before = dict(c.session.answers)
    own = find(wizard, "headline").text()
    assert wizard.export("json", str(tmp_path / "before.json"))

    # WHEN the user tries the first "what would change this" with the keyboard
    press_on(qtbot, find(wizard, "whatIf_0"))
    # THEN the advice it would give is shown beside the user's own …
    assert find(wizard, "whatIfCompare").isVisible()
    assert find(wizard, "compareOwn").text() == own
    assert find(wizard, "compareTrial").text() != own
    assert find(wizard, "headline").text() == own
    # … and nothing of the user's is touched: answers, autosave (none scheduled), exports
    assert dict(c.session.answers) == answers_before
    assert not wizard.autosave._timer.isActive()
    assert wizard.autosave.path.read_bytes() == saved_before
    assert wizard.export("json", str(tmp_path / "during.json"))
    before = json.loads((tmp_path / "before.json").read_text(encoding="utf-8"))
    during = json.loads((tmp_path / "during.json").read_text(encoding="utf-8"))
    assert during["deployment_model"] == before["deployment_model"]
    assert during["answers"] == before["answers"]
    # Going back (by mouse) closes the comparison and still changes nothing
    click(qtbot, find(wizard, "undoWhatIf"))
    assert wizard.result.findChild(QWidget, "whatIfCompare") is None
    assert dict(c.session.answers) == answers_before


def test_use_these_answers_is_one_step_and_one_undo_restores_everything(qtbot: Any, wizard: Wizard) -> None:
    c = wizard.controller
    answer_business(wizard)
    c.show_result()
    wait_built(qtbot, wizard)
    answers_before = dict(c.session.answers)
    own = find(wizard, "headline").text()
    press_on(qtbot, find(wizard, "whatIf_0"))
    trial = find(wizard, "compareTrial").text()
    # the comparison's heading has the focus: read first, and a second Space adopts nothing
    assert QApplication.focusWidget() is find(wizard, "whatIfHeading")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert dict(c.session.answers) == answers_before and find(wizard, "whatIfCompare").isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # one Tab: the choice
    assert QApplication.focusWidget() is find(wizard, "adoptWhatIf")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # "Use these answers"
    assert find(wizard, "headline").text() == trial
    assert dict(c.session.answers) != answers_before
    assert wizard.autosave is not None and wizard.autosave._timer.isActive()  # now it is theirs: saved
    assert find(wizard, "whatIfBanner").isVisible()
    # a second what-if taken over on top of the first …
    if wizard.result.what_if_buttons:
        press_on(qtbot, wizard.result.what_if_buttons[0])
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # from the heading to "Use these answers"
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    # … and one "Back to my own answers" restores everything
    press_on(qtbot, find(wizard, "undoWhatIf"))
    assert dict(c.session.answers) == answers_before
    assert find(wizard, "headline").text() == own
    assert wizard.result.findChild(QWidget, "whatIfBanner") is None


def test_comply_or_explain_once_and_in_the_pdf(qtbot: Any, make_wizard: Any, bundled_federal: Any,
                                               tmp_path: Path, dialogs: Any) -> None:
    questionnaire, data = bundled_federal
    wizard = make_wizard(questionnaire=questionnaire)
    wizard.controller.restore(data)
    wizard.controller.show_result()
    wait_built(qtbot, wizard)
    combos = [w for w in wizard.result.findChildren(QWidget) if w.objectName() == "justifyModel"]
    assert len(combos) == 1  # two policy notices, one comply-or-explain
    combo = combos[0]
    combo.setCurrentIndex(2)
    assert not wizard.export("pdf", str(tmp_path / "a.pdf"))  # a deviating choice needs a reason
    assert dialogs.errors and not (tmp_path / "a.pdf").exists()
    text_box = find(wizard, "justifyText")
    text_box.setFocus()
    qtbot.keyClicks(text_box, "Our data must stay in our own data centre until 2028.")
    assert wizard.export("pdf", str(tmp_path / "a.pdf"))
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert "Our data must stay in our own data centre until 2028." in " ".join(out.split())
    assert "Chosen:" in out and "Page 1 of" in out
