"""Kiosk mode on top of the wizard: locked full screen, touch theme, idle reset, take-home, staff exit.

The composition root (`cloudwizard.gui.app`) builds the ordinary wizard with kiosk options (no free
text, no files, no autosave, settings in memory) and attaches one `KioskMode`. Everything a visitor
leaves behind is dropped by `KioskMode.reset`: the session, the result and what-ifs, every page's
widgets, the clipboard, open dialogs, temporary files, waiting print jobs; and the language, text
size and contrast go back to the defaults.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QPoint, QSize, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QAccessibleStateChangeEvent,
    QClipboard,
    QCloseEvent,
    QDesktopServices,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAccessibleWidget,
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QToolTip,
    QWidget,
)

from cloudwizard.gui.controller import RESULT, WELCOME
from cloudwizard.gui.kiosk import printing
from cloudwizard.gui.kiosk.admin import ADMIN_SHORTCUT, AdminDialog, CornerTaps
from cloudwizard.gui.kiosk.config import KioskConfig
from cloudwizard.gui.kiosk.idle import IdleWatcher
from cloudwizard.gui.kiosk.overlay import IdleOverlay, IdleOverlayAccessible
from cloudwizard.gui.kiosk.qr import make_qr, qr_image, summary_text
from cloudwizard.gui.options import WizardOptions
from cloudwizard.gui.widgets.common import ScrollPage, make_card, make_label, show_now
from cloudwizard.kioskpin import LockoutStore, PinGuard, default_lockout_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication as QApplicationType

    from cloudwizard.engine.recommender import Recommendation
    from cloudwizard.gui.controller import WizardController
    from cloudwizard.gui.l10n import Localizer
    from cloudwizard.gui.pages.questions import QuestionPage
    from cloudwizard.gui.pages.result import ResultPage
    from cloudwizard.gui.pages.review import ReviewPage
    from cloudwizard.gui.pages.welcome import WelcomePage
    from cloudwizard.gui.window import MainWindow

#: Exit status when staff ends the kiosk (the systemd unit does not restart on it).
ADMIN_EXIT_STATUS = 3
#: Text size of the touch theme, and with "Larger text" on.
TEXT_SCALES = (1.0, 1.3)
#: Links are never opened in a kiosk: a browser would let a visitor leave the app.
BLOCKED_SCHEMES = ("http", "https", "file", "mailto", "ftp")
QR_TARGET_PX = 300
#: How long after a text size change the page keeps the focused control in its place on screen.
ANCHOR_SECONDS = 1.5
#: The visitor moves on: the page no longer keeps a control in place.
ANCHOR_RELEASES = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin)
#: The keys that move the focus along the tab chain.
TAB_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class KioskHost(Protocol):
    """What the kiosk needs of the wizard it runs on (`cloudwizard.gui.app.Wizard` provides it).

    Written out so that the kiosk depends on this much only, and does not import the composition root.
    """

    app: QApplicationType
    window: MainWindow
    controller: WizardController
    l10n: Localizer
    welcome: WelcomePage
    questions: QuestionPage
    review: ReviewPage
    result: ResultPage
    high_contrast: bool
    touch_scale: float | None

    def render(self, focus: bool = False) -> None:
        """Show the controller's current page."""


