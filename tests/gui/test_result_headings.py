"""The advice page's headings are headings to screen readers (Qt's accessibility tree: role Heading).

A code review found the title, "How sure", "Why this advice", "What to do now" and the details'
headings plain labels: a screen reader's heading keys (H in Orca) found nothing on the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel

from cloudwizard.gui.widgets.common import HEADING_PROPERTY
from tests.gui.atspi_run import atspi_missing, run_under_atspi
from tests.helpers.wizard import open_case_advice


def _role(widget: Any) -> QAccessible.Role:
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None and iface.isValid()
    return iface.role()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_advice_page_headings_have_the_heading_role(qtbot: Any, make_wizard: Any, lang: str) -> None:
    wizard, _rec = open_case_advice(qtbot, make_wizard, "au-queensland-office365", lang)
    page = wizard.result
    labels = [la for la in page.findChildren(QLabel) if la.isVisibleTo(page)]
    headings = {la.text(): la for la in labels if _role(la) == QAccessible.Role.Heading}
    view = wizard.controller.report_view()
    for text in (view.headline, view.labels.how_sure, view.labels.what_to_do):
        assert text in headings, (lang, text, sorted(headings))
    headline = page.findChild(QLabel, "headline")
    assert headline is not None and headline.property(HEADING_PROPERTY) == 1
    iface = QAccessible.queryAccessibleInterface(headline)
    assert iface.text(QAccessible.Text.Name) == headline.text()
    # The body text stays text (a label, not a heading).
    body = [la for la in labels if la.property(HEADING_PROPERTY) is None and la.text()]
    assert body and all(_role(la) != QAccessible.Role.Heading for la in body)


@pytest.mark.xvfb
@pytest.mark.skipif(bool(atspi_missing()), reason=atspi_missing() or "ok")
def test_a_screen_reader_finds_the_advice_headings(tmp_path: Path) -> None:
    """A real AT-SPI client (pyatspi) walking the federal advice, details unfolded: role "heading"."""
    report = run_under_atspi(tmp_path, ["atspi_disclosure_app.py", "result"], ["atspi_heading_client.py"])
    headings: list[str] = report["headings"]
    for wanted in ("How sure the advice is", "Why this advice", "What to do next", "Requirements that apply"):
        assert wanted in headings, (wanted, headings)
    assert headings[0].startswith("Community cloud"), headings  # the headline first
    assert "Hide the details" not in headings and len(headings) >= 8, headings
