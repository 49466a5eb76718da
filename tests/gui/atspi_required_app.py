"""Press Next on unanswered choices, for the AT-SPI "Please answer" test (test_accessibility_followup.py).

Usage: python atspi_required_app.py
The example questionnaire in English, with key events on the focused widget:

1. the welcome page, nothing chosen: Space on the Next button (the focus goes to the first audience);
2. Alt+Right there (the focus stays on that audience);
3. the audience chosen, the "habits" part: Space on the Next button (the focus goes to "Yes");
4. Alt+Right there (the focus stays).

Listened to by atspi_askback_client.py; the app quits a few seconds later.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from cloudwizard.engine.loader import load
from cloudwizard.gui.app import build_app

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    tmp = tempfile.mkdtemp()
    wizard = build_app(language="en", questionnaire=load(REPO / "questionnaires" / "examples" / "example.yaml"),
                       settings=QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat), data_dir=tmp)
    wizard.window.show()
    wizard.window.activateWindow()

    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def next_button() -> None:
        button = wizard.window.findChild(QWidget, "nextButton")
        assert button is not None
        button.setFocus()
        QTest.keyClick(button, Qt.Key.Key_Space)

    def alt_right() -> None:
        QTest.keyClick(focused(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)

    def to_habits() -> None:
        wizard.controller.set_answer("audience", "consumer")
        wizard.controller.go_to_section("habits")

    print("ready", flush=True)
    QTimer.singleShot(2500, next_button)  # the client listens by then
    QTimer.singleShot(3300, alt_right)
    QTimer.singleShot(4100, to_habits)
    QTimer.singleShot(4900, next_button)
    QTimer.singleShot(5700, alt_right)
    QTimer.singleShot(7000, wizard.app.quit)
    wizard.app.exec()


if __name__ == "__main__":
    main()
