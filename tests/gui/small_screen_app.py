"""Run by test_window_small_screen.py in its own process (QT_SCALE_FACTOR must be set before Qt starts).

Prints, as JSON, the screen's available geometry, the window's size, and for the welcome page and the
first questions page every primary control's rectangle mapped to the window, the height of the
page's scroll area and how many rows the navigation bar takes. With ``CLOUDWIZARD_SHOTS`` set to a
folder, each page is also saved there as ``<lang>-<page>.png`` (to look at).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget


def rect(widget: QWidget, window: QWidget) -> list[int]:
    """`widget`'s rectangle in `window`'s coordinates, as [x, y, width, height]."""
    r = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> None:
    """Show the wizard in the language given, then report its geometry on two pages."""
    app = QApplication(sys.argv[:1])
    from cloudwizard.gui.app import build_app

    lang, questionnaire = sys.argv[1], Path(sys.argv[2])
    folder = tempfile.mkdtemp()
    wizard = build_app(language=lang, questionnaire=questionnaire, data_dir=Path(folder) / "data",
                       settings=QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
    window = wizard.window
    window.show()
    QTest.qWaitForWindowExposed(window)
    QTest.qWait(300)
    screen = window.screen().availableGeometry()
    report: dict[str, object] = {"screen": [screen.width(), screen.height()]}

    def look(page: str) -> None:
        QTest.qWait(300)
        shown = [w for w in (window.back_button, window.start_over_button, window.next_button,
                             window.language_combo, window.stack) if w.isVisible()]
        page_widget = window.stack.currentWidget()
        scroll = page_widget if isinstance(page_widget, QAbstractScrollArea) else page_widget.findChild(QAbstractScrollArea)
        in_nav = [w for w in (window.back_button, window.start_over_button, window.next_button,
                              window.compact_progress) if w.isVisible()]
        rows = {w.mapTo(window.nav, w.rect().center()).y() // 8 for w in in_nav}  # one centre line a row
        report[page] = {"window": [window.width(), window.height()],
                        "controls": {w.objectName(): rect(w, window) for w in shown},
                        "scroll": scroll.viewport().height() if scroll is not None else None,
                        "nav_rows": len(rows), "nav": rect(window.nav, window)}
        shots = os.environ.get("CLOUDWIZARD_SHOTS")
        if shots:
            window.grab().save(str(Path(shots) / f"{lang}-{page}.png"))

    look("welcome")
    audience = window.findChild(QAbstractButton, "audience_business")
    assert audience is not None
    audience.click()
    window.next_button.click()
    look("questions")
    print(json.dumps(report))
    app.quit()


if __name__ == "__main__":
    main()
