"""The main window: header, step list with progress, the stacked pages and the navigation bar.

The window only shows things and emits what the user asked for; `app.py` decides what happens.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QStackedWidget,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from cloudwizard.engine.i18n import LANGUAGE_NAMES
from cloudwizard.engine.vocabulary import LANGUAGES
from cloudwizard.gui.l10n import Localizer
from cloudwizard.gui.options import WizardOptions
from cloudwizard.gui.widgets.common import ScrollPage, keep_current_with_focus

if TYPE_CHECKING:  # made by `build_steps`, after the first paint
    from PySide6.QtCore import QSettings

    from cloudwizard.gui.widgets.sections import StepList

#: The size an empty QListWidget asks for (QAbstractScrollArea's default size hint), kept for the step list.
STEP_LIST_HINT = (256, 192)
#: Below this window width the sidebar folds away and the progress moves into the navigation bar.
COMPACT_WIDTH = 1000
#: The setting holding the folder of the last file saved or opened (see `MainWindow.file_folder`).
LAST_FOLDER_KEY = "files/lastFolder"


class FirstPaint(QObject):
    """Emits `painted` once, after the first paint event of the watched widget.

    Signals:
        painted(): the widget has been painted for the first time.
    """

    painted = Signal()

    def __init__(self, watched: QWidget) -> None:
        super().__init__(watched)
        self._done = False
        watched.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Notice the first paint; the signal goes out once the paint has finished."""
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.painted.emit)
        return False


class AltChordGuard(QObject):
    """Keeps the menu bar out of Alt+Left / Alt+Right.

    Qt's menu bar (Fusion style) arms itself when Alt goes down and takes the keyboard when Alt
    comes up, unless a key or focus event came between. Alt+Left is taken by its shortcut, so the
    menu bar never sees the arrow's key press: when nothing else reset it (the focus staying where
    it was) or when Alt, still held, repeated after the arrow (a keyboard's auto-repeat), releasing
    Alt left the focus in the menu bar. Armed by the shortcut while Alt is held, this filter goes
    first among the application's filters and swallows Alt's repeats and its release; Alt pressed
    and released alone still reaches the menu bar.
    """

    def arm(self) -> None:
        """Called by an Alt+arrow shortcut: guard until Alt is released (or another key is pressed)."""
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # again each time: the filter installed last goes first

    def _disarm(self) -> None:
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            # Any focus or activation event disarms the menu bar's own Alt watch (Qt's filter reads every event).
            QCoreApplication.sendEvent(self, QEvent(QEvent.Type.ActivationChange))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Swallow Alt's repeats and its release after the shortcut; stop at the release."""
        kind = event.type()
        if kind in (QEvent.Type.ApplicationDeactivate, QEvent.Type.WindowDeactivate, QEvent.Type.MouseButtonPress):
            self._disarm()
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.KeyRelease) \
                or not isinstance(event, QKeyEvent):
            return False
        from PySide6.QtCore import Qt  # only once a shortcut has armed the guard (the first-frame rule)

        if event.key() not in (Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr):
            if kind == QEvent.Type.KeyPress and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self._disarm()  # a key without Alt: Alt is up (its release went elsewhere)
            return False
        if kind == QEvent.Type.KeyRelease:
            self._disarm()
        return True


