"""Press Next on unanswered choices, for the AT-SPI "Please answer" test (test_accessibility_followup.py).

Usage: python atspi_required_app.py
The example questionnaire in English, with key events on the focused widget:

1. the welcome page, nothing chosen: Space on the Next button (the focus goes to the first audience);
2. Alt+Right there (the focus stays on that audience);
3. the audience chosen, the "habits" part: Space on the Next button (the focus goes to "Yes");
4. Alt+Right there (the focus stays).

Listened to by atspi_askback_client.py; each step is played once the client has heard the one before.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from tests.gui.atspi_run import focused, run_app, start_app


def main() -> None:
    wizard = start_app()

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

    run_app(wizard, [(next_button, 300), (alt_right, 300), (to_habits, 300), (next_button, 300), (alt_right, 300)])


if __name__ == "__main__":
    main()
