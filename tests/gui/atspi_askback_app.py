"""Type a number that is asked back, for the AT-SPI ask-back test (started by test_accessibility_followup.py).

Usage: python atspi_askback_app.py
The example questionnaire's staff question, in English, with key events:

1. "2.500" typed, the typing pauses (the "Did you mean 2 500?" appears while the focus stays in
   the field), then Enter (Next: the focus goes to "Yes, 2 500");
2. Shift+Tab back to the field, "3.500" typed and Tab at once (the focus goes to "Yes, 3 500");
3. Shift+Tab back, "lots" typed and Tab at once (a refusal without a button; the focus moves on).

The app quits a few seconds later.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from cloudwizard.engine.loader import load
from cloudwizard.gui.app import build_app

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    tmp = tempfile.mkdtemp()
    wizard = build_app(language="en", questionnaire=load(REPO / "questionnaires" / "examples" / "example.yaml"),
                       settings=QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat), data_dir=tmp)
    wizard.window.show()
    wizard.window.activateWindow()
    wizard.controller.set_answer("audience", "business")
    wizard.controller.go_next()

    def retype(edit: QLineEdit, text: str) -> None:
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Backtab)
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(edit, text)
        QTest.keyClick(edit, Qt.Key.Key_Tab)

    def type_it() -> None:
        edit = wizard.window.findChild(QLineEdit, "input_staff")
        assert edit is not None
        edit.setFocus()
        QTest.keyClicks(edit, "2.500")
        QTimer.singleShot(2500, lambda: QTest.keyClick(edit, Qt.Key.Key_Return))
        QTimer.singleShot(3500, lambda: retype(edit, "3.500"))
        QTimer.singleShot(5000, lambda: retype(edit, "lots"))
        QTimer.singleShot(6500, wizard.app.quit)

    print("ready", flush=True)
    QTimer.singleShot(2500, type_it)  # the client listens by then
    wizard.app.exec()


if __name__ == "__main__":
    main()
