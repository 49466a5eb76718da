"""Never lose work: autosave to the user's data folder, and crash detection.

The session is saved atomically a moment after the last edit, and a marker file tells the next
start whether the app crashed.
"""

from __future__ import annotations

import contextlib
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
    """

    failed = Signal(str)

    def __init__(self, folder: Path, snapshot: Callable[[], AnswersFile | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
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
        self._timer.start()

    def save_now(self) -> bool | None:
        """Save at once (or remove the autosave when the session holds nothing).

        Returns:
            True when saved, None when there was nothing to save, False when saving failed.
        """
        self._timer.stop()
        data = self._snapshot()
        if data is None or not (data.answers or data.set_aside):
            self.discard()
            return None
        from cloudwizard.engine.answers import SaveError, save_answers  # lazy: keeps start-up lean

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            save_answers(self.path, data)
        except (SaveError, OSError) as exc:
            self.failed.emit(str(exc))
            return False
        return True

    def read(self, questionnaire: Questionnaire) -> AnswersResult | None:
        """The saved session checked against `questionnaire`, or None when there is none."""
        from cloudwizard.engine.answers import read_answers

        if not self.path.is_file():
            return None
        result = read_answers(self.path, questionnaire)
        if result.data is None or not (result.data.answers or result.data.set_aside):
            return None
        return result

    def discard(self) -> None:
        """Forget the saved session."""
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
