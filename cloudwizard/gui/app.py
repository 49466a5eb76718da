"""Composition root of the desktop app (placeholder until the wizard lands)."""

from __future__ import annotations

import argparse
import sys


def run(options: argparse.Namespace) -> int:
    """Start the GUI with the command-line options; returns the exit status."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("CloudWizard")
    label.setObjectName("placeholder")
    label.resize(640, 480)
    label.show()
    if getattr(options, "quit_after_first_paint", False):
        QTimer.singleShot(0, app.quit)
    return int(app.exec())
