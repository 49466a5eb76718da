"""Never lose work: autosave to the user's data folder, and crash detection.

The session is saved atomically a moment after the last edit, and a marker file tells the next
start whether the app crashed.

The autosave file is only ever removed on purpose: when the person clears their answers or chooses
to discard it, or when this run saved it and the session became empty. An autosave that cannot be
read (damaged, or for another questionnaire) is moved aside to ``autosave.cwanswers.yaml.corrupt-
<time>`` and the person is told where it is (a notice that stays, see ``widgets/notice.py``), so that
the next edit does not overwrite it.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from cloudwizard.engine.answers import AnswersFile, AnswersResult
    from cloudwizard.engine.model import Questionnaire

AUTOSAVE_NAME = "autosave.cwanswers.yaml"
MARKER_NAME = "running.pid"
DELAY_MS = 300


class Autosave(QObject):
    """Saves a snapshot of the session shortly after each change.

    Args:
        folder: the user's data folder (created when needed).
        snapshot: returns the session to save, or None when there is nothing worth keeping.

    Signals:
        failed(str): saving failed; the message says why (the previous autosave is unchanged).
        saved(): saving worked (after a failure, the app takes its notice away).
        unreadable(object): the autosave could not be read; the `Path` it was moved to, or None when
            it could not be moved (then automatic saving is paused). `Recovery` shows a notice.
    """

    failed = Signal(str)
    saved = Signal()
    unreadable = Signal(object)

    def __init__(self, folder: Path, snapshot: Callable[[], AnswersFile | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Returns the current ``_()`` (the app sets it; messages are in English until then).
        self.gettext: Callable[[], Callable[[str], str]] = lambda: (lambda text: text)
        #: Where an unreadable autosave was moved to, if it was.
        self.set_aside_path: Path | None = None
        self._written = False  # this run saved the file (so an empty session may remove it)
        self._paused = False  # an unreadable autosave could not be moved aside: never overwrite it
        #: The last attempt to save failed (the answers since then are nowhere on disk).
        self.failing = False
        #: Why it failed, in the current language (the notice shows it and follows the language).
        self.failure_reason: Callable[[], str] = lambda: ""
        self.folder = folder
        self.path = folder / AUTOSAVE_NAME
        self.marker = folder / MARKER_NAME
        self._snapshot = snapshot
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self._keep_marker = False

    def schedule(self) -> None:
        """Save a moment from now (edits in quick succession are saved once)."""
        if not self._paused:
            self._timer.start()

    def save_now(self) -> bool | None:
        """Save at once (or remove the autosave when the session holds nothing).

        Returns:
            True when saved, None when there was nothing to save, False when saving failed.
        """
        self._timer.stop()
        if self._paused:
            return False
        data = self._snapshot()
        if data is None or not (data.answers or data.set_aside):
            # Nothing to keep. Remove the file only if this run wrote it: an autosave from an earlier
            # run, not yet restored or discarded, stays (e.g. an error at start-up saves an empty session).
            if self._written:
                self.discard()
            return None
        from cloudwizard.engine.answers import save_answers  # lazy: keeps start-up lean

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            save_answers(self.path, data)
        except OSError as exc:  # SaveError is an OSError
            self.failing = True
            code = exc.errno or 0
            self.failure_reason = lambda: self._reason(code)
            self.failed.emit(self._failure_message(exc))
            return False
        self._written = True
        if self.failing:
            self.failing = False
            self.saved.emit()
        return True

    def _reason(self, code: int) -> str:
        _ = self.gettext()
        reasons = {
            errno.ENOSPC: _("the disk is full"),
            errno.EDQUOT: _("the disk is full"),
            errno.EACCES: _("there is no permission to write there"),
            errno.EPERM: _("there is no permission to write there"),
            errno.EROFS: _("the folder is read-only"),
            errno.ENOENT: _("the folder does not exist"),
        }
        return reasons.get(code, _("the file could not be written"))

    def _failure_message(self, exc: OSError) -> str:
        _ = self.gettext()
        reason = self._reason(exc.errno or 0)
        return _("Your answers could not be saved automatically ({reason}): {folder}. "
                 "Save them with File ▸ Save answers.").format(reason=reason, folder=self.folder)

    def read(self, questionnaire: Questionnaire) -> AnswersResult | None:
        """The saved session checked against `questionnaire`, or None when there is none."""
        from cloudwizard.engine.answers import read_answers

        if not (self.path.exists() or self.path.is_symlink()):
            return None
        result = read_answers(self.path, questionnaire)
        if result.data is None:  # damaged, or not for this questionnaire: keep it, out of the way
            self._set_aside()
            return None
        if not (result.data.answers or result.data.set_aside):
            return None
        return result

    def _set_aside(self) -> None:
        """Move the unreadable autosave aside and say where it is (it is never deleted)."""
        target = self._move_aside("corrupt")
        if target is None:
            self.unreadable.emit(None)
            return
        self.set_aside_path = target
        self.unreadable.emit(target)

    def _move_aside(self, kind: str) -> Path | None:
        """Rename the autosave to ``<name>.<kind>-<time>``; None (and saving paused) when it cannot be."""
        stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.{kind}-{stamp}")
        n = 1
        while target.exists() or target.is_symlink():
            n += 1
            target = self.path.with_name(f"{self.path.name}.{kind}-{stamp}-{n}")
        try:
            os.replace(self.path, target)
        except OSError:
            self._timer.stop()
            self._paused = True  # never overwrite answers the person has not seen again
            return None
        return target

    def set_aside(self) -> Path | None:
        """The person chose to start afresh: move the saved answers to ``….discarded-<time>``, never delete.

        Returns:
            Where they are now; None when there was no autosave or it could not be moved (then it stays
            in its place and automatic saving is paused, so it is not overwritten).
        """
        self._timer.stop()
        if not (self.path.exists() or self.path.is_symlink()):
            return None
        target = self._move_aside("discarded")
        if target is not None:
            self.set_aside_path = target
        return target

    def discard(self) -> None:
        """Forget the saved session (the person chose to, or cleared their answers)."""
        self._timer.stop()
        with contextlib.suppress(OSError):
            self.path.unlink()

    # -- crash detection ---------------------------------------------------------------------
    def begin_run(self) -> bool:
        """Mark this run as started; returns True when the previous run did not end cleanly."""
        crashed = False
        if self.marker.is_file():
            try:
                pid = int(self.marker.read_text(encoding="utf-8").strip() or "0")
            except (OSError, ValueError):
                pid = 0
            crashed = not _alive(pid)
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            self.marker.write_text(str(os.getpid()), encoding="utf-8")
        return crashed

    def keep_marker(self) -> None:
        """After an unexpected error: leave the marker at the end, so the next start offers a restore."""
        self._keep_marker = True

    def end_run(self) -> None:
        """Save and mark this run as ended cleanly (unless `keep_marker` was called)."""
        if self._timer.isActive():
            self.save_now()
        if self._keep_marker:
            return
        with contextlib.suppress(OSError):
            self.marker.unlink()


def _alive(pid: int) -> bool:
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
