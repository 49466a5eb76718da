"""Unexpected errors: save the answers, explain in plain words, and hand over a report to copy.

`CrashHandler` replaces `sys.excepthook` and `threading.excepthook` while the app runs. For an
exception that escapes a slot it saves the session at once (keeping the crash marker, so the next
start offers to restore the answers), prints the report to standard error and shows a
`CrashDialog`. The report names the versions, the platform and the traceback, but never the user's
answers: people paste it into e-mails, so every answer value is cut out of the exception messages.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

import datetime as _dt
import platform
import re
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

Gettext = Callable[[str], str]
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

#: What replaces an answer value in a report.
REDACTED = "<answer>"
#: Texts shorter than this are not cut out of messages (a choice id such as "no" would maim them).
MIN_SECRET_LENGTH = 2


class Saved(Enum):
    """What became of the answers when the error happened."""

    SAVED = "saved"
    NOTHING = "nothing"  # no answers yet, or autosave is off
    FAILED = "failed"


# -- the report --------------------------------------------------------------------------------

def _secret_texts(values: Iterable[Any]) -> tuple[list[str], list[str]]:
    """Split answer values into texts and numbers (as they may be written in a message)."""
    texts: set[str] = set()
    numbers: set[str] = set()
    stack = list(values)
    while stack:
        value = stack.pop()
        if value is None or isinstance(value, bool):
            continue
        if isinstance(value, (set, frozenset, list, tuple)):
            stack.extend(value)
        elif isinstance(value, (int, float)):
            numbers.update({str(value), repr(value), f"{value:g}"})
            if float(value).is_integer():
                numbers.add(str(int(value)))
        else:
            text = str(value)
            for variant in (text, repr(text)[1:-1], *text.splitlines()):
                if len(variant.strip()) >= MIN_SECRET_LENGTH:
                    texts.add(variant)
    return sorted(texts, key=len, reverse=True), sorted(numbers, key=len, reverse=True)


def redact(text: str, secrets: Iterable[Any]) -> str:
    """Cut every answer value in `secrets` out of `text`.

    Texts are cut where they stand as whole words; numbers only where they stand on their own (so
    "80" is cut from "got 80" but not from "line 805" or "v1.80").
    """
    texts, numbers = _secret_texts(secrets)
    for secret in texts:  # whole words only: the choice id "no" must not maim "cannot"
        before = r"(?<!\w)" if secret[0].isalnum() or secret[0] == "_" else ""
        after = r"(?!\w)" if secret[-1].isalnum() or secret[-1] == "_" else ""
        text = re.sub(before + re.escape(secret) + after, REDACTED, text)
    for number in numbers:
        text = re.sub(rf"(?<![\w.]){re.escape(number)}(?![\w.])", REDACTED, text)
    return text


def format_exception(exc_info: ExcInfo, secrets: Iterable[Any] = ()) -> str:
    """The traceback with answer values cut out of the messages (the stack itself is source code)."""
    exc_type, exc, tb = exc_info
    secrets = list(secrets)
    chunks = traceback.TracebackException(exc_type, exc, tb).format()
    # Each frame comes as one chunk starting with '  File "…", line N': those are code, not data,
    # and their line numbers must survive; so must Python's own headings ("most recent" is no answer
    # even when an answer is "recent"). Everything else (messages, notes) is redacted.
    return "".join(
        chunk if chunk.startswith('  File "') or chunk in _PYTHON_HEADINGS else redact(chunk, secrets)
        for chunk in chunks
    )


#: The fixed lines Python's traceback module writes between frames and messages.
_PYTHON_HEADINGS = frozenset({
    "Traceback (most recent call last):\n",
    "\nThe above exception was the direct cause of the following exception:\n\n",
    "\nDuring handling of the above exception, another exception occurred:\n\n",
})


def error_report(exc_info: ExcInfo, secrets: Iterable[Any] = (), context: Iterable[tuple[str, str]] = ()) -> str:
    """The whole report: versions, platform, context lines (no answers) and the redacted traceback."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from cloudwizard import __version__

    app = QGuiApplication.instance()
    platform_name = QGuiApplication.platformName() if app is not None else "none"
    lines = [
        "CloudWizard error report",
        f"CloudWizard: {__version__}",
        f"Python: {platform.python_version()} ({platform.python_implementation()})",
        f"Qt: {qVersion()}, PySide6: {pyside_version}",
        f"Platform: {platform.platform()} ({platform_name})",
        *(f"{key}: {value}" for key, value in context),
        f"Time: {_dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()}",
        "",
        format_exception(exc_info, secrets).rstrip("\n"),
    ]
    report = "\n".join(lines) + "\n"
    home = str(Path.home())
    if len(home) > 1:  # the user's name is often part of the home folder
        report = report.replace(home, "~")
    return report


