"""Exports of the desktop app: every report format from one `ReportView`, and printing.

Text formats come from the engine's `FORMATS` registry and are written atomically; the PDF and the
printout are laid out by `cloudwizard.pdf` (the same pages either way).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from cloudwizard.engine.answers import write_atomic
from cloudwizard.engine.report.document import build_document
from cloudwizard.engine.report.formats import render_text

if TYPE_CHECKING:
    from cloudwizard.engine.report.view import ReportView


def save_view(view: ReportView, fmt: str, path: str | Path) -> None:
    """Write `view` in `fmt` (pdf or a text format) to `path`, atomically (raises `SaveError`)."""
    if fmt == "pdf":
        from cloudwizard.pdf import write_pdf  # lazy: Qt's PDF writer is needed only here

        write_pdf(build_document(view), path)
    else:
        write_atomic(path, render_text(view, fmt))


def print_view(view: ReportView, parent: QWidget | None) -> bool:
    """Ask for a printer and print `view` with the PDF's layout; False when cancelled."""
    from cloudwizard.localprint import use_local_print_server

    use_local_print_server()  # before Qt's CUPS plugin first runs: the local UNIX socket, never TCP
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # lazy: not needed to start

    from cloudwizard.pdf import paint

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(view.labels.title)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint(build_document(view), printer)
    return True
