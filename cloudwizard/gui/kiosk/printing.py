"""Printing in a kiosk: straight to the default printer, no dialog (it could print to a file), no files left.

Qt's CUPS back end spools the document through a temporary file (in ``TMPDIR``) that it deletes
once CUPS has the job. Here ``TMPDIR`` points at a private folder for the length of the call, and
the folder is removed right after, so nothing of the visitor stays behind even if Qt failed to clean
up. Once CUPS has the job, Qt can no longer cancel it: `cancel_pending_jobs` asks CUPS (``cancel``)
to drop this user's jobs that are still waiting, which an idle reset does.

Before Qt's print support is first used, `cloudwizard.localprint.use_local_print_server` makes
libcups talk to the local CUPS daemon over its UNIX socket only (no TCP, not even to localhost).
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtGui import QTextDocument

from cloudwizard.localprint import use_local_print_server

Runner = Callable[[list[str]], object]


@contextlib.contextmanager
def private_tmpdir() -> Iterator[str]:
    """Point ``TMPDIR`` at a fresh private folder for the duration; remove it afterwards."""
    base = os.environ.get("XDG_RUNTIME_DIR") or None  # a tmpfs on systemd machines: never on disk
    folder = tempfile.mkdtemp(prefix="cloudwizard-print-", dir=base if base and Path(base).is_dir() else None)
    old = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = folder
    try:
        yield folder
    finally:
        if old is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = old
        shutil.rmtree(folder, ignore_errors=True)


def default_printer_name() -> str:
    """The default printer's name, or "" when there is none."""
    use_local_print_server()  # before libcups first runs: the UNIX socket, never TCP
    from PySide6.QtPrintSupport import QPrinterInfo  # lazy: printing support is big

    info = QPrinterInfo.defaultPrinter()
    return "" if info.isNull() else info.printerName()


def print_html(html: str, title: str) -> bool:
    """Print `html` on the default printer without asking; False when there is no printer."""
    use_local_print_server()
    from PySide6.QtPrintSupport import QPrinter

    name = default_printer_name()
    if not name:
        return False
    with private_tmpdir():
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(name)
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        printer.setDocName(title)
        doc = QTextDocument()
        doc.setHtml(html)
        doc.print_(printer)
        del printer  # ends the job: Qt hands the spool file to CUPS and deletes it
    return True


def cancel_pending_jobs(run: Runner | None = None) -> bool:
    """Cancel this user's print jobs still waiting in CUPS; False when ``cancel`` is not installed."""
    tool = shutil.which("cancel")
    if tool is None:
        return False
    use_local_print_server()  # `cancel` is libcups too, and inherits the setting
    command = [tool, "-u", getpass.getuser()]
    if run is not None:
        run(command)
        return True
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(command, check=False, capture_output=True, timeout=5)
    return True
