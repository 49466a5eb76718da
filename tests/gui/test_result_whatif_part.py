"""Every what-if is compared on the part of the pair it changes (the model or the layer).

A blind tester pressed "Compare" on a change that made the advice "run it yourself" (a change of the
deployment model) and saw both columns say "Service layer: PaaS", the own column "Fairly clear"
while the page said "Close call": the change was labelled a layer what-if in the engine, because
running it yourself has no layer ("none") and so the layer changed too.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from tests.gui.conftest import find
from tests.gui.test_result_whatif import press_on
from tests.helpers.wizard import open_case_advice, tried_what_ifs

#: The tester's case: public cloud level with running it yourself; what-ifs of both kinds.
CASE = "us-capital-one-data-centres"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_compare_button_shows_the_part_that_changes(qtbot: Any, make_wizard: Any, lang: str) -> None:
    wizard, rec = open_case_advice(qtbot, make_wizard, CASE, lang)
    attempts = tried_what_ifs(rec, lang)
    assert {t.what_if.kind for t in attempts} == {"model", "layer"}
    for t in attempts:
        w, cf, own_part, trial_part = t.what_if, t.counterfactual, t.own_part, t.trial_part
        # WHEN the user presses "Compare" with the keyboard on the focused button
        press_on(qtbot, find(wizard, f"whatIf_{w.index}"))
        qtbot.waitUntil(lambda: wizard.result.findChild(QWidget, "compareTrialPart")
                        is not None)
        assert find(wizard, "whatIfCompare").isVisible()
        # THEN both columns speak of the part that changed, and it differs between them
        own, tried = find(wizard, "compareOwnPart").text(), find(wizard, "compareTrialPart").text()
        assert own == own_part.heading and tried == trial_part.heading, (w.text, own, tried)
        assert own != tried, (w.text, own)
        # the own column says as sure as the page does for that part
        assert own_part.clarity_text in find(wizard, "compareOwnSure").text()
        assert trial_part.clarity_text in find(wizard, "compareTrialSure").text()
        # a change to "run it yourself" is a change of the model
        assert not (w.kind == "layer" and cf.new_top == "none"), w.text
        press_on(qtbot, find(wizard, "undoWhatIf"))
        qtbot.waitUntil(lambda: wizard.result.findChild(QWidget, "whatIfCompare") is None)
