"""Exports: PDF and printing from the engine's HTML report, and text formats written atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget

from cloudwizard.engine.answers import SaveError, write_atomic

#: Suffix and Qt file-dialog filter of each text format.
TEXT_FORMATS = {"markdown": ".md", "html": ".html", "json": ".json"}


def _document(html: str, title: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    doc.setHtml(html)
    return doc


def export_pdf(html: str, path: str | Path, title: str = "CloudWizard") -> None:
    """Write `html` as an A4 PDF to `path` (via a temporary file, so a failure leaves no half file).

    Raises:
        SaveError: when the file cannot be written.
    """
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path())
    except OSError as exc:
        raise SaveError(exc.errno or 0, f"Could not save {target}: {exc.strerror or exc}.") from exc
    os.close(fd)
    try:
        writer = QPdfWriter(tmp)
        writer.setTitle(title)
        writer.setCreator("CloudWizard")
        writer.setResolution(150)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
        doc = _document(html, title)
        doc.setPageSize(QSizeF(writer.width(), writer.height()))
        doc.print_(writer)
        del writer  # closes the file
        if Path(tmp).stat().st_size == 0:
            raise SaveError(0, f"Could not save {target}: the PDF came out empty.")
        os.replace(tmp, target)
    except OSError as exc:
        raise SaveError(exc.errno or 0, f"Could not save {target}: {exc.strerror or exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def print_html(html: str, parent: QWidget | None, title: str = "CloudWizard") -> bool:
    """Ask for a printer and print `html`; False when cancelled."""
    from cloudwizard.localprint import use_local_print_server

    use_local_print_server()  # before Qt's CUPS plugin first runs: the local UNIX socket, never TCP
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # lazy: not needed to start

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _document(html, title).print_(printer)
    return True


def save_text(text: str, path: str | Path) -> None:
    """Write a text export atomically (raises `SaveError`)."""
    write_atomic(path, text)
