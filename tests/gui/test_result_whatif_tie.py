"""A what-if whose advice is itself a tie says, in its column, what would decide it (the view's words).

The comparison shows "how sure" for both columns; when the tried answers give a tie or a close call,
the trial's column also says what would decide between the level options, as the summary does for
the user's own advice.
"""

from __future__ import annotations

from typing import Any

import pytest

from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report import build_view
from tests.gui.conftest import find
from tests.gui.test_result_pair import _load, bundled  # noqa: F401  (a fixture)
from tests.gui.test_result_whatif import press_on

#: A case whose own advice is clear, and one of whose "what would change this" gives a tie.
CASE = "be-flemish-hfb-aws-menu"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_trial_column_says_what_would_decide_its_tie(qtbot: Any, make_wizard: Any, bundled: Any,  # noqa: F811
                                                        lang: str) -> None:
    wizard, rec = _load(qtbot, make_wizard, bundled, CASE, lang)
    view = build_view(rec, lang)
    found = None
    for w in view.what_would_change:
        trial = build_view(recommend(bundled, rec.what_would_change[w.index].answers(rec.answers)), lang)
        part, own = (trial.layer, view.layer) if w.kind == "layer" else (trial.model, view.model)
        if part.close_call is not None and own.close_call is None:
            found = w.index, part.close_call, part
            break
    if found is None:
        pytest.skip(f"no what-if of {CASE} gives a tie any more")
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
