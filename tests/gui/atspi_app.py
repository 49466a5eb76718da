"""Run the wizard on one page for the AT-SPI test (started under Xvfb by test_accessibility.py).

Usage: python atspi_app.py welcome|questions|result
"""

from __future__ import annotations

import sys

from tests.gui.atspi_run import run_app, start_app


def main() -> None:
    page = sys.argv[1]
    wizard = start_app(show=False)
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
    run_app(wizard)  # no steps: the client walks the tree once the app is up


if __name__ == "__main__":
    main()