class MainWindow(QMainWindow):
    """The wizard's window; pages come in through the constructor (and `add_pages` for later ones).

    Signals:
        backRequested(), nextRequested(), startOverRequested(): navigation.
        stepChosen(str): a step of the side list (``welcome``, ``section:<id>``, ``review``, ``result``).
        languageChosen(str): a language code from the header.
        openRequested(), saveRequested(): answers files.
        exportRequested(str): pdf, print, markdown, html or json.
        highContrastToggled(bool): the theme switch.
        helpRequested(): F1.
        closing(): the window is about to close.
    """

    backRequested = Signal()
    nextRequested = Signal()
    startOverRequested = Signal()
    stepChosen = Signal(str)
    languageChosen = Signal(str)
    openRequested = Signal()
    saveRequested = Signal()
    exportRequested = Signal(str)
    highContrastToggled = Signal(bool)
    helpRequested = Signal()
    closing = Signal()

    def __init__(self, l10n: Localizer, options: WizardOptions, pages: dict[str, QWidget]) -> None:
        super().__init__()
        self._l10n = l10n
        self._options = options
        self.pages: dict[str, QWidget] = {}
        self._folder_settings: QSettings | None = None
        self._status_bar: QStatusBar | None = None
        self.setObjectName("mainWindow")
        # The first size, but never larger than the screen (at 200 % 1100×760 is 2200×1520 pixels).
        screen = QGuiApplication.primaryScreen()
        first = QSize(1100, 760)
        self.resize(first.boundedTo(screen.availableGeometry().size()) if screen is not None else first)

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        header = QFrame(central)
        header.setObjectName("header")
        self.header = header
        rows = QVBoxLayout(header)
        self._header_rows = rows
        rows.setContentsMargins(20, 10, 20, 10)
        rows.setSpacing(0)
        #: The header's first row: the title, the kiosk's buttons, the language picker (`header_row.insertWidget`).
        self.header_row = QHBoxLayout()
        #: The second row: the language picker moves here when the first row has no room for it.
        self.header_row2 = QHBoxLayout()
        rows.addLayout(self.header_row)
        rows.addLayout(self.header_row2)
        hrow = self.header_row
        self.app_title = QLabel("CloudWizard", header)
        self.app_title.setProperty("role", "subtitle")
        self.language_box = QWidget(header)
        self.language_box.setObjectName("languageBox")
        lrow = QHBoxLayout(self.language_box)
        lrow.setContentsMargins(0, 0, 0, 0)
        self.language_label = QLabel(self.language_box)
        self.language_combo = QComboBox(self.language_box)
        self.language_combo.setObjectName("languageCombo")
        # Its width follows the font: with larger text the names were cut ("Deut").
        self.language_combo.setProperty("sizeAdjustPolicy", "AdjustToContents")  # by name, as in `make_label`
        for code in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES[code], code)
        self.language_label.setBuddy(self.language_combo)
        self.language_combo.installEventFilter(self)  # arrow keys open it rather than switch (`eventFilter`)
        lrow.addWidget(self.language_label)
        lrow.addWidget(self.language_combo)
        hrow.addWidget(self.app_title)
        hrow.addStretch(1)
        hrow.addWidget(self.language_box)
        self.header_row2.addStretch(1)
        header.installEventFilter(self)
        outer.addWidget(header)

        middle = QHBoxLayout()
        middle.setSpacing(0)
        sidebar = QFrame(central)
        self.sidebar = sidebar
        sidebar.setObjectName("sidebar")
        sidebar.setMinimumWidth(220)
        sidebar.setMaximumWidth(300)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(14, 18, 14, 18)
        side.setSpacing(10)
        self.steps_label = QLabel(sidebar)
        self.steps_label.setProperty("role", "muted")
        # The step list is empty until the questionnaire is loaded: `build_steps` makes it after the
        # first paint, with the other item views; a spacer holds its place until then.
        self.steps: StepList | None = None
        self._side = side
        self.progress = QProgressBar(sidebar)
        self.progress.setObjectName("progress")
        self.progress_label = QLabel(sidebar)
        self.progress_label.setObjectName("progressLabel")
        self.progress_label.setProperty("role", "muted")
        self.progress_label.setWordWrap(True)
        self.progress.setTextVisible(False)
        side.addWidget(self.steps_label)
        # The step list's place until `build_steps`: as large as an empty list wants to be (a scroll
        # area's default size hint), so the sidebar has the same width before and after.
        side.addItem(QSpacerItem(*STEP_LIST_HINT, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding))
        side.setStretch(side.count() - 1, 1)
        side.addWidget(self.progress_label)
        side.addWidget(self.progress)
        middle.addWidget(sidebar)

        self.stack = QStackedWidget(central)
        self.stack.setObjectName("pages")
        self.add_pages(pages)
        middle.addWidget(self.stack, 1)
        outer.addLayout(middle, 1)

        nav = QFrame(central)
        nav.setObjectName("navBar")
        self.nav = nav
        # At most two rows where it can: the progress in words goes beside "Start over" below the
        # buttons, or on a row of its own above them, when the buttons and it do not fit side by
        # side (`_fit_nav`).
        self._nav_rows = QVBoxLayout(nav)
        self._nav_rows.setContentsMargins(20, 12, 20, 12)
        self._nav_rows.setSpacing(6)
        self.nav_progress_row = QHBoxLayout()
        self.nav_progress_row.setContentsMargins(0, 0, 0, 0)
        nrow = QHBoxLayout()
        nrow.setContentsMargins(0, 0, 0, 0)
        self.nav_row = nrow
        #: The row under the buttons: "Start over" goes there when the three buttons do not fit side by side.
        self.nav_row2 = QHBoxLayout()
        self.nav_row2.setContentsMargins(0, 0, 0, 0)
        self._nav_rows.addLayout(self.nav_progress_row)
        self._nav_rows.addLayout(nrow)
        self._nav_rows.addLayout(self.nav_row2)
        # Its width follows the window's, never the other way round: the buttons' labels would hold
        # the window wider than a small screen (`_fit_nav` reflows them for the width it gets).
        nav.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.back_button = QPushButton(nav)
        self.back_button.setObjectName("backButton")
        self.start_over_button = QPushButton(nav)
        self.start_over_button.setObjectName("startOverButton")
        self.next_button = QPushButton(nav)
        self.next_button.setObjectName("nextButton")
        self.next_button.setProperty("role", "primary")
        for b in (self.back_button, self.start_over_button, self.next_button):
            b.setAutoDefault(True)
        # The progress in words, shown here while the sidebar is folded away (a narrow window).
        self.compact_progress = QLabel(nav)
        self.compact_progress.setObjectName("compactProgress")
        self.compact_progress.setProperty("role", "muted")
        self.compact_progress.setWordWrap(True)
        self.compact_progress.setProperty("alignment", "AlignCenter")  # by name: no Qt namespace before the first paint
        self.compact_progress.hide()
        nrow.addWidget(self.back_button)
        nrow.addWidget(self.start_over_button)
        nrow.addStretch(1)
        nrow.addWidget(self.compact_progress, 2)
        nrow.addStretch(1)
        nrow.addWidget(self.next_button)
        outer.addWidget(nav)
        nav.installEventFilter(self)  # fits its rows to its width (`_fit_nav`)
        self.setCentralWidget(central)

        self._high_contrast = options.high_contrast
        self._make_menus()
        self._make_actions()
        self.back_button.clicked.connect(self.backRequested)
        self.next_button.clicked.connect(self.nextRequested)
        self.start_over_button.clicked.connect(self.startOverRequested)
        self.language_combo.currentIndexChanged.connect(
            lambda i: self.languageChosen.emit(str(self.language_combo.itemData(i)))
        )
        self._next_kind = "start"
        self.retranslate()

    def _keep_focus_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Scroll the page so that the widget that just got the focus can be seen.

        Qt's scroll area does this only for Tab; the arrow keys and the app's own focus moves
        (to a question with a problem, to a page's first control) need it as well.
        """
        if new is None:
            return
        ancestor = new.parentWidget()
        while ancestor is not None and not isinstance(ancestor, ScrollPage):
            ancestor = ancestor.parentWidget()
        if ancestor is not None:
            ancestor.ensure_visible(new)

    # -- actions and menus -------------------------------------------------------------------
    def _action(
        self, name: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            # setShortcuts with a list, not setShortcut: PySide6 tries setShortcut's Qt.Key overload
            # first, which creates the Qt namespace's enums (the first-frame rule, docs/gui.md)
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _alt_back(self) -> None:
        """Alt+Left: back, and the menu bar kept out of Alt's release."""
        self.alt_guard.arm()
        self.backRequested.emit()

    def _alt_next(self) -> None:
        """Alt+Right: next, and the menu bar kept out of Alt's release."""
        self.alt_guard.arm()
        self.nextRequested.emit()

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_view = bar.addMenu("")
        self.menu_help = bar.addMenu("")

    def _make_actions(self) -> None:
        """The actions with their shortcuts, and the menus' entries."""
        files = self._options.allow_files
        self.act_open = self._action("actionOpen", QKeySequence.StandardKey.Open, self.openRequested.emit)
        self.act_save = self._action("actionSave", QKeySequence.StandardKey.Save, self.saveRequested.emit)
        self.act_pdf = self._action("actionExportPdf", "Ctrl+E", lambda: self.exportRequested.emit("pdf"))
        self.act_print = self._action("actionPrint", QKeySequence.StandardKey.Print,
                                      lambda: self.exportRequested.emit("print"))
        from cloudwizard.engine.report.formats import FORMATS  # the one list of report formats

        self.act_exports = {}
        for fmt in (f.id for f in FORMATS.values() if f.to_file and f.id != "pdf"):
            a = QAction(self)
            a.setObjectName(f"actionExport_{fmt}")
            a.triggered.connect(lambda _c=False, f=fmt: self.exportRequested.emit(f))
            self.act_exports[fmt] = a
        #: Asked before the person quits (Ctrl+Q, the close button); False keeps the window open.
        self.quit_guard: Callable[[], bool] = lambda: True
        self.act_quit = self._action("actionQuit", "Ctrl+Q", lambda: self.quit_guard() and self.close())
        self.alt_guard = AltChordGuard(self)
        self.act_back = self._action("actionBack", "Alt+Left", self._alt_back)
        self.act_next = self._action("actionNext", "Alt+Right", self._alt_next)
        self.act_start_over = self._action("actionStartOver", None, self.startOverRequested.emit)
        self.act_help = self._action("actionHelp", "F1", self.helpRequested.emit)
        self.act_contrast = QAction(self)
        self.act_contrast.setObjectName("actionHighContrast")
        self.act_contrast.setCheckable(True)
        self.act_contrast.setChecked(self._high_contrast)
        self.act_contrast.toggled.connect(self.highContrastToggled)
        for a in (self.act_open, self.act_save, self.act_pdf, self.act_print, *self.act_exports.values()):
            a.setEnabled(files)
            a.setVisible(files)

        if files:
            self.menu_file.addAction(self.act_open)
            self.menu_file.addAction(self.act_save)
            self.menu_file.addSeparator()
            self.menu_file.addAction(self.act_pdf)
            self.menu_file.addAction(self.act_print)
            self.menu_export = self.menu_file.addMenu("")
            for a in self.act_exports.values():
                self.menu_export.addAction(a)
            self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_start_over)
        self.menu_file.addAction(self.act_quit)
        self.menu_view.addAction(self.act_contrast)
        self.menu_help.addAction(self.act_help)

    def set_high_contrast(self, checked: bool) -> None:
        """Tick the high-contrast entry (without emitting)."""
        self._high_contrast = checked
        self.act_contrast.blockSignals(True)
        self.act_contrast.setChecked(checked)
        self.act_contrast.blockSignals(False)

    def build_steps(self) -> StepList:
        """Make the step list in the place kept for it (once; the app calls this after the first paint)."""
        if self.steps is not None:
            return self.steps
        from cloudwizard.gui.widgets.sections import StepList

        side = self._side
        steps = StepList(side.parentWidget())
        index = side.indexOf(self.steps_label) + 1
        side.takeAt(index)  # the spacer that kept the place
        side.insertWidget(index, steps, 1)
        steps.show()  # a child added to a visible window would only show on the next turn of the event loop
        QWidget.setTabOrder(self.language_combo, steps)  # made last, it would come last in the tab chain
        steps.stepChosen.connect(self.stepChosen)
        keep_current_with_focus(steps)  # only the focused widget reports focused to screen readers
        # From now on the focused widget is kept in view (with the pages that can scroll past it).
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._keep_focus_in_view)
        steps.setAccessibleName(self._l10n.gettext("Steps"))
        self.steps = steps
        return steps

    def add_pages(self, pages: dict[str, QWidget]) -> None:
        """Put more pages on the stack (the app builds all but the first after the first paint)."""
        for kind, page in pages.items():
            self.pages[kind] = page
            self.stack.addWidget(page)

    # -- state -------------------------------------------------------------------------------
    def reveal(self, kind: str) -> None:
        """Show page `kind` over the current one, before it is drawn and brought to the front (`show_page`)."""
        page = self.pages[kind]
        current = self.stack.currentWidget()
        if current is not None and current is not page:
            page.setGeometry(current.geometry())
        page.show()
        page.raise_()

    def show_page(self, kind: str, land: Callable[[], None] | None = None) -> None:
        """Bring page `kind` to the front.

        The welcome page has its own language choice, so the header's picker steps aside there
        (one language picker per page).

        Args:
            kind: the page.
            land: puts the focus where the new page wants it. When the focus is on the page going
                away, it is called with the new page already visible and the old one not yet hidden,
                so the focus goes straight there: hiding the old page first moved it on to the next
                widget in the tab chain ("Start over") and Qt's stacked layout then to the new page,
                each a focus change a screen reader announces (and `clearFocus` reports the widget
                losing the focus as focused once more). Otherwise it is called after the switch.
        """
        page = self.pages[kind]
        old = self.stack.currentWidget()
        focused = QApplication.focusWidget()
        if land is not None and old is not None and old is not page and focused is not None \
                and old.isAncestorOf(focused):
            page.setGeometry(old.geometry())
            page.show()  # on top of the old page for a moment; the stacked layout hides the old one next
            land()
            self.stack.setCurrentWidget(page)
        else:
            self.stack.setCurrentWidget(page)
            if land is not None:
                land()
        self._hide_empty_status_bar()
        on_welcome = kind == "welcome"
        self.language_label.setVisible(not on_welcome)
        self.language_combo.setVisible(not on_welcome)

    def navigation_after_page(self) -> None:
        """Put the navigation bar right after the page's last control in the tab chain.

        Widgets made later (a part's question cards, the advice) join the end of the window's tab
        chain, after the navigation bar: from a part's last question Tab went to the header and
        the step list before reaching Next.
        """
        page = self.stack.currentWidget()
        if page is None:
            return
        last: QWidget | None = None
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if page.isAncestorOf(widget) and widget.focusPolicy().value & 1:  # Qt.FocusPolicy.TabFocus
                last = widget
            widget = widget.nextInFocusChain()
        if last is not None:
            QWidget.setTabOrder(last, self.back_button)
            QWidget.setTabOrder(self.back_button, self.start_over_button)
            QWidget.setTabOrder(self.start_over_button, self.next_button)

    @property
    def compact(self) -> bool:
        """Whether the sidebar is folded away (the window is narrower than `COMPACT_WIDTH`)."""
        return self.sidebar.isHidden()

    def _fit_width(self, width: int) -> None:
        """Fold the sidebar away below `COMPACT_WIDTH`; the progress then shows in the navigation bar."""
        compact = width < COMPACT_WIDTH
        self.sidebar.setHidden(compact)
        self.compact_progress.setVisible(compact)
        # a narrow window is most often a small one: less air above and below the buttons, more page
        edge = 8 if compact else 12
        if self._nav_rows.contentsMargins().top() != edge:
            self._nav_rows.setContentsMargins(20, edge, 20, edge)

    def set_navigation(self, can_go_back: bool, next_kind: str, results_ready: bool) -> None:
        """Update the navigation bar; `next_kind` is start, next, review, result or none."""
        self.back_button.setEnabled(can_go_back)
        self._next_kind = next_kind
        self.next_button.setVisible(next_kind != "none")
        self.act_back.setEnabled(can_go_back)
        self.act_next.setEnabled(next_kind != "none")
        for a in (self.act_pdf, self.act_print, *self.act_exports.values()):
            a.setEnabled(results_ready and self._options.allow_files)
        self._write_next()

    def set_progress(self, answered: int, total: int | None) -> None:
        """Show how many questions are answered (`total` None: not known until the audience is chosen)."""
        self.progress.setMaximum(max(total or 0, 1))
        self.progress.setValue(answered if total is not None else 0)
        self.progress.setVisible(total is not None)
        if total is None:
            # The questions asked follow from the audience: a count before it would be wrong ("0 of 10",
            # then 28).
            text = self._l10n.gettext("The questions depend on your answers")
        else:
            # English says "questions" whatever the count; French makes the answered ones agree ("1 question … répondue").
            text = self._l10n.ngettext("{answered} of {total} questions answered",
                                       "{answered} of {total} questions answered",
                                       answered).format(answered=answered, total=total)
        self.progress_label.setText(text)
        self.compact_progress.setText(text)
        self.progress.setAccessibleName(text)

    def set_language(self, language: str) -> None:
        """Show the language in the header (without emitting)."""
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))
        self.language_combo.blockSignals(False)

    def _write_next(self) -> None:
        _ = self._l10n.gettext
        text = {
            "start": _("Start"),
            "next": _("Next"),
            "review": _("Check answers"),
            "result": _("See my advice"),
        }.get(self._next_kind, "")
        self.next_button.setText(text + "  →")
        self.next_button.setAccessibleName(text)
        self.next_button.setToolTip(_("Next (Alt+Right or Enter)"))

    def retranslate(self) -> None:
        """Rewrite every text in the current language."""
        _ = self._l10n.gettext
        self.setWindowTitle(_("CloudWizard — which cloud fits you"))
        self.language_label.setText(_("&Language:"))
        self.language_combo.setAccessibleName(_("Language"))
        self.steps_label.setText(_("Steps"))
        if self.steps is not None:
            self.steps.setAccessibleName(_("Steps"))
        self.back_button.setText("←  " + _("Back"))
        self.back_button.setAccessibleName(_("Back"))
        self.back_button.setToolTip(_("Back (Alt+Left)"))
        self.start_over_button.setText(_("Start over"))
        self.start_over_button.setAccessibleName(_("Start over"))
        self.progress.setAccessibleDescription(_("Progress through the questionnaire"))
        self.menu_file.setTitle(_("&File"))
        self.menu_view.setTitle(_("&View"))
        self.menu_help.setTitle(_("&Help"))
        self._retranslate_actions()
        self._write_next()

    def _retranslate_actions(self) -> None:
        _ = self._l10n.gettext
        self.act_open.setText(_("&Open answers…"))
        self.act_save.setText(_("&Save answers…"))
        self.act_pdf.setText(_("&Export PDF…"))
        self.act_print.setText(_("&Print…"))
        if self._options.allow_files:
            self.menu_export.setTitle(_("Export &as"))
        from cloudwizard.engine.report.formats import FORMATS

        for fmt, action in self.act_exports.items():
            action.setText(_(FORMATS[fmt].label))
        self.act_start_over.setText(_("Sta&rt over"))
        self.act_quit.setText(_("&Quit"))
        self.act_contrast.setText(_("&High contrast"))
        self.act_help.setText(_("Help for this &question"))

    # -- dialogs -----------------------------------------------------------------------------
    def confirm(self, title: str, text: str, yes: str, no: str, *, default_yes: bool = False) -> bool:
        """Ask a yes/no question; "no" is the default unless `default_yes` says "yes" is the safe one."""
        from PySide6.QtCore import Qt  # here, as below: the first-frame rule (docs/gui.md)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # texts may quote file names and links: never markup
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes_button if default_yes else no_button)
        box.setEscapeButton(yes_button if default_yes else no_button)  # Escape/closing: the safe answer
        box.exec()
        return box.clickedButton() is yes_button

    def show_error(self, title: str, text: str, details: str = "") -> None:
        """Say what went wrong, where, and what to do; `details` holds report lines."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if details:
            box.setDetailedText(details)
        box.exec()

    def remember_folders_in(self, settings: QSettings) -> None:
        """Keep the folder of the last file saved or opened in `settings` (file dialogs start there)."""
        self._folder_settings = settings

    def file_folder(self, fallback: str) -> str:
        """Where a file dialog starts: the folder used last, while it exists, else `fallback`.

        A `fallback` that does not exist (a fresh account without a Documents folder) gives the home
        folder: Qt's dialog would otherwise start in the working directory.
        """
        settings = self._folder_settings
        last = str(settings.value(LAST_FOLDER_KEY, "") or "") if settings is not None else ""
        for folder in (last, fallback):
            if folder and Path(folder).is_dir():
                return folder
        return str(Path.home())

    def _used_folder(self, path: str) -> None:
        if path and self._folder_settings is not None:
            self._folder_settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))

    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> str:
        """A path to save to, or "" when cancelled; `suggested`'s folder gives way to the last one used."""
        from PySide6.QtWidgets import QFileDialog

        start = str(Path(self.file_folder(str(Path(suggested).parent))) / Path(suggested).name)
        path, _filter = QFileDialog.getSaveFileName(self, title, start, file_filter)
        self._used_folder(path)
        return path

    def ask_open_path(self, title: str, folder: str, file_filter: str) -> str:
        """A path to open, or "" when cancelled; the dialog starts in the last folder used, else `folder`."""
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(self, title, self.file_folder(folder), file_filter)
        self._used_folder(path)
        return path

    def status(self, text: str) -> None:
        """A short message in the status bar."""
        self.statusBar().showMessage(text, 6000)

    def statusBar(self) -> QStatusBar:  # noqa: N802 - Qt override
        """The status bar, made at its first use: shown from a message until the page changes, without a size grip.

        An empty status bar was an empty strip under the navigation bar, and its size grip an
        unnamed object to screen readers (the window's edges resize it anyway).
        """
        if self._status_bar is None:
            bar = super().statusBar()
            bar.setObjectName("statusBar")
            bar.setSizeGripEnabled(False)
            bar.hide()
            bar.messageChanged.connect(self._status_changed)
            self._status_bar = bar
        return self._status_bar

    def _status_changed(self, text: str) -> None:
        """Show the bar with a message; when the message times out the bar stays until the page changes.

        Hiding it at the time-out moved the navigation bar down under the pointer, so a click on
        "See my advice" a moment later missed (blind check): the layout changes with the page only.
        """
        if self._status_bar is None:
            return
        self._status_bar.setToolTip(text)  # a long path cut off at the right can still be read whole; none when empty
        if text:
            self._status_bar.show()

    def _hide_empty_status_bar(self) -> None:
        """On a page change: the status bar goes away when it holds no message any more."""
        if self._status_bar is not None and not self._status_bar.currentMessage():
            self._status_bar.hide()

    # -- events ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter goes on when the focused widget did not use it."""
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if self.next_button.isVisible():
                self.nextRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Fold or unfold the sidebar for the new width."""
        self._fit_width(event.size().width())
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The header re-lays itself out (new width, larger text, another language): fit its rows."""
        if watched is self.header and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._fit_header()
        if watched is getattr(self, "nav", None) and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._fit_nav()
        if watched is self.language_combo and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._language_key(event)
        return super().eventFilter(watched, event)

    def _language_key(self, event: QKeyEvent) -> bool:
        """An arrow key on the closed language picker opens its list instead of switching the language.

        A closed combo box takes the next item at each arrow key, and each language taken translates
        the whole window under the user. In the open list the arrows move and Enter chooses.
        """
        from PySide6.QtCore import Qt

        moves = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End)
        if event.key() in moves and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.language_combo.showPopup()
            return True
        return False

    def _fit_header(self) -> None:
        """The language picker on the first row when everything fits there, else on a second row.

        Squeezed into one row, a narrow window with larger text (a kiosk at 800 px, 200 % in German)
        cut the picker and the kiosk's buttons.
        """
        box = self.language_box
        top, second = self.header_row, self.header_row2
        margins = self._header_rows.contentsMargins()
        room = self.header.width() - margins.left() - margins.right()
        on_top = top.indexOf(box) >= 0
        others = top.sizeHint().width() - (box.sizeHint().width() + top.spacing() if on_top else 0)
        fits = others + top.spacing() + box.sizeHint().width() <= room
        if fits and not on_top:
            second.removeWidget(box)
            top.addWidget(box)
        elif not fits and on_top:
            top.removeWidget(box)
            second.addWidget(box)

    #: The least width the progress in words keeps beside the buttons (else it goes above them).
    NAV_PROGRESS_MIN = 160

    def _fit_nav(self) -> None:
        """Fit the navigation bar to its width: every button's whole label, never elided.

        First the progress in words goes from beside the buttons to a row of its own above them;
        when the buttons still do not fit side by side, the longest labels go on two lines
        ("Meine Empfehlung / ansehen  →"), the widest first, until they do. Squeezed into one row, a
        narrow window with larger text (a kiosk at 800 px in German) cut "Zurück", "Fertig / neu
        beginnen" and "Meine Empfehlung ansehen". Screen readers keep the one-line names.
        """
        label = self.compact_progress
        row = self.nav_row
        margins = self._nav_rows.contentsMargins()
        room = self.nav.width() - margins.left() - margins.right()
        buttons = [b for b in (self.back_button, self.start_over_button, self.next_button) if not b.isHidden()]
        lines = {b: b.text().replace("\n", " ") for b in buttons}  # the one-line labels

        def width(b: QPushButton, text: str) -> int:
            metrics = b.fontMetrics()
            shown = max(metrics.horizontalAdvance(line) for line in b.text().split("\n"))
            return b.sizeHint().width() - shown + max(metrics.horizontalAdvance(line) for line in text.split("\n"))

        def total(among: list[QPushButton] | None = None) -> int:
            among = buttons if among is None else among
            return sum(width(b, lines[b]) for b in among) + row.spacing() * (len(among) + 1)

        def fold(among: list[QPushButton]) -> None:
            for b in among:
                lines[b] = b.text().replace("\n", " ")
            for b in sorted(among, key=lambda b: -width(b, lines[b])):
                if total(among) <= room:
                    break
                lines[b] = _two_lines(lines[b])

        fold(buttons)
        # still too wide (a small screen with large text): "Start over" goes on a row of its own below
        start_over = self.start_over_button
        below = total() > room and start_over in buttons
        if below:
            buttons.remove(start_over)
            fold(buttons)
            fold([start_over])
        # The progress in words: beside the buttons when it fits; else beside "Start over" on the
        # row below when that is where it went (two rows, not three: at 400 × 300 in French the
        # page kept ~100 px to scroll in); else on a row of its own above the buttons.
        spacing = row.spacing()
        if label.isHidden() or total() + self.NAV_PROGRESS_MIN <= room:
            where = "row"
        elif below and width(start_over, lines[start_over]) + 3 * spacing + self.NAV_PROGRESS_MIN <= room:
            where = "below"
        else:
            where = "above"
        self._place_nav(below, where)
        for b in [*buttons, start_over] if below else buttons:
            if b.text() != lines[b]:
                b.setText(lines[b])
            # The style sheet's min-height holds a button to one line's height: two lines need more.
            tall = b.sizeHint().height() if "\n" in lines[b] else 0
            if (b.property("navTwoLines") or 0) != tall:
                if not b.property("navTwoLines"):
                    b.setProperty("navOneLine", b.minimumHeight())  # the style sheet's, given back on one line
                b.setProperty("navTwoLines", tall)
                b.setMinimumHeight(tall or int(b.property("navOneLine") or 0))

    def _place_nav(self, below: bool, where: str) -> None:
        """Put "Start over" and the progress in words where `_fit_nav` wants them.

        "Start over" goes in the buttons' row, or the row under it when `below`; the progress in
        words `where`: ``row`` (between the buttons), ``below`` (beside "Start over") or ``above``
        (a row of its own). Only moves what is not where it should be (each move lays the bar out again). The tab order
        stays Back, Start over, Next wherever they stand (`navigation_after_page`).
        """
        label, start_over = self.compact_progress, self.start_over_button
        row, under, above = self.nav_row, self.nav_row2, self.nav_progress_row
        now = (under.indexOf(start_over) >= 0,
               "row" if row.indexOf(label) >= 0 else "below" if under.indexOf(label) >= 0 else "above")
        if now == (below, where):
            return
        for layout, widget in ((row, label), (under, label), (above, label), (row, start_over), (under, start_over)):
            if layout.indexOf(widget) >= 0:
                layout.removeWidget(widget)
        while under.count():  # its stretch
            under.takeAt(0)
        if below:
            under.addWidget(start_over)
            if where == "below":
                under.addWidget(label, 1)
            else:
                under.addStretch(1)
        else:
            row.insertWidget(row.indexOf(self.back_button) + 1, start_over)
        if where == "row":
            row.insertWidget(row.indexOf(self.next_button) - 1, label, 2)
        elif where == "above":
            above.addWidget(label)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Tell the app to save before closing (the person closing the window may be asked first)."""
        if event.spontaneous() and not self.quit_guard():
            event.ignore()
            return
        self.closing.emit()
        super().closeEvent(event)


def _two_lines(text: str) -> str:
    """`text` broken at the space between two words nearest its middle (as it is when it has none).

    An arrow stays with its word ("Meine Empfehlung" over "ansehen  →").
    """
    spaces = [i for i, c in enumerate(text) if c == " " and 0 < i < len(text) - 1
              and text[i - 1] not in " ←→" and text[i + 1] not in " ←→"]
    if not spaces:
        return text
    middle = len(text) / 2
    cut = min(spaces, key=lambda i: abs(i - middle))
    return f"{text[:cut]}\n{text[cut + 1:]}"
