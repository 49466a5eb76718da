"""Composition root of the desktop app: builds the widgets, wires every signal in one place, runs.

`build_app()` builds everything without entering the event loop, so tests drive the same wiring
the real app uses; `run()` is what ``cloudwizard`` calls.

Start-up comes in two steps: before the first paint only the window and the welcome page are
built (and only their modules imported); the other pages, the engine and the questionnaire follow
right after it (`Wizard.build_pages`, `Wizard.load_questionnaire`). `build_app()` does both steps
at once unless `run()` asks it not to.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from cloudwizard.engine.i18n import system_language
from cloudwizard.gui import presenter
from cloudwizard.gui.autosave import Autosave
from cloudwizard.gui.controller import QUESTIONS, RESULT, REVIEW, WELCOME, WizardController
from cloudwizard.gui.files import FileActions, documents_folder
from cloudwizard.gui.l10n import Localizer
from cloudwizard.gui.options import WizardOptions
from cloudwizard.gui.pages.welcome import WelcomePage
from cloudwizard.gui.recovery import Recovery
from cloudwizard.gui.theme import apply_theme, fusion_application, refresh_rich_text, theme_matches_system
from cloudwizard.gui.widgets.common import install_accessibility
from cloudwizard.gui.window import FirstPaint, MainWindow

if TYPE_CHECKING:  # imported by `Wizard.build_pages` and `load_questionnaire`, after the first paint
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QWidget

    from cloudwizard.engine.model import Questionnaire
    from cloudwizard.gui.crash import CrashHandler
    from cloudwizard.gui.kiosk.config import KioskConfig
    from cloudwizard.gui.kiosk.mode import KioskMode
    from cloudwizard.gui.pages.questions import QuestionPage
    from cloudwizard.gui.pages.result import ResultPage
    from cloudwizard.gui.pages.review import ReviewPage
    from cloudwizard.gui.widgets.busy import BusyNote

APP_NAME = "CloudWizard"
#: A recommendation that takes longer than this shows a busy note (ms).
BUSY_DELAY_MS = 150
#: The reverse-DNS id of the desktop file, the AppStream metainfo and the icon (see packaging/linux/).
APP_ID = "be.cloudwizard.CloudWizard"


def app_icon() -> QIcon:
    """The installed theme icon, else the SVG that ships in the package."""
    import importlib.resources

    from PySide6.QtGui import QIcon  # here: the window gets its icon after the first paint

    svg = importlib.resources.files("cloudwizard.resources").joinpath("icons", "cloudwizard.svg")
    return QIcon.fromTheme(APP_ID, QIcon(str(svg)))


#: The session-bus address that makes libdbus give up at once instead of starting a bus of its own.
NO_SESSION_BUS = "disabled:"


def avoid_bus_autolaunch(environ: MutableMapping[str, str] | None = None) -> str | None:
    """Keep Qt from starting a D-Bus session bus that would outlive the app; call before QApplication.

    With no ``DBUS_SESSION_BUS_ADDRESS``, libdbus looks for the user's bus at
    ``$XDG_RUNTIME_DIR/bus`` and, failing that, "autolaunches" one through X11: it runs
    ``dbus-launch --autolaunch``, which forks a ``dbus-daemon --session`` that nobody stops. Qt asks
    for the session bus for its accessibility bridge and its platform theme, so the desktop app on
    a display without a bus (Xvfb, a bare X server, ``ssh -X``) left ``dbus-launch`` and
    ``dbus-daemon`` running after it exited (issue 14).

    So: when the address is unset, point it at the user's bus socket if there is one (what libdbus
    would pick itself, so screen readers keep working), else at an address that connects nowhere.
    A bus that was not there before has no accessibility registry either, so nothing is lost. A
    set address, whatever it is, is left alone.

    Args:
        environ: the environment to change (default: the process's).

    Returns:
        The address set, or None when the environment was left as it was.
    """
    import stat

    env = os.environ if environ is None else environ
    if "DBUS_SESSION_BUS_ADDRESS" in env or sys.platform == "darwin" or sys.platform.startswith("win"):
        return None
    address = NO_SESSION_BUS
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime:
        socket = Path(runtime) / "bus"
        try:
            if stat.S_ISSOCK(socket.stat().st_mode):
                address = f"unix:path={socket}"
        except OSError:
            pass
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    return address


def unsupported_qt(pyside: tuple[int, ...] | None = None, python: tuple[int, ...] | None = None,
                   language: str | None = None) -> str:
    """Why this PySide6 cannot run the wizard, in `language` (default: the system's), or "" when it can.

    PySide6-Essentials 6.12.0 on CPython before 3.12 drops a reference to None, True or False at
    every Qt call that returns nothing; the interpreter aborts ("none_dealloc") after a few thousand
    calls (a kiosk got there after about 25 visitors). 3.12 made those objects immortal, so only
    older interpreters are hit; pyproject.toml asks for PySide6 below 6.12 there.
    """
    import PySide6

    pyside = pyside or tuple(PySide6.__version_info__[:2])
    python = python or sys.version_info[:2]
    if sys.implementation.name == "cpython" and tuple(pyside[:2]) == (6, 12) and tuple(python[:2]) < (3, 12):
        from cloudwizard.engine.i18n import gettext_for, system_language  # only when refusing to start

        _ = gettext_for(language or system_language())
        return _("PySide6 6.12 does not work on Python {version}: it loses references to None and the program "
                 "would abort after a few minutes. Install PySide6-Essentials below 6.12 (pip install "
                 "'PySide6-Essentials<6.12') or use Python 3.12 or later.").format(
                     version=f"{python[0]}.{python[1]}")
    return ""


class Wizard:
    """Everything one running wizard is made of, and the glue between pages and the engine.

    A plain class, not a dataclass: it is made before the first paint (the first-frame rule, docs/gui.md).

    Attributes:
        app: the application.
        window: the main window.
        controller: session and navigation.
        l10n: the language.
        settings: user settings (window geometry, language, theme).
        autosave: the autosave, or None when switched off.
        first_paint: emits once the first page has been painted.
        questions, review, result: the pages after the welcome page; they exist once
            `build_pages()` has run (`build_app()` calls it unless `run()` defers it).
    """

    questions: QuestionPage
    review: ReviewPage
    result: ResultPage

    def __init__(
        self,
        *,
        app: QApplication,
        window: MainWindow,
        controller: WizardController,
        l10n: Localizer,
        settings: QSettings,
        options: WizardOptions,
        welcome: WelcomePage,
        first_paint: FirstPaint,
        autosave: Autosave | None = None,
        source: Questionnaire | str | Path | None = None,
        answers_file: str | Path | None = None,
        crashed: bool = False,
        high_contrast: bool = False,
        touch_scale: float | None = None,
    ) -> None:
        self.app = app
        self.window = window
        self.controller = controller
        self.l10n = l10n
        self.settings = settings
        self.options = options
        self.welcome = welcome
        self.first_paint = first_paint
        self.autosave = autosave
        self.source = source
        self.answers_file = answers_file
        self.crashed = crashed
        self.high_contrast = high_contrast
        self.touch_scale = touch_scale
        self.dialogs: list[str] = []
        self.crash_handler: CrashHandler | None = None
        self.recovery = Recovery(controller, l10n, window, welcome, autosave, crashed=crashed,
                                 kiosk=not options.allow_files, on_quit=lambda: app.exit(1))
        self.files = FileActions(controller, l10n, window, options, opened=self.go_to_first_open_page)
        # issue 14: answers that failing autosaves left nowhere on disk are not lost at quitting
        self.files.saved = self.recovery.saved_by_hand
        self.recovery.save_as = self.files.save_answers
        window.quit_guard = self.recovery.may_quit
        self.kiosk: KioskMode | None = None
        self.pages_built = False
        self.busy_note: BusyNote | None = None
        #: Shows the busy note once a recommendation has taken longer than `BUSY_DELAY_MS`.
        self.busy_timer = QTimer(window)
        self.busy_timer.setSingleShot(True)
        self.busy_timer.setInterval(BUSY_DELAY_MS)
        self.busy_timer.timeout.connect(self.show_busy)

    def build_pages(self) -> None:
        """Build the window's actions, the step list and the other pages, and wire them (once).

        `run()` calls this right after the first paint, so the first page shows up without waiting
        for these pages and the modules they need.
        """
        if self.pages_built:
            return
        from cloudwizard.gui.pages.questions import QuestionPage
        from cloudwizard.gui.pages.result import ResultPage
        from cloudwizard.gui.pages.review import ReviewPage

        # The system's light/dark from now on (QStyleHints is one more type before the first paint);
        # a change before now is caught by the check below.
        hints = self.app.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(lambda _scheme: self.apply_theme())
        if not theme_matches_system(self.app):  # the first frame's light/dark came from the palette
            self.apply_theme()
        self.window.build_steps()
        self.window.setWindowIcon(app_icon())
        self.questions = QuestionPage(self.l10n)
        self.review = ReviewPage(self.l10n)
        self.result = ResultPage(self.l10n, self.options)
        self.window.add_pages({QUESTIONS: self.questions, REVIEW: self.review, RESULT: self.result})
        from cloudwizard.gui.widgets.busy import BusyNote

        self.busy_note = BusyNote(self.window.stack)
        self.pages_built = True
        _connect_pages(self)

    # -- unexpected errors (see recovery.py) --------------------------------------------------
    def install_crash_handler(self) -> CrashHandler:
        """Show unexpected exceptions in a dialog (and save the answers); `run()` calls it after the first paint."""
        handler = self.recovery.install_crash_handler()
        self.crash_handler = handler
        return handler

    # -- loading -----------------------------------------------------------------------------
    def load_questionnaire(self) -> bool:
        """Load the questionnaire (bundled by default); on errors, say which lines are wrong."""
        from cloudwizard.engine.loader import QuestionnaireError, load, load_bundled
        from cloudwizard.engine.model import Questionnaire

        self.build_pages()
        _ = self.l10n.gettext
        try:
            if isinstance(self.source, Questionnaire):
                q = self.source
            elif self.source is None:
                q = load_bundled()
            else:
                q = load(self.source)
        except QuestionnaireError as exc:
            self.window.show_error(
                _("The questionnaire cannot be used"),
                _("The questionnaire file has errors. Ask whoever gave it to you for a corrected file."),
                exc.report.format(),
            )
            return False
        except OSError as exc:
            self.window.show_error(_("The questionnaire cannot be used"), str(exc))
            return False
        self.controller.set_questionnaire(q)
        audience_ids: tuple[str, ...] = ()
        if q.audience_question:
            audience_ids = q.question(q.audience_question).choice_ids
        self.welcome.set_questionnaire(q, audience_ids)
        if self.answers_file is not None:
            self.open_answers(str(self.answers_file))
        elif self.recovery.offer_restore():
            self._back_where_it_was()
        self.render(focus=True)
        return True

    # -- drawing -----------------------------------------------------------------------------
    def render(self, focus: bool = False) -> None:
        """Show the controller's state: page, steps, progress, navigation, page content.

        The new page is drawn before it is brought to the front, so that the focus can go straight
        to its start (`MainWindow.show_page`).

        Args:
            focus: put the focus at the page's start (also done when the page changes under the focus).
        """
        c = self.controller
        session, q = c.session, c.questionnaire
        if session is None or q is None:
            self.window.show_page(c.page)
            self.window.set_navigation(False, "start", False)
            return
        page = self.window.pages[c.page]
        switching = self._focus_leaves(page)
        if switching:
            self.window.reveal(c.page)  # drawn visible, the focus still on the old page until it lands
        else:
            self.window.show_page(c.page)
        self.window.set_navigation(c.page != WELCOME, c.next_kind(), presenter.is_complete(c))
        answered, total = presenter.progress(c)
        self.window.set_progress(answered, None if c.audience_problem() else total)
        self.window.build_steps().set_steps(presenter.steps(c, self.l10n.gettext, self.l10n.language),
                                            presenter.current_step(c))
        land: Callable[[], None] | None = None
        if c.page == WELCOME:
            self.welcome.set_audience(session.answer(q.audience_question) if q.audience_question else None)
            land = self.welcome.focus_first
        elif c.page == QUESTIONS:
            self._render_questions()
            land = self.questions.focus_first
        elif c.page == REVIEW:
            self.review.show_answers(q, presenter.review_rows(c))
            land = self.review.focus_top  # on the title: Enter goes on to the advice, Tab reaches the Edit links
        elif c.page == RESULT:
            self._render_result()
            land = self.result.focus_top  # on the title, not on an action: Enter pressed once more does nothing
        if switching:
            self.window.show_page(c.page, land)
        elif focus and land is not None:
            land()
        self.window.navigation_after_page()

    def _focus_leaves(self, page: QWidget) -> bool:
        """Whether the focus is on a page other than `page` (which is about to replace it)."""
        focused = QApplication.focusWidget()
        current = self.window.stack.currentWidget()
        return focused is not None and current is not None and current is not page and current.isAncestorOf(focused)

    def _render_questions(self) -> None:
        c = self.controller
        session, q = c.session, c.questionnaire
        assert session is not None and q is not None
        section = session.current_section
        if section is None:
            return
        shown = {x.id for x in section.questions if c.shows_question(x)}
        self.questions.show_section(q, section, shown)
        visible = {x.id for x in c.questions_of(section.id)}
        offered = {qid: session.visible_choices(qid) for qid in visible if q.question(qid).type.has_choices}
        self.questions.update_state(visible, offered, session.answers)
        self.questions.set_step(*presenter.section_position(c, section.id))
        self.questions.set_validation(c.current_problems())

    def _render_result(self) -> None:
        c = self.controller
        if not c.has_recommendation:
            return  # being worked out: the page keeps what it shows until resultChanged
        trial = c.trial
        self.result.show_result(c.report_view(), c.trial_view(), trial.number if trial is not None else -1,
                                c.adopted_changes())
        if self.kiosk is not None:
            self.kiosk.add_take_home(c.recommendation)

    # -- slots (thin: one controller or engine call, then redraw) ------------------------------
    def on_page_changed(self, _page: str) -> None:
        """A new page: draw it and put the focus at its start."""
        self.render(focus=True)

    def on_answers_changed(self) -> None:
        """An answer changed: redraw (without moving the focus) and autosave."""
        if self.controller.page != RESULT:
            self.render()
        if self.autosave is not None:
            self.autosave.schedule()

    def on_next(self) -> None:
        """Next: on a question page, not while a typed number is unreadable, out of range or asked back about."""
        if self.controller.page == QUESTIONS and self.pages_built:
            from cloudwizard.gui.widgets.questions import NumberInput  # loaded with the question page

            held = [card for card in self.questions.cards.values()
                    if isinstance(card.input, NumberInput) and card.input.has_problem()
                    and card.isVisibleTo(self.questions)]
            if held:
                # What was typed is kept and said back to the person: neither dropped nor guessed.
                for card in held:
                    assert isinstance(card.input, NumberInput)
                    card.input.settle(focus_says_it=card is held[0])
                first = held[0]
                self.questions.ensure_visible(first.label)
                first.focus_problem()  # "Yes, 200 000" when it is asked back, else the field
                self.questions.ensure_visible(first.problem_widget())
                return
        self.controller.go_next()

    def on_busy(self, busy: bool) -> None:
        """A recommendation is being worked out: a note after `BUSY_DELAY_MS`, the result page held meanwhile."""
        if busy:
            self.busy_timer.start()
        else:
            self.busy_timer.stop()
            if self.busy_note is not None:
                self.busy_note.hide()
        if self.pages_built:
            # what-ifs and exports of the advice on screen wait for the advice that replaces it
            self.result.setEnabled(not busy)

    def show_busy(self) -> None:
        """The busy note (the recommendation takes longer than a blink)."""
        _ = self.l10n.gettext
        if self.busy_note is not None and self.controller.busy:
            # Not in the status bar: a window without one (the kiosk's) would get one and lose height.
            self.busy_note.show_text(_("Working out your advice…"))

    def on_problems(self, problems: list[Any]) -> None:
        """Show why the wizard cannot go on yet."""
        if self.controller.page == WELCOME:
            self.welcome.show_audience_problem(True)
        else:
            self.questions.show_problems(problems)

    def on_audience(self, audience: str) -> None:
        """The welcome page's audience is the answer to the audience question."""
        q = self.controller.questionnaire
        if q is not None and q.audience_question:
            self.controller.set_answer(q.audience_question, audience)

    def on_language(self, language: str) -> None:
        """Switch the language everywhere; answers stay."""
        self.l10n.set_language(language)

    def on_language_changed(self, language: str) -> None:
        """Rewrite every text after a language switch."""
        self.controller.set_language(language)
        self.settings.setValue("language", language)
        self.window.set_language(language)
        self.window.retranslate()
        self.welcome.retranslate()
        if self.pages_built:
            self.questions.retranslate()
        self.render()

    def on_step(self, key: str) -> None:
        """A step of the side list."""
        c = self.controller
        if key == "welcome":
            c.show_welcome()
        elif key == "review":
            c.show_review()
        elif key == "result":
            c.show_result()
        elif key.startswith("section:"):
            c.go_to_section(key.split(":", 1)[1])

    def on_edit(self, question_id: str) -> None:
        """Review page: go to a question."""
        self.controller.edit(question_id)
        if self.controller.page == QUESTIONS:
            self.questions.focus_first(question_id)

    def on_start_over(self) -> None:
        """Ask first, then forget every answer."""
        _ = self.l10n.gettext
        if self.controller.session is None:
            return
        if not self.window.confirm(
            _("Start over?"),
            _("This clears all your answers. Save them first (File ▸ Save answers) if you want to keep them."),
            _("Clear my answers"),
            _("Cancel"),
        ):
            return
        self.controller.start_over()
        if self.autosave is not None:
            self.autosave.discard()
        self.welcome.set_resume(None)

    def on_resume(self) -> None:
        """Continue the autosaved session (where it was, unless that page has nothing to show)."""
        if self.recovery.resume():
            self._back_where_it_was()

    def _back_where_it_was(self) -> None:
        """A restored session goes on in its section, unless that section has nothing to show now."""
        current = self.controller.session.current_section if self.controller.session else None
        if current is None or current not in self.controller.displayable_sections():
            self.go_to_first_open_page()

    def go_to_first_open_page(self) -> None:
        """After opening answers: the first section with a question to answer, else the review."""
        c = self.controller
        if c.session is None:
            return
        page, section = presenter.first_open_page(c)
        if page == QUESTIONS and section is not None:
            c.go_to_section(section)
        elif page == REVIEW:
            c.show_review()
        else:
            c.show_welcome()

    def on_discard(self) -> None:
        """Forget the autosaved session."""
        self.recovery.discard()
        self.welcome.focus_first()

    def on_result_changed(self) -> None:
        """A what-if was applied or undone."""
        if self.controller.page == RESULT:
            self._render_result()
            self.window.navigation_after_page()
            self.result.focus_first()

    def on_justification(self, model: str, text: str) -> None:
        """Comply or explain: keep the chosen model and the reason for the report, the answers file and the autosave."""
        from cloudwizard.engine.report.view import Justification

        justification = Justification(model, text) if model else None
        if justification == self.controller.justification:
            return
        self.controller.set_justification(justification)
        if self.autosave is not None:
            self.autosave.schedule()

    def on_help(self) -> None:
        """F1: the help of the focused question."""
        if self.controller.page == QUESTIONS:
            self.questions.toggle_help()

    def on_high_contrast(self, enabled: bool) -> None:
        """Switch the theme."""
        self.high_contrast = enabled
        self.settings.setValue("highContrast", enabled)
        self.window.set_high_contrast(enabled)
        self.apply_theme()

    def apply_theme(self) -> None:
        """Apply the theme chosen (high contrast or the system's light or dark) to every page shown."""
        apply_theme(self.app, self.high_contrast, self.touch_scale)
        refresh_rich_text(self.window)

    def on_closing(self) -> None:
        """Save the window geometry and the session; mark a clean exit."""
        if self.options.remember_geometry:
            self.settings.setValue("window/geometry", self.window.saveGeometry())
        if self.autosave is not None:
            self.autosave.end_run()
        self.settings.sync()

    def open_link(self, address: str) -> bool:
        """A link from the questionnaire: only web addresses, and only after the user agreed."""
        from cloudwizard.gui.links import open_link

        _ = self.l10n.gettext
        return open_link(address, lambda shown: self.window.confirm(
            _("Open this link?"),
            _("Open this address in your web browser?\n\n{url}").format(url=shown),
            _("Open in browser"),
            _("Cancel"),
        ))

    # -- files (see files.py) -----------------------------------------------------------------
    def _documents(self) -> str:
        return documents_folder()

    def save_answers(self, path: str | None = None) -> bool:
        """Save the answers to a file the user picks."""
        return self.files.save_answers(path)

    def _not_saved(self, title: str, path: str, exc: OSError) -> None:
        """Say why a file was not saved (the file actions' one error path)."""
        self.files.not_saved(title, path, exc)

    def open_answers(self, path: str | None = None) -> bool:
        """Open an answers file; a broken one is reported line by line and changes nothing."""
        return self.files.open_answers(path)

    def export(self, fmt: str, path: str | None = None) -> bool:
        """Export the user's advice in one of the report `FORMATS`, or print it."""
        from cloudwizard.engine.answers import SaveError
        from cloudwizard.engine.report.formats import FORMATS
        from cloudwizard.gui import export

        _ = self.l10n.gettext
        c = self.controller
        if c.session is None or not self.options.allow_files or fmt not in FORMATS:
            return False
        if not c.is_complete() or c.audience_problem():
            self.window.show_error(_("No advice yet"), _("Answer every question first; then you can export the advice."))
            return False
        if not export.advice_ready(c):  # worked out off the GUI thread, with the busy note (issue 14)
            return False
        view = c.report_view()
        coe = view.comply_or_explain
        if coe is not None and coe.missing_reason:
            self.window.show_error(_("Explain your choice first"),
                                   _("You chose another model than the advice. Write down why before exporting."))
            return False
        entry = FORMATS[fmt]
        if not entry.to_file:
            return export.print_view(view, self.window)
        if path is None:
            path = self.window.ask_save_path(
                _("Export the advice"),
                str(Path(self._documents()) / export.advice_file_name(view.language, entry.suffix)),
                f"{entry.file_filter} (*{entry.suffix})",
            )
        if not path:
            return False
        try:
            export.save_view(view, fmt, path)
        except SaveError as exc:
            self._not_saved(_("The advice was not saved"), path, exc)
            return False
        self.window.status(_("Advice saved to {path}").format(path=path))
        return True


def _connect(w: Wizard) -> None:
    """Every signal connection of the app, in one place."""
    c, win = w.controller, w.window
    c.pageChanged.connect(w.on_page_changed)
    c.answersChanged.connect(w.on_answers_changed)
    c.problemsFound.connect(w.on_problems)
    c.resultChanged.connect(w.on_result_changed)
    c.busyChanged.connect(w.on_busy)
    w.l10n.languageChanged.connect(w.on_language_changed)

    win.backRequested.connect(c.go_back)
    win.nextRequested.connect(w.on_next)
    win.startOverRequested.connect(w.on_start_over)
    win.stepChosen.connect(w.on_step)
    win.languageChosen.connect(w.on_language)
    win.openRequested.connect(lambda: w.open_answers())
    win.saveRequested.connect(lambda: w.save_answers())
    win.exportRequested.connect(lambda fmt: w.export(fmt))
    win.highContrastToggled.connect(w.on_high_contrast)
    win.helpRequested.connect(w.on_help)
    win.closing.connect(w.on_closing)

    w.welcome.languageChosen.connect(w.on_language)
    w.welcome.audienceChosen.connect(w.on_audience)
    w.welcome.resumeRequested.connect(w.on_resume)
    w.welcome.discardRequested.connect(w.on_discard)


def _connect_pages(w: Wizard) -> None:
    """The connections of the pages `Wizard.build_pages` makes (after the first paint in `run()`)."""
    c = w.controller
    w.questions.answerChanged.connect(c.set_answer)
    w.questions.warningConfirmed.connect(c.confirm_warning)
    w.review.editRequested.connect(w.on_edit)
    w.result.whatIfRequested.connect(c.apply_what_if)
    w.result.whatIfAdopted.connect(c.adopt_what_if)
    w.result.whatIfUndone.connect(c.undo_what_if)
    w.result.ticked = c.ticked  # the same set: a new session clears it
    w.result.justificationChanged.connect(w.on_justification)
    w.result.exportRequested.connect(lambda fmt: w.export(fmt))
    w.result.linkRequested.connect(w.open_link)


def _connect_kiosk(w: Wizard, kiosk: KioskMode) -> None:
    """Kiosk mode: "Finish / start over" resets at once (no question), texts follow the language.

    Connected after `_connect` and `_connect_pages`, so the kiosk rewrites its texts after the window has.
    """
    w.window.startOverRequested.disconnect(w.on_start_over)
    w.window.startOverRequested.connect(kiosk.reset)
    w.result.linkRequested.disconnect(w.open_link)  # no "open in browser?" question: a kiosk opens no links
    w.result.linkRequested.connect(kiosk.refuse_link)
    w.l10n.languageChanged.connect(kiosk.retranslate)


def build_app(
    *,
    language: str | None = None,
    questionnaire: Questionnaire | str | Path | None = None,
    answers_file: str | Path | None = None,
    options: WizardOptions | None = None,
    settings: QSettings | None = None,
    data_dir: str | Path | None = None,
    load_now: bool = True,
    kiosk: KioskConfig | None = None,
) -> Wizard:
    """Build the whole wizard without running the event loop.

    Args:
        language: nl, fr, de or en; default: the last one used, else the system's.
        questionnaire: a loaded questionnaire, a path, or None for the bundled one.
        answers_file: answers to open once the questionnaire is loaded.
        options: what to show and allow (kiosk mode passes its own).
        settings: where user settings live (tests pass a temporary file).
        data_dir: where the autosave lives (default: the user's data folder).
        load_now: build every page and load the questionnaire at once; `run()` leaves both for
            right after the first paint (a kiosk builds its pages at once all the same).
        kiosk: build a kiosk for walk-up visitors with this configuration (overrides `options`,
            `settings` and `answers_file`: a kiosk writes nothing and opens no files).
    """
    problem = unsupported_qt(language=language)
    if problem:
        raise RuntimeError(problem)
    touch_scale = None
    if kiosk is not None:
        from cloudwizard.gui.kiosk.config import VolatileSettings
        from cloudwizard.gui.kiosk.mode import TEXT_SCALES, kiosk_options

        options, settings, answers_file, touch_scale = kiosk_options(), VolatileSettings(), None, TEXT_SCALES[0]
        language = language or kiosk.default_language or None
        if questionnaire is None and kiosk.questionnaire:
            questionnaire = kiosk.questionnaire
    options = options or WizardOptions()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    # Lets desktops (GNOME on Wayland in particular) match the window to the installed menu entry.
    app.setDesktopFileName(APP_ID)
    if settings is None:
        settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)
    stored = settings.value("language", "")
    lang = language or (str(stored) if stored else "") or system_language()
    high_contrast = options.high_contrast or str(settings.value("highContrast", "false")).lower() == "true"
    # Deferred pages: the first frame's light or dark comes from the palette, `build_pages` checks it.
    apply_theme(app, high_contrast, touch_scale, first_frame=not load_now)

    l10n = Localizer(lang, app)
    l10n.install_qt_translations()
    controller = WizardController(options, l10n.language)
    install_accessibility()  # before any widget: a screen reader may ask about the first ones at once
    welcome = WelcomePage(l10n)
    window = MainWindow(l10n, options, {WELCOME: welcome})
    controller.setParent(window)
    window.set_language(l10n.language)
    window.set_high_contrast(high_contrast)
    window.remember_folders_in(settings)  # file dialogs start in the folder used last
    if options.remember_geometry:
        geometry = settings.value("window/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)

    autosave = None
    crashed = False
    if options.autosave:
        folder = Path(data_dir) if data_dir else Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        )
        autosave = Autosave(folder, lambda: controller.answers_file() if controller.session else None, window)
        autosave.gettext = lambda: l10n.gettext  # issue 14: its messages in the person's language
        crashed = autosave.begin_run()

    wizard = Wizard(
        app=app, window=window, controller=controller, l10n=l10n, settings=settings, options=options,
        welcome=welcome, first_paint=FirstPaint(welcome.body), autosave=autosave, source=questionnaire,
        answers_file=answers_file, crashed=crashed, high_contrast=high_contrast, touch_scale=touch_scale,
    )
    _connect(wizard)
    if load_now or kiosk is not None:
        wizard.build_pages()
    if kiosk is not None:
        from cloudwizard.gui.kiosk.mode import KioskMode

        wizard.kiosk = KioskMode(wizard, kiosk)
        _connect_kiosk(wizard, wizard.kiosk)
    wizard.render()
    if load_now:
        wizard.load_questionnaire()
    return wizard


def run(options: argparse.Namespace) -> int:
    """Start the GUI with the command-line options; returns the exit status.

    With ``quit_after_first_paint`` the app exits 0 as soon as the first page has been painted
    (for start-up benchmarks). Otherwise the questionnaire is loaded right after that first paint,
    so the window shows up before the YAML is parsed.
    """
    problem = unsupported_qt(language=getattr(options, "lang", None))
    if problem:
        print(f"cloudwizard: {problem}", file=sys.stderr)
        return 3
    if QApplication.instance() is None:
        avoid_bus_autolaunch()
    app = QApplication.instance() or fusion_application()
    from cloudwizard.gui.kiosk.config import read_config  # reads one small INI file, if there is one

    config = read_config()
    kiosk = config if getattr(options, "kiosk", False) or config.enabled else None
    if kiosk is not None:
        for problem in kiosk.problems:
            print(f"cloudwizard: {kiosk.source}: {problem}", file=sys.stderr)
    wizard = build_app(
        language=getattr(options, "lang", None),
        questionnaire=getattr(options, "questionnaire", None),
        answers_file=getattr(options, "answers_file", None),
        load_now=False,
        kiosk=kiosk,
    )
    if getattr(options, "quit_after_first_paint", False):
        # exit, not quit: quit asks the windows to close, and a kiosk's window refuses (it never exited)
        wizard.first_paint.painted.connect(lambda: app.exit(0))
    else:
        def load() -> None:
            wizard.build_pages()
            wizard.install_crash_handler()
            if not wizard.load_questionnaire():
                app.exit(2)

        wizard.first_paint.painted.connect(lambda: QTimer.singleShot(0, load))
    if wizard.kiosk is not None:
        wizard.kiosk.exitRequested.connect(app.exit)
        wizard.kiosk.show()
    else:
        wizard.window.show()
    status = int(app.exec())
    if wizard.autosave is not None:
        wizard.autosave.end_run()
    if wizard.crash_handler is not None:
        wizard.crash_handler.uninstall()
    return status
