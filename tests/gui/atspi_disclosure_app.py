"""Run the wizard for the AT-SPI disclosure and link test (started under Xvfb by test_accessibility_followup.py).

Usage: python atspi_disclosure_app.py questions|result

``questions``: the first part of the bundled questionnaire, its first "Why we ask this" unfolded.
``result``: the federal body's advice with the details unfolded (sources and readings as links).
"""

from __future__ import annotations

import sys

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load_bundled
from tests.gui.atspi_run import REPO, run_app, start_app


def main() -> None:
    page = sys.argv[1]
    q = load_bundled()
    wizard = start_app(questionnaire=q, show=False)
    data = read_answers(REPO / "questionnaires" / "examples" / "answers-federal.yaml", q).data
    assert data is not None
    c = wizard.controller
    c.restore(data)
    if page == "questions":
        c.go_to_section(c.displayable_sections()[0].id)
        card = next(card for card in wizard.questions.cards.values() if card.question.help)
        card.help_button.click()  # one unfolded, the others folded
    else:
        c.show_result()
        wizard.result.show_details()
    wizard.window.resize(1000, 700)
    wizard.window.show()
    run_app(wizard)  # no steps: the client walks the tree once the app is up


if __name__ == "__main__":
    main()