class ToggleButton(QPushButton):
    """A checkable header button whose size fits its text in every weight the theme may give it.

    The style sheet draws a checked button in bold; Qt keeps the size hint of the plain text, so a
    checked "Größere Schrift" was clipped at both ends. The hint here measures the text in normal
    and bold weight at the current font size, and is asked again whenever the font or style changes.
    """

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setCheckable(True)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.toggled.connect(lambda _on: self.updateGeometry())
        self.toggled.connect(self._announce_pressed)
        #: Kept here: the interface Qt asks `accessible_for` for lives as long as the button.
        self.accessible: ToggleButtonAccessible | None = None

    def _announce_pressed(self, _on: bool) -> None:
        """Tell assistive technology that "pressed" changed (Qt itself sends only "checked")."""
        if QAccessible.isActive():
            changed = QAccessible.State()
            changed.pressed = True
            QAccessible.updateAccessibility(QAccessibleStateChangeEvent(self, changed))

    def text_width(self) -> int:
        """The width of the text in its widest weight at the current size."""
        font = QFont(self.font())
        widths = []
        for weight in (QFont.Weight.Normal, QFont.Weight.DemiBold, QFont.Weight.Bold):
            font.setWeight(weight)
            widths.append(QFontMetrics(font).horizontalAdvance(self.text()))
        return max(widths)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Room for the text in bold, plus the style's padding and border."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        metrics = QFontMetrics(self.font())
        contents = QSize(self.text_width() + 2, metrics.height())
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, contents, self)
        return size.expandedTo(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Never narrower than the text."""
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Ask the layout again when the font or style sheet changes."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()


class ToggleButtonAccessible(QAccessibleWidget):
    """What a screen reader is told of a `ToggleButton`: a button that is pressed or not.

    Qt describes every checkable push button as a check box. Its AT-SPI bridge (Qt 6.11) maps no role
    to AT-SPI's "toggle button", so the nearest true description is a push button with the states
    checkable, checked and pressed (ARIA's ``aria-pressed``), and the press and toggle actions.
    """

    def __init__(self, button: ToggleButton) -> None:
        super().__init__(button, QAccessible.Role.Button)
        self.button = button

    def state(self) -> QAccessible.State:
        """The widget's states, plus checkable, and checked and pressed while on."""
        state = super().state()
        state.checkable = True
        state.checked = state.pressed = self.button.isChecked()
        return state

    def text(self, kind: QAccessible.Text) -> str:
        """The button's accessible name (else its text without the mnemonic); the rest as for any widget."""
        if kind == QAccessible.Text.Name:
            return self.button.accessibleName() or self.button.text().replace("&", "")
        return super().text(kind)

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt override
        """Press and toggle, then the widget's own (set focus)."""
        return [QAccessibleWidget.pressAction(), QAccessibleWidget.toggleAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt override
        """Press or toggle: click the button, as a tap does."""
        if name in (QAccessibleWidget.pressAction(), QAccessibleWidget.toggleAction()):
            self.button.click()
        else:
            super().doAction(name)


def accessible_for(_key: str, obj: QObject) -> QAccessibleInterface | None:
    """The accessibility factory: `ToggleButtonAccessible`, `IdleOverlayAccessible`; Qt's own for the rest."""
    if isinstance(obj, ToggleButton):
        if obj.accessible is None:
            obj.accessible = ToggleButtonAccessible(obj)
        return obj.accessible
    if isinstance(obj, IdleOverlay):
        if obj.accessible is None:
            obj.accessible = IdleOverlayAccessible(obj)
        return obj.accessible
    return None


_factory_installed = False


def install_accessible_factory() -> None:
    """Install `accessible_for` once per process."""
    global _factory_installed  # Qt keeps one list of factories per process
    if not _factory_installed:
        QAccessible.installFactory(accessible_for)
        _factory_installed = True


def kiosk_options() -> WizardOptions:
    """What a kiosk shows and allows: no free text, no files, nothing remembered."""
    return WizardOptions(allow_free_text=False, allow_files=False, autosave=False, remember_geometry=False,
                         high_contrast=False)


def _speech_engine(parent: QObject) -> Any:
    """A text-to-speech engine, or None when Qt TextToSpeech is not installed (PySide6-Essentials)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    engine = QTextToSpeech(parent)
    return engine if engine.state() != QTextToSpeech.State.Error else None


class KioskMode(QObject):
    """Turns a built wizard into a kiosk for walk-up visitors.

    Args:
        wizard: the wizard built by `build_app` with `kiosk_options`.
        config: the kiosk configuration.
        clock: seconds from a monotonic clock (idle time, warning, corner taps, the staff prompt's
            time-out; tests fake it).
        wall_clock: seconds of wall-clock time, for the PIN lockout (it is kept across restarts).

    Signals:
        resetDone(): everything of the last visitor is gone; the welcome page is shown.
        exitRequested(int): staff ended the kiosk; the exit status for the application.
    """

    resetDone = Signal()
    exitRequested = Signal(int)

    def __init__(self, wizard: KioskHost, config: KioskConfig, clock: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], float] = time.time) -> None:
        super().__init__(wizard.window)
        self.wizard = wizard
        self.config = config
        self.clock = clock
        self.default_language = config.default_language or wizard.l10n.language
        self.large_text = False
        self.printed = False
        self.exiting = False
        self.print_html: Callable[[str, str], bool] = printing.print_html
        self.cancel_jobs: Callable[[], object] = printing.cancel_pending_jobs
        store = LockoutStore(Path(config.lockout_file) if config.lockout_file else default_lockout_path())
        self.guard = PinGuard(config.pin_hash, config.pin_salt, config.pin_iterations, wall_clock, store=store)
        install_accessible_factory()  # before the overlay and the toggle buttons exist: Qt asks once per object
        self.idle = IdleWatcher(config.idle_seconds, self, clock)
        self.overlay = IdleOverlay(wizard.l10n, wizard.window, clock)
        self.corner = CornerTaps(wizard.window, clock)
        self.admin: AdminDialog | None = None
        self.take_home: QWidget | None = None
        self.print_status: QLabel | None = None
        #: The page, the control kept in its place on screen after a text size change, its height there,
        #: whether the page was at its top, and until when.
        self._anchor: tuple[ScrollPage, QWidget, int, bool, float] | None = None
        self.speech = _speech_engine(self)
        self._build_toolbar()
        self._lock_window()
        self.idle.idle.connect(self.on_idle)
        self.overlay.moreTimeRequested.connect(self.idle.restart)
        self.overlay.startOverRequested.connect(self.reset)
        self.overlay.expired.connect(lambda: self.reset(idle=True))
        self.corner.triggered.connect(self.open_admin)
        self.retranslate()

    # -- building ----------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        """Text size, contrast and (when available) read-aloud buttons in the header of every page."""
        window = self.wizard.window
        header = window.header
        layout = window.header_row  # the header's first row, before the language picker
        self.text_button = ToggleButton("kioskTextSize", header)
        self.contrast_button = ToggleButton("kioskContrast", header)
        self.contrast_button.setChecked(window.act_contrast.isChecked())
        self.read_button: QPushButton | None = None
        buttons: list[QPushButton] = [self.text_button, self.contrast_button]
        if self.speech is not None:
            self.read_button = QPushButton(header)
            self.read_button.setObjectName("kioskReadAloud")
            self.read_button.clicked.connect(self.read_aloud)
            buttons.append(self.read_button)
        index = layout.indexOf(window.language_box)
        if index < 0:  # the picker is on the header's second row: the buttons go at the end of the first
            index = layout.count()
        position = index
        for b in buttons:
            if position > index:
                layout.insertSpacing(position, 8)  # apart: two bordered buttons side by side read as one
                position += 1
            b.setAutoDefault(True)
            layout.insertWidget(position, b)
            position += 1
        self._header_buttons = buttons
        # The gap before the picker goes with the picker: the window moves it to a second row when
        # the first is full, and a spacer left behind made the buttons end short of the picker below.
        picker_layout = window.language_box.layout()
        if picker_layout is not None:
            m = picker_layout.contentsMargins()
            picker_layout.setContentsMargins(m.left() + 12, m.top(), m.right(), m.bottom())
        self.text_button.toggled.connect(self.set_large_text)
        self.contrast_button.toggled.connect(window.act_contrast.setChecked)
        window.act_contrast.toggled.connect(self._contrast_changed)

    def _lock_window(self) -> None:
        """Frameless, no menus, no quitting, no links out, staff shortcut."""
        window = self.wizard.window
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.menuBar().setVisible(False)
        window.act_quit.setEnabled(False)
        window.installEventFilter(self)
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        app.installEventFilter(self.corner)
        self.shortcut = QShortcut(QKeySequence(ADMIN_SHORTCUT), window)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.open_admin)
        for scheme in BLOCKED_SCHEMES:
            QDesktopServices.setUrlHandler(scheme, self, "refuse_url")  # type: ignore[arg-type]
        for page in window.pages.values():
            if isinstance(page, ScrollPage):
                QScroller.grabGesture(page.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def show(self) -> None:
        """Show the window full screen and start watching for idleness."""
        window = self.wizard.window
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            # Full screen is the window manager's job; without one (a bare X server started for the
            # kiosk) the window kept its desktop size in a corner of the screen.
            window.setGeometry(screen.geometry())
        window.showFullScreen()
        self.idle.start()

    # -- locked exit -------------------------------------------------------------------------
    @Slot(QUrl)
    def refuse_url(self, url: QUrl) -> None:
        """A link was asked to open: a kiosk never opens one."""
        self.wizard.window.status(self.wizard.l10n.gettext("Links cannot be opened on this kiosk."))

    def refuse_link(self, _address: str) -> None:
        """A link on the result page was activated: say it cannot be opened here."""
        self.refuse_url(QUrl())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Ignore close requests, Escape on the main window, and Alt+F4 everywhere."""
        window = self.wizard.window
        kind = event.type()
        if self._anchor is not None:
            if kind in ANCHOR_RELEASES:
                self._anchor = None
            elif kind == QEvent.Type.Resize and obj in (self._anchor[0].widget(), self._anchor[0].viewport()):
                QTimer.singleShot(0, self._keep_in_place)  # after the scroll area has seen the new size
        if obj is window and kind == QEvent.Type.Close and not self.exiting:
            assert isinstance(event, QCloseEvent)
            event.ignore()
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in TAB_KEYS:
            self.order_header_buttons()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier:
                return True
            if event.key() == Qt.Key.Key_Escape and isinstance(obj, QWidget) and obj.window() is window:
                return True
        return False

    def order_header_buttons(self) -> None:
        """Put the header's kiosk buttons right after the navigation bar in the tab chain.

        Made after the window, they joined the end of the chain, and a part's question cards (made
        later still) came after them: Tab from a question page's title went to "Larger text" and
        "High contrast" before the first question. After "Next" they come where the header comes
        on every page: after the page and its navigation, before the header's language picker (the
        first in the chain). Done before each Tab, as the pages rebuild their cards and the window
        moves its navigation bar after them (`MainWindow.navigation_after_page`).
        """
        before: QWidget = self.wizard.window.next_button
        for button in self._header_buttons:
            if before.nextInFocusChain() is not button:
                QWidget.setTabOrder(before, button)
            before = button

    def open_admin(self) -> None:
        """The staff gesture or shortcut: ask for the PIN."""
        if self.admin is not None and self.admin.isVisible():
            return
        self.admin = AdminDialog(self.wizard.l10n, self.guard, self.default_language, self.wizard.window,
                                 clock=self.clock, pin_refused=self.config.pin_refused)
        self.admin.exitRequested.connect(self.exit)
        self.admin.defaultLanguageChosen.connect(self.set_default_language)
        # Closed in any way (OK, Cancel, Escape, its own time-out, a reset): `finished`, and counting resumes.
        self.admin.finished.connect(self._admin_closed)
        self.idle.pause()  # no reset under staff's hands; the dialog times out by itself
        self.admin.open()
        self.admin.pin_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def _admin_closed(self, _result: int) -> None:
        if self.exiting:
            return
        # Without a window manager (a bare X server) nobody gives the keyboard back to the kiosk
        # window when the prompt's own window closes: keys, the staff shortcut included, went nowhere.
        self.wizard.window.activateWindow()
        if not self.overlay.running:
            self.idle.restart()

    def set_default_language(self, language: str) -> None:
        """The language the next visitors start in (until the kiosk restarts)."""
        self.default_language = language
        if self.is_pristine() or self.wizard.controller.page == WELCOME:
            self.wizard.l10n.set_language(language)

    def exit(self) -> None:
        """Staff ends the kiosk: forget the visitor, then let the window close."""
        self.reset()
        self.shutdown()
        if self.admin is not None:
            self.admin.done(QDialog.DialogCode.Accepted)
        self.wizard.window.close()
        self.exitRequested.emit(ADMIN_EXIT_STATUS)

    def shutdown(self) -> None:
        """Stop watching and guarding: the window may close, links are no longer intercepted."""
        self.exiting = True
        self.overlay.stop()
        self.idle.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            app.removeEventFilter(self.corner)
        for scheme in BLOCKED_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)

    # -- accessibility -----------------------------------------------------------------------
    def set_large_text(self, large: bool, keep_place: bool = True) -> None:
        """Switch between the touch theme's text size and a larger one.

        Args:
            large: larger text or not.
            keep_place: keep the page's focused control (or title) where it was on screen; off
                for a reset, which shows the welcome page from its top.
        """
        from cloudwizard.gui.theme import apply_theme

        if large == self.large_text and self.wizard.touch_scale == TEXT_SCALES[1 if large else 0]:
            return  # re-applying the style sheet re-polishes every widget: only on a change
        self.large_text = large
        self.wizard.touch_scale = TEXT_SCALES[1 if large else 0]
        page, anchor, before = self._scroll_anchor() if keep_place else (None, None, 0)
        apply_theme(self.wizard.app, self.wizard.high_contrast, self.wizard.touch_scale)
        if page is not None and anchor is not None:
            # The page lays itself out again over a few turns of the event loop (the header, the
            # wrapped labels): the anchor is kept in place on each resize until the visitor moves on.
            at_top = page.verticalScrollBar().value() == 0
            self._anchor = (page, anchor, before, at_top, time.monotonic() + ANCHOR_SECONDS)
            self._keep_in_place()
        if self.text_button.isChecked() != large:
            self.text_button.setChecked(large)

    def _scroll_anchor(self) -> tuple[ScrollPage | None, QWidget | None, int]:
        """The current page, the control to keep in its place when the text size changes, and its height on screen.

        The control is the focused one on the page, or the page's last focused one (the focus is on
        "Larger text" once it is pressed), if it is in view; else the page's title.
        """
        page = self.wizard.window.stack.currentWidget()
        if not isinstance(page, ScrollPage):
            return None, None, 0
        viewport = page.viewport()
        candidates = [QApplication.focusWidget(), page.focusWidget(), page.heading()]
        for widget in candidates:
            if widget is None or not page.isAncestorOf(widget) or not widget.isVisible():
                continue
            top = widget.mapTo(viewport, QPoint(0, 0)).y()
            if 0 <= top < viewport.height() or widget is candidates[-1]:
                return page, widget, top
        return page, None, 0

    def _keep_in_place(self) -> None:
        """Scroll the page so that the anchor is where it was on screen (larger text moved it), and in view."""
        if self._anchor is None:
            return
        page, anchor, top, at_top, until = self._anchor
        if time.monotonic() > until or not (shiboken6.isValid(page) and shiboken6.isValid(anchor)) \
                or not anchor.isVisible() or not page.isAncestorOf(anchor):
            self._anchor = None
            return
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        content = page.widget()
        layout = content.layout() if content is not None else None
        if layout is not None:
            layout.activate()
        bar = page.verticalScrollBar()
        if at_top:  # a page seen from its top stays at its top (the title and what follows in view)
            bar.setValue(0)
        else:
            now = anchor.mapTo(page.viewport(), QPoint(0, 0)).y()
            bar.setValue(bar.value() + now - max(0, top))
        page.ensure_visible(anchor)

    def _contrast_changed(self, enabled: bool) -> None:
        if self.contrast_button.isChecked() != enabled:
            self.contrast_button.blockSignals(True)
            self.contrast_button.setChecked(enabled)
            self.contrast_button.blockSignals(False)

    def page_text(self) -> str:
        """The visible text of the current page, in reading order (for reading aloud)."""
        page = self.wizard.window.stack.currentWidget()
        if page is None:
            return ""
        parts = []
        for widget in page.findChildren(QWidget):
            if not widget.isVisibleTo(page):
                continue
            if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:  # noqa: SIM114 - two branches so the type checker can narrow `widget`
                text = widget.text()
            elif isinstance(widget, QAbstractButton):
                text = widget.text()
            else:
                continue
            if text:
                parts.append(text)
        return "\n".join(parts)

    def read_aloud(self) -> None:
        """Read the current page aloud in the visitor's language."""
        if self.speech is None:
            return
        self.speech.stop()
        self.speech.setLocale(QLocale(self.wizard.l10n.language))
        self.speech.say(self.page_text())

    # -- idle and reset ----------------------------------------------------------------------
    def is_pristine(self) -> bool:
        """Whether the kiosk shows exactly what a new visitor gets (nothing to clear)."""
        w = self.wizard
        session = w.controller.session
        return (
            w.controller.page == WELCOME
            and (session is None or not (session.answers or session.set_aside))
            and w.l10n.language == self.default_language
            and not self.large_text
            and not w.high_contrast
            and not self.printed
        )

    def on_idle(self) -> None:
        """Nobody touched the screen for a while: warn, unless there is nothing to clear."""
        if self.exiting:
            return
        if self.admin is not None and self.admin.isVisible():
            self.admin.reject()  # the staff prompt was left open: it goes, the visitor's answers too
        if self.is_pristine():
            self.idle.restart()
            return
        self.idle.pause()
        self.overlay.start(self.config.warning_seconds)

    def reset(self, idle: bool = False) -> None:
        """Forget everything of the visitor and show the welcome page for the next one.

        Args:
            idle: the visitor walked away (print jobs still waiting are cancelled then; after
                "Finish" the visitor may be waiting at the printer).
        """
        w = self.wizard
        c = w.controller
        self.overlay.stop()
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()
        QToolTip.hideText()
        if self.speech is not None:
            self.speech.stop()
        if idle and self.printed and self.config.cancel_print_jobs:
            self.cancel_jobs()
        self.printed = False
        self.take_home = None
        self.print_status = None
        c.what_if = []
        c.justification = None
        for page in (w.questions, w.review, w.result):
            page.clear()
        w.welcome.set_resume(None)
        w.welcome.set_audience(None)
        if c.questionnaire is not None:
            c.set_questionnaire(c.questionnaire)  # a fresh Session; drops the Recommendation
        self.set_large_text(False, keep_place=False)
        w.window.act_contrast.setChecked(False)
        w.l10n.set_language(self.default_language)
        clipboard = QGuiApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        w.window.statusBar().clearMessage()
        for shown in w.window.pages.values():
            if isinstance(shown, ScrollPage):
                shown.verticalScrollBar().setValue(0)
        w.render(focus=True)
        if not self.exiting:
            self.idle.start()
        self.resetDone.emit()

    # -- taking the advice home --------------------------------------------------------------
    def add_take_home(self, rec: Recommendation) -> None:
        """Put the "take the advice home" card (print button, QR code) beside the headline of the result.

        Beside, not under: at 1366 × 768 (and 1280 × 720), with larger text too, the print button and
        the whole code are on screen without scrolling. On a narrow screen the card goes under the
        headline instead.
        """
        w = self.wizard
        if w.controller.page != RESULT:
            return
        _ = w.l10n.gettext
        page = w.result
        blocks = page.blocks
        # The result page has no public place for it yet: the headline card by name.
        headline = page.findChild(QFrame, "headlineCard")
        text = summary_text(rec, w.l10n.language, w.controller.justification)
        qr = make_qr(text)
        modules = len(qr.matrix) + 8
        image = qr_image(qr, max(3, QR_TARGET_PX // modules))

        beside = headline is not None and page.body.width() >= image.width() + 420
        row: QWidget | None = None
        if beside and headline is not None:
            row = QWidget(page.host)
            row.setObjectName("kioskAdviceRow")
            hl = QHBoxLayout(row)
            hl.setContentsMargins(0, 0, 0, 0)
            hl.setSpacing(blocks.spacing())
            index = blocks.indexOf(headline)
            blocks.removeWidget(headline)
            headline.setParent(row)
            hl.addWidget(headline, 1, Qt.AlignmentFlag.AlignTop)
            blocks.insertWidget(index, row)
        card, lay = make_card("kioskTakeHome", row if row is not None else page.host)
        lay.addWidget(make_label(_("Take the advice home"), "subtitle", card))
        print_button = QPushButton(_("Print the report"), card)
        print_button.setObjectName("kioskPrint")
        print_button.setProperty("role", "primary")
        print_button.setAutoDefault(True)
        print_button.setAccessibleDescription(_("Or print the whole report, with your answers."))
        print_button.clicked.connect(self.print_report)
        lay.addWidget(print_button, 0, Qt.AlignmentFlag.AlignLeft)
        status = make_label("", "muted", card, "kioskPrintStatus")
        status.hide()
        lay.addWidget(status)
        code = QLabel(card)
        code.setObjectName("kioskQr")
        code.setPixmap(QPixmap.fromImage(image))
        code.setFixedSize(image.size())
        code.setAccessibleName(_("QR code with a summary of the advice"))
        code.setProperty("summary", text)
        lay.addWidget(code, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(make_label(_("Scan the code with your phone's camera: it holds a short summary of this "
                                   "advice. No internet is needed and nothing is sent anywhere."), "", card))
        if row is not None:
            margins = lay.contentsMargins()
            card.setFixedWidth(image.width() + margins.left() + margins.right())
            row_layout = row.layout()
            assert isinstance(row_layout, QHBoxLayout)
            row_layout.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
            row.show()
            self.take_home = row
        else:
            index = blocks.indexOf(headline) + 1 if headline is not None else 0
            blocks.insertWidget(index, card)
            self.take_home = card
        card.show()
        show_now(blocks)  # laid out before the first paint: the headline card painted squeezed, then settled
        self.print_status = status

    def print_report(self) -> None:
        """Print the report on the default printer (no dialog, no files)."""
        w = self.wizard
        _ = w.l10n.gettext
        ok = self.print_html(w.controller.report("html"), _("CloudWizard advice"))
        if ok:
            self.printed = True
        if self.print_status is not None:
            self.print_status.setText(_("Your report is being printed.") if ok
                                      else _("No printer is connected to this kiosk. Scan the code with your phone instead."))
            self.print_status.show()

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Rewrite the kiosk's own texts in the current language."""
        _ = self.wizard.l10n.gettext
        window = self.wizard.window
        finish = _("Finish / start over")
        window.start_over_button.setText(finish)
        window.start_over_button.setAccessibleName(finish)
        window.start_over_button.setToolTip(_("Clears your answers at once, for the next visitor."))
        self.text_button.setText(_("Larger text"))
        self.text_button.setAccessibleName(_("Larger text"))
        self.contrast_button.setText(_("High contrast"))
        self.contrast_button.setAccessibleName(_("High contrast"))
        if self.read_button is not None:
            self.read_button.setText(_("Read aloud"))
            self.read_button.setAccessibleName(_("Read this page aloud"))
        self.overlay.retranslate()
        if self.admin is not None:
            self.admin.retranslate()
