"""Type a number that is asked back, for the AT-SPI ask-back test (started by test_accessibility_followup.py).

Usage: python atspi_askback_app.py
The example questionnaire's staff question, in English, with key events:

1. "2.500" typed, the typing pauses (the "Did you mean 2 500?" appears while the focus stays in
   the field), then Enter (Next: the focus goes to "Yes, 2 500");
2. Shift+Tab back to the field, "3.500" typed and Tab at once (the focus goes to "Yes, 3 500");
3. Shift+Tab back, "lots" typed and Tab at once (a refusal without a button; the focus moves on).

Each step is played once the client has heard the one before (see atspi_run.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from cloudwizard.gui.widgets.questions import NumberInput
from tests.gui.atspi_run import focused, run_app, start_app


def main() -> None:
    wizard = start_app()
    wizard.controller.set_answer("audience", "business")
    wizard.controller.go_next()

    def edit() -> QLineEdit:
        found = wizard.window.findChild(QLineEdit, "input_staff")
        assert found is not None
        return found

    def type_it() -> None:
        edit().setFocus()
        QTest.keyClicks(edit(), "2.500")

    def retype(text: str) -> None:
        QTest.keyClick(focused(), Qt.Key.Key_Backtab)
        QTest.keyClick(edit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(edit(), text)
        QTest.keyClick(edit(), Qt.Key.Key_Tab)

    run_app(wizard, [
        (type_it, NumberInput.SETTLE_MS + 500),  # the typing pauses: the field's own timer says "Did you mean" first
        (lambda: QTest.keyClick(edit(), Qt.Key.Key_Return), 300),
        (lambda: retype("3.500"), 300),
        (lambda: retype("lots"), 300),
    ])


if __name__ == "__main__":
    main()
