"""A what-if whose advice is itself a tie says, in its column, what would decide it (the view's words).

The comparison shows "how sure" for both columns; when the tried answers give a tie or a close call,
the trial's column also says what would decide between the level options, as the summary does for
the user's own advice.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.gui.conftest import find
from tests.gui.test_result_whatif import press_on
from tests.helpers.wizard import open_case_advice, tried_what_ifs

#: A case whose own advice is clear, and one of whose "what would change this" gives a tie.
CASE = "be-flemish-hfb-aws-menu"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_trial_column_says_what_would_decide_its_tie(qtbot: Any, make_wizard: Any, lang: str) -> None:
    wizard, rec = open_case_advice(qtbot, make_wizard, CASE, lang)
    found = None
    for t in tried_what_ifs(rec, lang):
        if t.trial_part.close_call is not None and t.own_part.close_call is None:
            found = t.what_if.index, t.trial_part.close_call, t.trial_part
            break
    if found is None:
        pytest.fail(f"no what-if of {CASE} gives a tie any more: choose a case whose what-if does (a skip would hide it)")
    index, call, part = found
    # WHEN the user tries that change with the keyboard
    press_on(qtbot, find(wizard, f"whatIf_{index}"))
    assert find(wizard, "whatIfCompare").isVisible()
    # THEN the trial's column says how sure, naming the level options, and what would decide
    assert part.clarity_text in find(wizard, "compareTrialSure").text()
    decide = find(wizard, "compareTrialDecide")
    assert decide.isVisible() and decide.text() == call.decide
    # the user's own advice is clear: nothing to decide in its column
    assert not find(wizard, "compareOwnDecide").isVisible()
