"""Run the wizard on one page for the AT-SPI test (started under Xvfb by test_accessibility.py).

Usage: python atspi_app.py welcome|questions|result
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from cloudwizard.gui.app import build_app

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    page = sys.argv[1]
    tmp = tempfile.mkdtemp()
    wizard = build_app(language="en", questionnaire=REPO / "questionnaires" / "examples" / "example.yaml",
                       settings=QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat), data_dir=tmp)
    c = wizard.controller
    if page != "welcome":
        wizard.welcome.audience_buttons[1].click()
        c.go_next()
    if page == "result":
        for qid, value in (("staff", 80), ("data_kinds", frozenset({"classified"})), ("sensitivity", 5),
                           ("peers", "no"), ("offline_copy", "yes")):
            c.set_answer(qid, value)
        c.show_result()
    wizard.window.resize(1000, 700)
    wizard.window.show()
    print("ready", flush=True)
    wizard.app.exec()


if __name__ == "__main__":
    main()
