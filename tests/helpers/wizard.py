"""A wizard built by the real composition root on a data folder of its own, shown and ready for keys.

Used by the GUI fixtures (``tests/gui/conftest.py``) and the reliability tests that start the
wizard on a prepared data folder (a saved autosave, a crash marker, a read-only folder).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.decision.kinds import Counterfactual
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import Recommendation, recommend
from cloudwizard.engine.report import build_view
from cloudwizard.engine.report.view import RankingView, ReportView, WhatIf
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


CASES = REPO / "questionnaires" / "cases"


@functools.cache
def bundled_questionnaire() -> Questionnaire:
    """The bundled questionnaire, loaded once for the tests that read the case corpus."""
    return load_bundled()


def wait_built(qtbot: Any, wizard: Wizard) -> None:
    """Wait until the advice page has added its cards below the fold (they come on the next turns)."""
    qtbot.waitUntil(lambda: wizard.result.findChild(QWidget, "detailsToggle") is not None
                    and not wizard.result.building)


def open_case_advice(qtbot: Any, make_wizard: Any, case: str, lang: str) -> tuple[Wizard, Recommendation]:
    """A wizard in `lang` showing the advice for the corpus case `case`'s answers, built to the end.

    Returns:
        The wizard and the recommendation for those answers (with its what-ifs).
    """
    q = bundled_questionnaire()
    data = read_answers(CASES / f"{case}.cwanswers.yaml", q).data
    assert data is not None, case
    wizard = make_wizard(language=lang, questionnaire=q)
    wizard.controller.restore(data)
    wizard.controller.show_result()
    wait_built(qtbot, wizard)
    return wizard, recommend(q, data.answers)


@dataclass(frozen=True)
class TriedWhatIf:
    """One "what would change this" of a recommendation, with the advice its answers would get.

    Attributes:
        what_if: the what-if as the report says it.
        counterfactual: the engine's change behind it.
        own: the report of the user's own answers.
        trial: the report of the changed answers.
    """

    what_if: WhatIf
    counterfactual: Counterfactual
    own: ReportView
    trial: ReportView

    @property
    def own_part(self) -> RankingView:
        """The part of the own advice the what-if is compared on (its model or its layer)."""
        return self.own.layer if self.what_if.kind == "layer" else self.own.model

    @property
    def trial_part(self) -> RankingView:
        """The same part of the trial's advice."""
        return self.trial.layer if self.what_if.kind == "layer" else self.trial.model


def tried_what_ifs(rec: Recommendation, lang: str) -> list[TriedWhatIf]:
    """Every what-if of `rec` in `lang`, in the report's order, with the trial's report beside it."""
    own = build_view(rec, lang)
    out = []
    for w in own.what_would_change:
        cf = rec.what_would_change[w.index]
        out.append(TriedWhatIf(w, cf, own, build_view(recommend(rec.questionnaire, cf.answers(rec.answers)), lang)))
    return out
