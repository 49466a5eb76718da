"""Type a number that is asked back, for the AT-SPI ask-back test (started by test_accessibility_followup.py).

Usage: python atspi_askback_app.py
The example questionnaire's staff question, in English: "2.500" is typed key by key, the typing
pauses (the "Did you mean 2 500?" appears while the focus stays in the field), then Enter is pressed
(Next: the focus goes to "Yes, 2 500"). The app quits a few seconds later.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

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

    def type_it() -> None:
        edit = wizard.window.findChild(QLineEdit, "input_staff")
        assert edit is not None
        edit.setFocus()
        QTest.keyClicks(edit, "2.500")
        QTimer.singleShot(2500, lambda: QTest.keyClick(edit, Qt.Key.Key_Return))
        QTimer.singleShot(5000, wizard.app.quit)

    print("ready", flush=True)
    QTimer.singleShot(2500, type_it)  # the client listens by then
    wizard.app.exec()


if __name__ == "__main__":
    main()
