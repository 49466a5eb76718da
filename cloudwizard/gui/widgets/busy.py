"""A small "working on it" note floating over the pages while the advice is worked out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QWidget


class BusyNote(QFrame):
    """An indeterminate progress bar and a line of text, centred near the bottom of `host`.

    It follows the host's size and never takes the focus, so the keyboard stays where it was.
    """

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.host = host
        self.setObjectName("busyNote")
        self.setProperty("role", "banner")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("busyBar")
        self.bar.setRange(0, 0)  # indeterminate: the search has no countable steps
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(120)
        self.label = QLabel(self)
        self.label.setObjectName("busyText")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 16, 10)
        row.setSpacing(12)
        row.addWidget(self.bar)
        row.addWidget(self.label)
        self.hide()
        host.installEventFilter(self)

    def show_text(self, text: str) -> None:
        """Show the note with `text` (also its accessible name)."""
        self.label.setText(text)
        self.setAccessibleName(text)
        self.bar.setAccessibleName(text)
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        size = self.sizeHint()
        host = self.host.size()
        self.resize(size)
        self.move(max(0, (host.width() - size.width()) // 2), max(0, host.height() - size.height() - 24))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Stay centred when the host is resized."""
        if watched is self.host and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return super().eventFilter(watched, event)
