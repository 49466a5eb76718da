"""The advice page shows the pair the decision model recommends, in every language.

Case answers files of the bundled corpus: a home NAS (you run it yourself) and a police force that
keeps its servers and uses online mail (on-premises plus SaaS), and an archive that runs its own
servers (a near tie). The page must show the
pair, never the best cloud model alone (`model.recommended`), and say how sure on the one scale.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report import build_view
from cloudwizard.engine.report.document import MARKS, comparison_items, comparison_legend
from tests.gui.conftest import click, find
from tests.gui.test_result_whatif import wait_built

CASES = Path(__file__).resolve().parents[2] / "questionnaires" / "cases"


def _spaces(text: str) -> str:
    """`text` with every kind of space as a plain one (the page keeps French narrow spaces its own way)."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u2060", ""))


@pytest.fixture(scope="module")
def bundled() -> Any:
    return load_bundled()


def _load(qtbot: Any, make_wizard: Any, bundled: Any, case: str, lang: str) -> Any:
    data = read_answers(CASES / f"{case}.cwanswers.yaml", bundled).data
    assert data is not None
    wizard = make_wizard(language=lang, questionnaire=bundled)
    wizard.controller.restore(data)
    wizard.controller.show_result()
    wait_built(qtbot, wizard)
    return wizard, recommend(bundled, data.answers)


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_run_it_yourself_is_the_headline(qtbot: Any, make_wizard: Any, bundled: Any, lang: str) -> None:
    wizard, rec = _load(qtbot, make_wizard, bundled, "zz-family-home-nas-photos", lang)
    view = build_view(rec, lang)
    assert rec.pair is not None and rec.pair.self_run and rec.model.recommended != "on_premises"
    headline = find(wizard, "headline").text()
    assert headline == view.pair.text
    assert view.model.options[1].name not in headline  # not the best cloud model
    sure = find(wizard, "confidence").text()
    assert sure.lower().startswith(view.clarity_label.lower()) and view.sureness in sure
    summary = " ".join(w.text() for w in find(wizard, "headlineCard").findChildren(QLabel))
    assert bundled.text(bundled.options["saas"].name, lang) not in summary.split(view.labels.how_sure)[0]
    click(qtbot, find(wizard, "detailsToggle"))
    assert wizard.result.layer_bars is None or not wizard.result.layer_bars.isVisible()  # no layer is advised


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_on_premises_plus_saas_and_the_comparison(qtbot: Any, make_wizard: Any, bundled: Any, lang: str) -> None:
    wizard, rec = _load(qtbot, make_wizard, bundled, "us-lapd-police-email", lang)
    view = build_view(rec, lang)
    assert find(wizard, "headline").text() == view.pair.text
    assert find(wizard, "combination").text() == view.combination_text and "SaaS" in view.combination_text
    parts = [find(wizard, f"splitPart_{i}").text() for i in range(len(view.split))]
    assert parts == [f"• {p.text}" for p in view.split] and len(parts) == 2
    # the runner-up is no part of the advice (the private cloud's SaaS serves the mail)
    assert view.runner_up_pair is not None
    assert (view.runner_up_pair.model, view.runner_up_pair.layer) not in {(p.pair.model, p.pair.layer) for p in view.split}
    click(qtbot, find(wizard, "detailsToggle"))
    shown = [w.text() for w in wizard.result.findChildren(QLabel) if w.objectName().startswith("compare_")]
    assert len(shown) == len(view.pair_comparison) > 0
    # the report view's one wording: the marker, "About X: …", "→ speaks for Y"
    items = comparison_items(view)
    for label, item, row in zip(shown, items, view.pair_comparison, strict=True):
        plain = _spaces(QTextDocumentFragment.fromHtml(label).toPlainText())
        assert plain == _spaces(MARKS[item.marker] + " " + "".join(sp.text for sp in item.spans))
        assert plain.startswith(MARKS["advice"] if row.favours_recommended else MARKS["other"])
        assert "▲" not in plain and "▼" not in plain
    assert find(wizard, "compareLegend").text() == comparison_legend(view)


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_a_near_tie_says_what_would_decide(qtbot: Any, make_wizard: Any, bundled: Any, lang: str) -> None:
    wizard, rec = _load(qtbot, make_wizard, bundled, "us-internet-archive-own-servers", lang)
    view = build_view(rec, lang)
    call = view.close_calls[0]
    # the report's one wording: "how sure" names the level options, the close call what would decide
    assert find(wizard, f"closeCall_{call.kind}").text() == view.close_call_line(call)
    assert call.decide in view.close_call_line(call)
