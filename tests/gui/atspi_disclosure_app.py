"""Run the wizard for the AT-SPI disclosure and link test (started under Xvfb by test_accessibility_followup.py).

Usage: python atspi_disclosure_app.py questions|result

``questions``: the first part of the bundled questionnaire, its first "Why we ask this" unfolded.
``result``: the federal body's advice with the details unfolded (sources and readings as links).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.gui.app import build_app

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    page = sys.argv[1]
    tmp = tempfile.mkdtemp()
    q = load_bundled()
    wizard = build_app(language="en", questionnaire=q,
                       settings=QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat), data_dir=tmp)
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
    print("ready", flush=True)
    wizard.app.exec()


if __name__ == "__main__":
    main()
