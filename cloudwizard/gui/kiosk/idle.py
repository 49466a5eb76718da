"""Notice when nobody has touched the kiosk for a while."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

#: Events that show someone is there.
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress,
    QEvent.Type.InputMethod,
})
#: How often the watcher looks at the clock (the idle time is minutes: half a second is precise enough).
POLL_MS = 500


class IdleWatcher(QObject):
    """An application-wide event filter that notes the time of every key, click, touch or wheel.

    A timer looks at `clock` every `POLL_MS`; `check` does the same at once (tests move a fake clock
    and call it, instead of waiting).

    Args:
        seconds: quiet time before `idle` is emitted.
        parent: the owner.
        clock: seconds from a monotonic clock (tests pass a fake one).

    Signals:
        idle(): nobody has given any input for `seconds` (emitted once; `restart` re-arms it).
    """

    idle = Signal()

    def __init__(self, seconds: float, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self.seconds = seconds
        self._last = clock()
        self._counting = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check)
        self._installed = False

    @property
    def active(self) -> bool:
        """Whether the watcher is counting."""
        return self._counting

    def remaining(self) -> float:
        """Seconds of quiet left before `idle` (0 when not counting)."""
        if not self._counting:
            return 0.0
        return max(0.0, self.seconds - (self.clock() - self._last))

    def set_seconds(self, seconds: float) -> None:
        """Change the quiet time."""
        self.seconds = seconds

    def start(self) -> None:
        """Start watching (installs the filter on the application once) and count from zero."""
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.restart()

    def restart(self) -> None:
        """Count again from zero."""
        self._last = self.clock()
        self._counting = True
        self._poll.start()

    def pause(self) -> None:
        """Stop counting until `start` or `restart` (the warning overlay or the staff prompt is up)."""
        self._counting = False
        self._poll.stop()

    def stop(self) -> None:
        """Stop counting and remove the filter."""
        self.pause()
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def check(self) -> None:
        """Emit `idle` when the quiet time is over (and stop counting)."""
        if self._counting and self.clock() - self._last >= self.seconds:
            self.pause()
            self.idle.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Any input restarts a running count; nothing is filtered out."""
        if self._counting and event.type() in INPUT_EVENTS:
            self._last = self.clock()
        return False
