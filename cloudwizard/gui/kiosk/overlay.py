"""The "are you still there?" overlay: a countdown over the whole window, with "More time".

The overlay is opaque, and what it covers is hidden while it is up: nothing of the visitor's
answers or advice can be read behind it, on the screen or by a screen reader, and Tab cannot reach it.

To a screen reader the overlay is an alert named "Are you still there?" whose description is the
warning; the warning is announced once when it appears and once more with `FINAL_WARNING_SECONDS`
left, and it is the description of "More time", where the focus lands. The countdown label itself
changes every second, which a screen reader does not (and should not) read out each time.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from cloudwizard.gui.l10n import Localizer
from cloudwizard.gui.widgets.announce import announce
from cloudwizard.gui.widgets.common import make_card, make_label

#: How often the countdown is redrawn and the clock looked at.
TICK_MS = 200
#: Seconds left when the warning is announced a second (and last) time.
FINAL_WARNING_SECONDS = 10


class IdleOverlay(QWidget):
    """Covers its parent with an opaque layer and a card that counts down.

    Args:
        l10n: the texts' language.
        parent: the window to cover.
        clock: seconds from a monotonic clock (tests pass a fake one and call `tick`).

    Signals:
        moreTimeRequested(): the visitor is still there; keep the session.
        startOverRequested(): the visitor is done; reset now.
        expired(): the countdown reached zero.
    """

    moreTimeRequested = Signal()
    startOverRequested = Signal()
    expired = Signal()

    def __init__(self, l10n: Localizer, parent: QWidget, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("idleOverlay")
        self.setAutoFillBackground(False)
        self._l10n = l10n
        self.clock = clock
        self._deadline = 0.0
        self._running = False
        self._covered: list[QWidget] = []
        self._focus: QWidget | None = None
        #: The warnings a screen reader was given in this countdown (at the start, near the end).
        self.announced: list[str] = []
        #: Kept here: the interface Qt asks the kiosk's accessibility factory for lives as long as the overlay.
        self.accessible: IdleOverlayAccessible | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.tick)

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
        return self._running

    def remaining(self) -> float:
        """Seconds left before the reset."""
        if not self._running:
            return 0.0
        return max(0.0, self._deadline - self.clock())

    def start(self, seconds: float) -> None:
        """Cover the window (hiding what is under it) and count down from `seconds`."""
        self._deadline = self.clock() + seconds
        self._running = True
        self._tick.start()
        parent = self.parentWidget()
        if parent is not None:
            if not self._covered:
                focus = QApplication.focusWidget()
                self._focus = focus if focus is not None and parent.isAncestorOf(focus) else None
                self._covered = [w for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                                 if w is not self and not w.isWindow() and w.isVisible()]
            for widget in self._covered:
                widget.hide()
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.announced = []
        self._update()
        self.more_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._warn()

    def stop(self) -> None:
        """Take the overlay away (showing what it covered again) without emitting anything."""
        self._running = False
        self._tick.stop()
        self.hide()
        covered, self._covered = self._covered, []
        for widget in covered:
            widget.show()

    def tick(self) -> None:
        """Redraw the countdown; when it has run out, stop and emit `expired`."""
        if not self._running:
            return
        if self.remaining() <= 0:
            self._expire()
        else:
            self._update()
            if len(self.announced) == 1 and self.remaining() <= FINAL_WARNING_SECONDS:
                self._warn()

    def _more_time(self) -> None:
        focus, self._focus = self._focus, None
        self.stop()
        if focus is not None and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.moreTimeRequested.emit()

    def _start_over(self) -> None:
        self._focus = None
        self.stop()
        self.startOverRequested.emit()

    def _expire(self) -> None:
        self._focus = None
        self.stop()
        self.expired.emit()

    def warning(self) -> str:
        """The whole warning as a screen reader says it: the question and the seconds left."""
        return f"{self.title.text()} {self.countdown.text()}"

    def _warn(self) -> None:
        """Put the warning with the seconds left on "More time" and have a screen reader say it now."""
        text = self.warning()
        self.more_button.setAccessibleDescription(text)
        self.setAccessibleDescription(text)
        self.announced.append(text)
        announce(self.more_button, text)

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
        if self._running:  # the description follows the language (no new announcement)
            self.more_button.setAccessibleDescription(self.warning())
            self.setAccessibleDescription(self.warning())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Follow the parent's size."""
        parent = self.parentWidget()
        if parent is not None and obj is parent and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(parent.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Cover everything with the window colour of the theme (opaque: nothing shows through)."""
        painter = QPainter(self)
        colour = self.palette().color(QPalette.ColorRole.Window)
        colour.setAlpha(255)
        painter.fillRect(self.rect(), colour)
        painter.end()
        super().paintEvent(event)


class IdleOverlayAccessible(QAccessibleWidget):
    """What a screen reader is told of the `IdleOverlay`: an alert (AT-SPI role "alert"), not a filler.

    Its name is the question, its description the warning with the seconds left when it was last
    announced (set by the overlay on itself).
    """

    def __init__(self, overlay: IdleOverlay) -> None:
        super().__init__(overlay, QAccessible.Role.AlertMessage)
