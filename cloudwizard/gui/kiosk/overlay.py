"""The "are you still there?" overlay: a countdown over the whole window, with "More time"."""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from cloudwizard.gui.l10n import Localizer
from cloudwizard.gui.widgets.common import make_card, make_label


class IdleOverlay(QWidget):
    """Covers its parent with a dimmed layer and a card that counts down.

    Signals:
        moreTimeRequested(): the visitor is still there; keep the session.
        startOverRequested(): the visitor is done; reset now.
        expired(): the countdown reached zero.
    """

    moreTimeRequested = Signal()
    startOverRequested = Signal()
    expired = Signal()

    def __init__(self, l10n: Localizer, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleOverlay")
        self._l10n = l10n
        self._seconds = 0.0
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(100)
        self._tick.timeout.connect(self._update)
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self._expire)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.card, lay = make_card("idleCard", self)
        self.card.setMaximumWidth(720)
        self.title = make_label(role="headline", parent=self.card, name="idleTitle")
        self.countdown = make_label(parent=self.card, name="idleCountdown")
        self.countdown.setProperty("role", "subtitle")
        self.more_button = QPushButton(self.card)
        self.more_button.setObjectName("moreTimeButton")
        self.more_button.setProperty("role", "primary")
        self.more_button.setAutoDefault(True)
        self.start_over_button = QPushButton(self.card)
        self.start_over_button.setObjectName("idleStartOverButton")
        self.start_over_button.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.more_button)
        buttons.addWidget(self.start_over_button)
        buttons.addStretch(1)
        lay.addWidget(self.title)
        lay.addWidget(self.countdown)
        lay.addLayout(buttons)
        row.addWidget(self.card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

        self.more_button.clicked.connect(self._more_time)
        self.start_over_button.clicked.connect(self._start_over)
        parent.installEventFilter(self)
        self.hide()
        self.retranslate()

    @property
    def running(self) -> bool:
        """Whether the countdown is on."""
        return self._expiry.isActive()

    def remaining(self) -> float:
        """Seconds left before the reset."""
        if not self.running:
            return 0.0
        return max(0.0, self._seconds - self._clock.elapsed() / 1000)

    def start(self, seconds: float) -> None:
        """Show the overlay and count down from `seconds`."""
        self._seconds = seconds
        self._clock.start()
        self._expiry.start(max(1, round(seconds * 1000)))
        self._tick.start()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self._update()
        self.more_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        """Hide the overlay without emitting anything."""
        self._expiry.stop()
        self._tick.stop()
        self.hide()

    def _more_time(self) -> None:
        self.stop()
        self.moreTimeRequested.emit()

    def _start_over(self) -> None:
        self.stop()
        self.startOverRequested.emit()

    def _expire(self) -> None:
        self.stop()
        self.expired.emit()

    def _update(self) -> None:
        _ = self._l10n.gettext
        seconds = math.ceil(self.remaining())
        self.countdown.setText(
            _("In {seconds} seconds this screen starts over and your answers are cleared.").format(seconds=seconds))

    def retranslate(self) -> None:
        """Rewrite every text in the current language."""
        _ = self._l10n.gettext
        self.title.setText(_("Are you still there?"))
        self.more_button.setText(_("More time"))
        self.start_over_button.setText(_("I am done: start over"))
        self.setAccessibleName(_("Are you still there?"))
        self._update()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Follow the parent's size."""
        parent = self.parentWidget()
        if parent is not None and obj is parent and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(parent.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Dim what is underneath."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 170))
        painter.end()
        super().paintEvent(event)