# -- the dialog --------------------------------------------------------------------------------

class CrashDialog(QDialog):
    """Says that something went wrong, shows the report and lets the user copy it.

    Args:
        gettext: the ``_()`` of the current language.
        report: the error report (already without answers).
        saved: what became of the answers.
        kiosk: a public kiosk: no report (it holds file paths), no copying and no quitting.
        parent: the main window.

    Signals:
        quitRequested(): the user chose to quit.
    """

    quitRequested = Signal()

    def __init__(self, gettext: Gettext, report: str, saved: Saved, kiosk: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _ = gettext
        self.kiosk = kiosk
        self.setObjectName("crashDialog")
        self.setWindowTitle(_("CloudWizard — something went wrong"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        if kiosk:
            text = _("Something went wrong. You can continue; if it happens again, please tell a member of staff.")
        elif saved is Saved.SAVED:
            text = _("Something went wrong. Your answers are saved. You can continue, or quit and start "
                     "CloudWizard again: it will offer to restore your answers.")
        elif saved is Saved.FAILED:
            text = _("Something went wrong, and your answers could not be saved. Continue, and save them "
                     "with File ▸ Save answers.")
        else:
            text = _("Something went wrong. You can continue, or quit and start again.")
        self.message = QLabel(text, self)
        self.message.setObjectName("crashMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.report = QPlainTextEdit(self)
        self.report.setObjectName("crashReport")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setPlainText(report)
        self.report.setAccessibleName(_("Error report"))
        self.report.setMinimumSize(560, 220)
        self.report_hint = QLabel(_("If you write to the makers of CloudWizard, paste this report into your "
                                    "message. It holds no answers."), self)
        self.report_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.report_hint.setWordWrap(True)
        self.report_hint.setProperty("role", "muted")
        layout.addWidget(self.report_hint)
        layout.addWidget(self.report, 1)

        row = QHBoxLayout()
        self.copy_button = QPushButton(_("Copy report"), self)
        self.copy_button.setObjectName("copyReport")
        self.copy_button.setAutoDefault(False)
        self.quit_button = QPushButton(_("Quit"), self)
        self.quit_button.setObjectName("quitButton")
        self.quit_button.setAutoDefault(False)
        self.continue_button = QPushButton(_("Continue"), self)
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setDefault(True)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        row.addWidget(self.quit_button)
        row.addWidget(self.continue_button)
        layout.addLayout(row)
        self._copied = _("Copied")

        for widget in (self.report, self.report_hint, self.copy_button, self.quit_button):
            widget.setVisible(not kiosk)
        self.copy_button.clicked.connect(self.copy_report)
        self.continue_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self._quit)
        self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def append(self, report: str) -> None:
        """Add the report of a further error that happened while the dialog was open."""
        self.report.appendPlainText("\n" + report)

    def copy_report(self) -> None:
        """Put the whole report on the clipboard."""
        if self.kiosk:
            return
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.report.toPlainText())
            self.copy_button.setText(self._copied)

    def _quit(self) -> None:
        if self.kiosk:
            return
        self.reject()
        self.quitRequested.emit()


# -- the hook ----------------------------------------------------------------------------------

class CrashHandler(QObject):
    """Catches exceptions that escape slots (and threads) and shows them in a `CrashDialog`.

    Args:
        gettext: returns the current ``_()`` (the language may change while the app runs).
        save_session: saves the answers at once and keeps the crash marker; says what it did.
        secrets: every answer value of the session, to be cut out of the report.
        context: extra report lines such as the questionnaire id and the page (never answers).
        parent: the main window (the dialog's parent).
        kiosk: passed on to the dialog.
        on_quit: called when the user chooses Quit.
        stream: where the report is also written (default: standard error).

    Signals:
        shown(QDialog): a crash dialog was opened (tests close it).
    """

    shown = Signal(QDialog)
    _fromThread = Signal(object)

    def __init__(
        self,
        gettext: Callable[[], Gettext],
        save_session: Callable[[], Saved],
        secrets: Callable[[], Iterable[Any]],
        context: Callable[[], Iterable[tuple[str, str]]],
        parent: QWidget | None = None,
        *,
        kiosk: bool = False,
        on_quit: Callable[[], None] | None = None,
        stream: TextIO | None = None,
    ) -> None:
        super().__init__(parent)
        self._gettext = gettext
        self._save_session = save_session
        self._secrets = secrets
        self._context = context
        self._parent_widget = parent
        self._kiosk = kiosk
        self._on_quit = on_quit
        self._stream = stream
        self._busy = False
        self._previous_hook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[..., Any] | None = None
        self.dialog: CrashDialog | None = None
        self.reports: list[str] = []
        self._fromThread.connect(self._handle, Qt.ConnectionType.QueuedConnection)

    # -- installing ----------------------------------------------------------------------------
    def install(self) -> None:
        """Become `sys.excepthook` and `threading.excepthook`."""
        if sys.excepthook is not self.excepthook:
            self._previous_hook = sys.excepthook
            sys.excepthook = self.excepthook
        if threading.excepthook is not self.thread_excepthook:
            self._previous_thread_hook = threading.excepthook
            threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        """Put the previous hooks back (only where ours is still in place)."""
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook or sys.__excepthook__
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self._previous_thread_hook or threading.__excepthook__

    # -- hooks ---------------------------------------------------------------------------------
    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """`sys.excepthook`: an exception nobody caught."""
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            (self._previous_hook or sys.__excepthook__)(exc_type, exc, tb)
            return
        if QApplication.instance() is None:
            self._fallback((exc_type, exc, tb))
        elif threading.current_thread() is not threading.main_thread():
            self._fromThread.emit((exc_type, exc, tb))  # widgets only on the GUI thread
        else:
            self._handle((exc_type, exc, tb))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """`threading.excepthook`: hand the exception over to the GUI thread."""
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self._fromThread.emit((args.exc_type, args.exc_value, args.exc_traceback))

    def _handle(self, exc_info: ExcInfo) -> None:
        if self._busy:  # an error while handling an error: never recurse
            self._fallback(exc_info)
            return
        self._busy = True
        try:
            self._report(exc_info)
        except BaseException:  # the last line of defence must not raise
            self._fallback(exc_info, sys.exc_info())
        finally:
            self._busy = False

    def _report(self, exc_info: ExcInfo) -> None:
        try:
            saved = self._save_session()
        except Exception:  # the user still gets the dialog, which says the answers are not saved
            saved = Saved.FAILED
        report = error_report(exc_info, self._secrets(), self._context())
        self.reports.append(report)
        self._write(report)
        if self.dialog is not None:
            self.dialog.append(report)
            return
        dialog = CrashDialog(self._gettext(), report, saved, self._kiosk, self._parent_widget)
        dialog.quitRequested.connect(self._quit)
        dialog.destroyed.connect(self._forget_dialog)
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.show()  # modal but not blocking: no nested event loop inside a failing slot
        self.shown.emit(dialog)

    def _forget_dialog(self, *_args: object) -> None:
        self.dialog = None

    def _quit(self) -> None:
        if self._on_quit is not None:
            self._on_quit()

    def _write(self, text: str) -> None:
        stream = self._stream or sys.stderr or sys.__stderr__
        if stream is None:
            return
        try:
            stream.write(text)
            stream.flush()
        except (OSError, ValueError):  # a closed or broken stream: nowhere left to say it
            pass

    def _fallback(self, exc_info: ExcInfo, inner: Any = None) -> None:
        """Plain standard error, for an error inside the handler itself."""
        stream = sys.__stderr__
        if stream is None:
            return
        try:
            stream.write("CloudWizard: an unexpected error (the error dialog could not be shown):\n")
            stream.write(format_exception(exc_info, self._safe_secrets()))
            if inner is not None and inner[0] is not None:
                stream.write("While handling it:\n")
                stream.write(format_exception(inner, self._safe_secrets()))
            stream.flush()
        except (OSError, ValueError):
            pass

    def _safe_secrets(self) -> list[Any]:
        try:
            return list(self._secrets())
        except Exception:  # cannot collect them: cut out nothing rather than fail
            return []
