"""Run the wizard for the AT-SPI autosave-notice test (started under Xvfb by test_accessibility_notice.py).

Usage: python atspi_notice_app.py LANG

The window shows the welcome page; 2.5 s after "ready" (the client listens by then) a damaged
autosave is found, as at start-up (`Recovery.offer_restore`): it is moved aside and the notice
appears under the header; 1.5 s later the notice's path gets the focus, as by Tab.
The app quits at 12 s.
"""

from __future__ import annotations

import sys
import tempfile

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from cloudwizard.engine.loader import load_bundled
from cloudwizard.gui.app import build_app


def main() -> None:
    lang = sys.argv[1]
    tmp = tempfile.mkdtemp()
    wizard = build_app(language=lang, questionnaire=load_bundled(),
                       settings=QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat), data_dir=tmp)
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
        QTimer.singleShot(1500, tab_to_path)

    def tab_to_path() -> None:
        # As Tab would (tests/reliability/test_autosave.py presses Tab onto it; under Xvfb without a
        # window manager Tab on the welcome title goes nowhere), with the reason Tab gives.
        notice = wizard.recovery.notice
        if notice is not None:
            notice.path.setFocus(Qt.FocusReason.TabFocusReason)
        print("path focused", notice is not None and QApplication.focusWidget() is notice.path, flush=True)

    QTimer.singleShot(4000, damaged)  # "ready" + the runner's 1.5 s + the client's start
    QTimer.singleShot(12000, wizard.app.quit)
    print("ready", flush=True)
    wizard.app.exec()


if __name__ == "__main__":
    main()
