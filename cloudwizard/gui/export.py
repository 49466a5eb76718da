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
    from cloudwizard.gui.controller import WizardController


def advice_ready(controller: WizardController) -> bool:
    """Make sure the advice for the current answers is known before it is exported, never on the GUI thread.

    An export from the File menu can come before the result page was ever shown. The advice is then
    worked out the way the result page's is (`WizardController.work_out_recommendation`, on a worker
    thread of `gui/background.py`): the window keeps painting and answering, the busy note shows
    after a moment, and the export goes on once it is known.

    Returns:
        True when the advice is known; False when the wait was given up or the answers changed
        meanwhile (then nothing is exported).
    """
    return controller.work_out_recommendation("export")


#: the file name the Save dialog suggests, in the session's language (plain ASCII: no accent or
#: space a file system or a mail attachment could mangle)
ADVICE_FILE_NAMES = {"nl": "cloudwizard-advies", "fr": "cloudwizard-conseil", "de": "cloudwizard-empfehlung",
                     "en": "cloudwizard-advice"}


def advice_file_name(language: str, suffix: str) -> str:
    """The suggested file name for the advice in `language` (English for another), e.g. ``cloudwizard-conseil.pdf``."""
    return ADVICE_FILE_NAMES.get(language.split("_")[0].lower(), ADVICE_FILE_NAMES["en"]) + suffix


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
