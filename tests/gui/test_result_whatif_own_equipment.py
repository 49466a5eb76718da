"""From "run it yourself" to a cloud pair: the comparison reads as one change of the pair.

A council whose advice is its own server was told "if you answered 'Anywhere' … the advice would be
public cloud with SaaS"; pressing "Compare" compared "Service layer: no cloud service layer" with
"Service layer: SaaS" (the change was a layer what-if in the engine). The change is one of the
deployment model, whose layer follows: both columns now speak of the model, under the two pairs.
Driven with real key events on the focused widget, in English and French.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.gui.conftest import find
from tests.gui.test_result_whatif import press_on
from tests.helpers.wizard import open_case_advice, tried_what_ifs

#: A municipality that keeps its administration server: what-ifs to public, private, community, hybrid.
CASE = "ch-oberengstringen-administration-server"


def _compare_texts(wizard: Any) -> str:
    return " | ".join(w.text() for w in find(wizard, "whatIfCompare").findChildren(QLabel))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_what_if_from_own_equipment_compares_the_pairs_and_their_model(qtbot: Any, make_wizard: Any,
                                                                          lang: str) -> None:
    wizard, rec = open_case_advice(qtbot, make_wizard, CASE, lang)
    assert rec.pair is not None and (rec.pair.model, rec.pair.layer) == ("on_premises", "none")
    c = wizard.controller
    assert wizard.autosave is not None
    wizard.autosave.save_now()
    saved = wizard.autosave.path.read_bytes()
    answers = dict(c.session.answers)
    attempts = tried_what_ifs(rec, lang)
    # the change that was a "layer" what-if (access from anywhere → public cloud with SaaS) is there
    assert any(ch.question == "access_from" for t in attempts for ch in t.what_if.changes)
    for t in attempts:
        w = t.what_if
        assert w.kind == "model", w.text
        # WHEN the user presses "Compare" on the focused button
        press_on(qtbot, find(wizard, f"whatIf_{w.index}"))
        qtbot.waitUntil(lambda: wizard.result.findChild(QWidget, "compareTrialPart") is not None)
        # THEN the columns name both pairs, and compare the model (the part that changes) …
        assert find(wizard, "compareOwn").text() == t.own.headline == find(wizard, "headline").text()
        assert find(wizard, "compareTrial").text() == t.trial.headline == w.new_top_name
        assert find(wizard, "compareOwnPart").text() == t.own.model.heading
        assert find(wizard, "compareTrialPart").text() == t.trial.model.heading != t.own.model.heading
        # … never "no cloud service layer" beside the trial's layer
        shown = _compare_texts(wizard)
        assert t.own.layer.heading not in shown and t.trial.layer.heading not in shown, shown
        assert t.own.model.clarity_text in find(wizard, "compareOwnSure").text()
        # nothing of the user's is touched while trying
        assert dict(c.session.answers) == answers
        assert not wizard.autosave._timer.isActive() and wizard.autosave.path.read_bytes() == saved
        press_on(qtbot, find(wizard, "undoWhatIf"))
        qtbot.waitUntil(lambda: wizard.result.findChild(QWidget, "whatIfCompare") is None)
        assert dict(c.session.answers) == answers and find(wizard, "headline").text() == t.own.headline
    assert wizard.autosave.path.read_bytes() == saved


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_taking_a_cloud_pair_over_and_one_undo_restores_running_it_yourself(qtbot: Any, make_wizard: Any,
                                                                           lang: str) -> None:
    wizard, rec = open_case_advice(qtbot, make_wizard, CASE, lang)
    c = wizard.controller
    answers = dict(c.session.answers)
    attempts = tried_what_ifs(rec, lang)
    anywhere = next(t for t in attempts if any(ch.question == "access_from" for ch in t.what_if.changes))
    # WHEN the user compares, Tabs from the heading to "Use these answers" and presses Space
    press_on(qtbot, find(wizard, f"whatIf_{anywhere.what_if.index}"))
    assert QApplication.focusWidget() is find(wizard, "whatIfHeading")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is find(wizard, "adoptWhatIf")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    # THEN the advice is the cloud pair, as a whole
    qtbot.waitUntil(lambda: find(wizard, "headline").text() == anywhere.trial.headline)
    assert c.session.answers["access_from"] == "anywhere" and dict(c.session.answers) != answers
    # WHEN one "Back to my own answers" is pressed THEN running it yourself is back, every answer as it was
    press_on(qtbot, find(wizard, "undoWhatIf"))
    qtbot.waitUntil(lambda: find(wizard, "headline").text() == anywhere.own.headline)
    assert dict(c.session.answers) == answers
    assert wizard.result.findChild(QWidget, "whatIfBanner") is None
