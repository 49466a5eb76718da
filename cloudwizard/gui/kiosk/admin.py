"""Staff access: the admin gesture, the PIN prompt with its keypad, and the staff panel."""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cloudwizard.engine.i18n import LANGUAGE_NAMES
from cloudwizard.engine.model import LANGUAGES
from cloudwizard.gui.kiosk.idle import INPUT_EVENTS
from cloudwizard.gui.l10n import Localizer
from cloudwizard.gui.widgets.common import make_label
from cloudwizard.kioskpin import PIN_LENGTH, Outcome, PinGuard

#: The keyboard shortcut that opens the PIN prompt.
ADMIN_SHORTCUT = "Ctrl+Alt+Shift+K"
#: The touch gesture: this many taps in the top-left corner …
CORNER_TAPS = 5
#: … within this many seconds …
CORNER_SECONDS = 3.0
#: … inside a square this many pixels wide.
CORNER_PX = 80
#: The PIN prompt and the staff panel close by themselves after this long without input (a visitor
#: who opened the prompt and walked away must not keep the idle reset away).
ADMIN_TIMEOUT_SECONDS = 60.0


class CornerTaps(QObject):
    """Counts taps (or clicks) in the top-left corner of `window`; emits after `CORNER_TAPS` in time.

    Args:
        window: the kiosk window.
        clock: seconds from a monotonic clock (tests pass a fake one).

    Signals:
        triggered(): the gesture was made.
    """

    triggered = Signal()

    def __init__(self, window: QWidget, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self._window = window
        self.clock = clock
        self._taps: list[float] = []
        self._last: tuple[int, int, int] = (-1, 0, 0)

    def tap(self, global_pos: QPoint) -> None:
        """Count a tap at `global_pos` (screen coordinates)."""
        local = self._window.mapFromGlobal(global_pos)
        if not (0 <= local.x() < CORNER_PX and 0 <= local.y() < CORNER_PX):
            self._taps = []
            return
        now = self.clock()
        self._taps = [t for t in self._taps if now - t <= CORNER_SECONDS] + [now]
        if len(self._taps) >= CORNER_TAPS:
            self._taps = []
            self.triggered.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Watch presses and touches on the window (installed on the application).

        A press reaches the filter once for the window handle and once more for each widget it
        propagates through; the timestamp and position tell the copies apart.
        """
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            return False
        if not isinstance(event, (QMouseEvent, QTouchEvent)) or not event.points():
            return False
        if not (obj is self._window.windowHandle()
                or (isinstance(obj, QWidget) and obj.window() is self._window)):
            return False
        pos = event.points()[0].globalPosition().toPoint()
        stamp = (event.timestamp(), pos.x(), pos.y())
        if stamp != self._last:
            self._last = stamp
            self.tap(pos)
        return False


class AdminDialog(QDialog):
    """The PIN prompt (with a keypad for touch screens), then the staff panel.

    It closes itself (rejected) after `timeout` seconds without a key, click or touch in it.

    Args:
        l10n: the texts' language.
        guard: checks the PIN.
        default_language: the language the staff panel shows as chosen.
        parent: the kiosk window.
        clock: seconds from a monotonic clock (tests pass a fake one and call `check_timeout`).
        timeout: seconds without input before the dialog closes itself.
        pin_refused: a PIN is configured but cannot be used (unsafe file, weak work factor).

    Signals:
        exitRequested(): staff ends the kiosk.
        defaultLanguageChosen(str): the language each next visitor starts in.
    """

    exitRequested = Signal()
    defaultLanguageChosen = Signal(str)

    def __init__(self, l10n: Localizer, guard: PinGuard, default_language: str, parent: QWidget | None = None,
                 clock: Callable[[], float] = time.monotonic, timeout: float = ADMIN_TIMEOUT_SECONDS,
                 pin_refused: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("adminDialog")
        self.setModal(True)
        self._l10n = l10n
        self._guard = guard
        self._pin_refused = pin_refused
        self.clock = clock
        self.timeout = timeout
        self._last_input = clock()
        # In a frame the touch theme draws a border around: on a bare X server (no window manager, so
        # no title bar) the prompt's edges ran into the page behind it.
        frame = QFrame(self)
        frame.setObjectName("adminFrame")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.stack = QStackedWidget(frame)
        QVBoxLayout(frame).addWidget(self.stack)

        # -- the PIN page ------------------------------------------------------------------------
        pin_page = QWidget(self.stack)
        lay = QVBoxLayout(pin_page)
        self.pin_title = make_label(role="headline", parent=pin_page)
        self.pin_input = QLineEdit(pin_page)
        self.pin_input.setObjectName("pinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_input.setMaxLength(PIN_LENGTH[1])
        self.pin_input.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
        self.message = make_label(role="error", parent=pin_page, name="pinMessage")
        self._keys: list[QPushButton] = []
        keypad = QGridLayout()
        keypad.setSpacing(8)
        for i, digit in enumerate("123456789"):
            keypad.addWidget(self._key(digit, pin_page), i // 3, i % 3)
        self.delete_button = QPushButton("⌫", pin_page)
        self.delete_button.setObjectName("pinDelete")
        self.delete_button.clicked.connect(self.pin_input.backspace)
        keypad.addWidget(self.delete_button, 3, 0)
        keypad.addWidget(self._key("0", pin_page), 3, 1)
        self.ok_button = QPushButton(pin_page)
        self.ok_button.setObjectName("pinOk")
        self.ok_button.setProperty("role", "primary")
        self.ok_button.setDefault(True)
        keypad.addWidget(self.ok_button, 3, 2)
        self.cancel_button = QPushButton(pin_page)
        self.cancel_button.setObjectName("pinCancel")
        lay.addWidget(self.pin_title)
        lay.addWidget(self.pin_input)
        lay.addWidget(self.message)
        lay.addLayout(keypad)
        lay.addWidget(self.cancel_button)
        self.stack.addWidget(pin_page)

        # -- the staff panel ---------------------------------------------------------------------
        panel = QWidget(self.stack)
        plan = QVBoxLayout(panel)
        self.panel_title = make_label(role="headline", parent=panel)
        self.language_label = make_label(parent=panel)
        self.language_combo = QComboBox(panel)
        self.language_combo.setObjectName("adminLanguage")
        for code in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES[code], code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(default_language)))
        self.language_label.setBuddy(self.language_combo)
        self.language_note = make_label(role="muted", parent=panel)
        self.exit_button = QPushButton(panel)
        self.exit_button.setObjectName("adminExit")
        self.back_button = QPushButton(panel)
        self.back_button.setObjectName("adminBack")
        self.back_button.setProperty("role", "primary")
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addWidget(self.exit_button)
        plan.addWidget(self.panel_title)
        plan.addWidget(self.language_label)
        plan.addWidget(self.language_combo)
        plan.addWidget(self.language_note)
        plan.addStretch(1)
        plan.addLayout(row)
        self.stack.addWidget(panel)

        self._unlock = QTimer(self)
        self._unlock.setInterval(500)
        self._unlock.timeout.connect(self.refresh_lock)
        self._watch = QTimer(self)
        self._watch.setInterval(1000)
        self._watch.timeout.connect(self.check_timeout)
        self._watch.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.finished.connect(self._stop_watching)
        # Enter in the PIN field reaches the dialog, which clicks its default button (OK): connecting
        # `returnPressed` as well counted each wrong PIN typed on a keyboard twice.
        self.ok_button.clicked.connect(self.try_pin)
        self.cancel_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.accept)
        self.exit_button.clicked.connect(self.exitRequested)
        self.language_combo.currentIndexChanged.connect(
            lambda i: self.defaultLanguageChosen.emit(str(self.language_combo.itemData(i))))
        self.retranslate()
        self.refresh_lock()

    def _key(self, digit: str, parent: QWidget) -> QPushButton:
        b = QPushButton(digit, parent)
        b.setObjectName(f"pinKey_{digit}")
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(lambda _c=False: self.pin_input.insert(digit))
        self._keys.append(b)
        return b

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Note the time of any input in this dialog (installed on the application)."""
        if event.type() in INPUT_EVENTS and isinstance(obj, QWidget) and obj.window() is self:
            self._last_input = self.clock()
        return False

    def check_timeout(self) -> None:
        """Close the dialog (rejected) when nobody has touched it for `timeout` seconds."""
        if self.isVisible() and self.clock() - self._last_input >= self.timeout:
            self.reject()

    def _stop_watching(self, _result: int = 0) -> None:
        self._watch.stop()
        self._unlock.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def unlocked(self) -> bool:
        """Whether the staff panel is shown."""
        return self.stack.currentIndex() == 1

    def try_pin(self) -> None:
        """Check the PIN typed; show the panel, or say what is wrong."""
        _ = self._l10n.gettext
        self.refresh_lock()  # a lock that has just run out: its message goes first
        outcome = self._guard.check(self.pin_input.text())
        self.pin_input.clear()
        if outcome is Outcome.OK:
            self.message.setText("")
            self.stack.setCurrentIndex(1)
            self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif outcome is Outcome.WRONG:
            minutes = math.ceil(self._guard.next_lock_seconds() / 60)
            self.message.setText(_("Wrong PIN. Tries left before the prompt locks for {minutes} min: {tries}").format(
                minutes=minutes, tries=self._guard.tries_left))
        elif outcome is Outcome.NOT_SET:
            self.message.setText(
                _("The staff PIN in the kiosk configuration cannot be used; the kiosk's log says why.")
                if self._pin_refused else _("No staff PIN is set in the kiosk configuration."))
        if outcome is Outcome.LOCKED:
            self.refresh_lock()

    def refresh_lock(self) -> None:
        """Show the lock (keys off, the time left) or its end; a timer calls it twice a second."""
        _ = self._l10n.gettext
        left = self._guard.locked_for()
        locked = left > 0
        for widget in (self.pin_input, self.ok_button, self.delete_button, *self._keys):
            widget.setEnabled(not locked)
        if locked:
            if left <= 120:
                text = _("Too many wrong tries. Try again in {seconds} seconds.").format(seconds=math.ceil(left))
            else:
                text = _("Too many wrong tries. Try again in {minutes} minutes.").format(minutes=math.ceil(left / 60))
            self.message.setText(text)
            self._unlock.start()
        elif self._unlock.isActive():
            self._unlock.stop()
            self.message.setText("")
            self.pin_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        """Rewrite every text in the current language."""
        _ = self._l10n.gettext
        self.setWindowTitle(_("Staff only"))
        self.pin_title.setText(_("Staff only: enter the PIN"))
        self.pin_input.setAccessibleName(_("PIN"))
        self.delete_button.setAccessibleName(_("Delete the last digit"))
        self.ok_button.setText(_("OK"))
        self.cancel_button.setText(_("Cancel"))
        self.panel_title.setText(_("Kiosk settings"))
        self.language_label.setText(_("Language for the next visitors:"))
        self.language_note.setText(_("Kept until the kiosk restarts; to keep it for good, set default_language "
                                     "in the kiosk configuration file."))
        self.exit_button.setText(_("Exit the kiosk"))
        self.back_button.setText(_("Back to the visitor screen"))
