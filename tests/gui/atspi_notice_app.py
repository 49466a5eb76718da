"""Run the wizard for the AT-SPI autosave-notice test (started under Xvfb by test_accessibility_notice.py).

Usage: python atspi_notice_app.py LANG

The window shows the welcome page; once the client listens, a damaged autosave is found, as at
start-up (`Recovery.offer_restore`): it is moved aside and the notice appears under the header;
once the client has heard that, the notice's path gets the focus, as by Tab (see atspi_run.py).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cloudwizard.engine.loader import load_bundled
from tests.gui.atspi_run import run_app, start_app


def main() -> None:
    lang = sys.argv[1]
    wizard = start_app(lang, load_bundled(), show=False)
    wizard.window.resize(1000, 700)
    wizard.window.show()
    autosave = wizard.autosave
    assert autosave is not None

    def damaged() -> None:
        autosave.path.parent.mkdir(parents=True, exist_ok=True)
        autosave.path.write_bytes(b"questionnaire: [unclosed\n\x00\xff")
        wizard.recovery.offer_restore()
        print("notice", wizard.recovery.notice is not None, flush=True)
        wizard.window.activateWindow()  # no window manager under Xvfb: the window takes the keyboard itself

    def tab_to_path() -> None:
        # As Tab would (tests/reliability/test_autosave.py presses Tab onto it; under Xvfb without a
        # window manager Tab on the welcome title goes nowhere), with the reason Tab gives.
        notice = wizard.recovery.notice
        if notice is not None:
            notice.path.setFocus(Qt.FocusReason.TabFocusReason)
        print("path focused", notice is not None and QApplication.focusWidget() is notice.path, flush=True)

    run_app(wizard, [(damaged, 300), (tab_to_path, 300)])


if __name__ == "__main__":
    main()
