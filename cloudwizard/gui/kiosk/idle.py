"""Notice when nobody has touched the kiosk for a while."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

#: Events that show someone is there.
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress,
    QEvent.Type.InputMethod,
})


class IdleWatcher(QObject):
    """An application-wide event filter that restarts a timer on every key, click, touch or wheel.

    Args:
        seconds: quiet time before `idle` is emitted.

    Signals:
        idle(): nobody has given any input for `seconds` (emitted once; `restart` re-arms it).
    """

    idle = Signal()

    def __init__(self, seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, round(seconds * 1000)))
        self._timer.timeout.connect(self.idle)
        self._installed = False

    @property
    def active(self) -> bool:
        """Whether the watcher is counting."""
        return self._timer.isActive()

    def set_seconds(self, seconds: float) -> None:
        """Change the quiet time (takes effect at the next input)."""
        self._timer.setInterval(max(1, round(seconds * 1000)))

    def start(self) -> None:
        """Start watching (installs the filter on the application once)."""
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def restart(self) -> None:
        """Count again from zero."""
        self._timer.start()

    def pause(self) -> None:
        """Stop counting until `start` or `restart` (the warning overlay is up)."""
        self._timer.stop()

    def stop(self) -> None:
        """Stop counting and remove the filter."""
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Any input restarts a running count; nothing is filtered out."""
        if event.type() in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False
