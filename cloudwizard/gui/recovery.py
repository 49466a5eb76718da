"""Recovery: the offer to restore autosaved answers, and the glue between the app and the crash handler.

`Recovery` asks the window (confirmations), the welcome page (the resume card) and the controller
(restoring a session). Its one widget is the notice that an autosave could not be read
(`widgets/notice.py`), placed under the window's header. The crash handler itself is `crash.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cloudwizard.gui.autosave import Autosave
    from cloudwizard.gui.controller import WizardController
    from cloudwizard.gui.crash import CrashHandler, Saved
    from cloudwizard.gui.l10n import Localizer
    from cloudwizard.gui.pages.welcome import WelcomePage
    from cloudwizard.gui.widgets.notice import UnreadableAutosaveNotice
    from cloudwizard.gui.window import MainWindow


class Recovery:
    """Restoring answers after a crash or an unfinished session, and what a crash report may contain.

    Args:
        controller: session and navigation.
        l10n: the language of the questions asked.
        window: asks the user (`MainWindow.confirm`) and parents the crash dialog.
        welcome: shows the resume card.
        autosave: where the answers are saved (None: switched off, nothing to restore).
        crashed: whether the last run ended without closing properly.
        kiosk: a kiosk's crash dialog only offers to go on.
        on_quit: ends the app (the crash dialog's "quit").
    """

    def __init__(
        self,
        controller: WizardController,
        l10n: Localizer,
        window: MainWindow,
        welcome: WelcomePage,
        autosave: Autosave | None,
        *,
        crashed: bool = False,
        kiosk: bool = False,
        on_quit: Callable[[], None] = lambda: None,
    ) -> None:
        self.controller = controller
        self.l10n = l10n
        self.window = window
        self.welcome = welcome
        self.autosave = autosave
        self.crashed = crashed
        self.kiosk = kiosk
        self.on_quit = on_quit
        self.crash_handler: CrashHandler | None = None
        #: The notice that the autosave could not be read, while it is shown.
        self.notice: UnreadableAutosaveNotice | None = None
        #: The notice that automatic saving fails, while it does (it stays across pages).
        self.unsaved_notice: UnreadableAutosaveNotice | None = None
        #: Answers exist that neither the autosave nor a file saved by hand holds (saving failed).
        self.unsaved = False
        #: Saves the answers to a file the person picks (the app sets it); True when saved.
        self.save_as: Callable[[], bool] = lambda: False
        #: Shows a folder in the file manager (tests replace it).
        self.open_folder: Callable[[Path], object] | None = None
        if autosave is not None:
            autosave.unreadable.connect(self.show_unreadable)
            autosave.failed.connect(self._failed)
            autosave.saved.connect(self._saved)
        # The notice stays until dismissed, or until the person starts or opens something.
        controller.pageChanged.connect(self._page_changed)
        l10n.languageChanged.connect(self._language_changed)

    # -- notices: an autosave that could not be read, one set aside, saving that fails ------------
    def show_unreadable(self, kept: Path | None) -> None:
        """Show, under the window's header, that the autosave could not be read and where it is now.

        Args:
            kept: where it was moved to; None when it could not be moved (it is still in its place).
        """
        if self.autosave is None:
            return
        self.dismiss_notice()
        self.notice = self._show_notice("unreadable", kept, self.autosave.path)

    def show_discarded(self, kept: Path | None) -> None:
        """Say where the answers the person chose not to restore went (they are never deleted)."""
        if self.autosave is None:
            return
        self.dismiss_notice()
        self.notice = self._show_notice("discarded", kept, self.autosave.path)

    def show_unsaved(self, _message: str = "") -> None:
        """Automatic saving failed: a notice that stays (not a status-bar line) until saving works again."""
        if self.autosave is None or self.unsaved_notice is not None:
            return
        self.unsaved_notice = self._show_notice("unsaved", None, self.autosave.folder,
                                                reason=lambda: self.autosave.failure_reason() if self.autosave else "")

    def _saved_again(self) -> None:
        if self.unsaved_notice is not None:
            self.unsaved_notice.dismiss()

    def _show_notice(self, kind: str, kept: Path | None, original: Path,
                     reason: Callable[[], str] = lambda: "") -> UnreadableAutosaveNotice | None:
        from PySide6.QtWidgets import QWidget

        from cloudwizard.gui.widgets.notice import UnreadableAutosaveNotice

        central = self.window.centralWidget()
        layout = central.layout() if central is not None else None
        if central is None or layout is None:
            return None
        notice = UnreadableAutosaveNotice(central, lambda: self.l10n.gettext, kept, original,
                                          open_folder=self.open_folder, kind=kind,
                                          reason=reason)
        notice.dismissed.connect(lambda: self._forget(notice))
        # Right under the header: seen first, above every page, and in the Tab chain after it.
        layout.insertWidget(layout.indexOf(self.window.header) + 1, notice)  # type: ignore[attr-defined]
        notice.show()
        QWidget.setTabOrder(self.window.language_combo, notice.path)
        QWidget.setTabOrder(notice.path, notice.show_folder)
        QWidget.setTabOrder(notice.show_folder, notice.dismiss_button)
        return notice

    def dismiss_notice(self) -> None:
        """Close the unreadable-autosave notice, if shown."""
        if self.notice is not None:
            self.notice.dismiss()

    def _page_changed(self, page: str) -> None:
        if page != "welcome":  # the person started, resumed or opened answers
            self.dismiss_notice()

    def _language_changed(self, _language: str) -> None:
        for notice in (self.notice, self.unsaved_notice):
            if notice is not None:
                notice.retranslate()

    def _forget(self, notice: UnreadableAutosaveNotice) -> None:
        if self.notice is notice:
            self.notice = None
        if self.unsaved_notice is notice:
            self.unsaved_notice = None

    # -- restoring ---------------------------------------------------------------------------
    def offer_restore(self) -> bool:
        """After a crash ask at once; otherwise offer to resume on the welcome page. True when restored."""
        if self.autosave is None or self.controller.questionnaire is None:
            return False
        saved = self.autosave.read(self.controller.questionnaire)
        if saved is None or saved.data is None:
            return False
        _ = self.l10n.gettext
        if self.crashed:
            if self.window.confirm(
                _("Restore your answers?"),
                _("CloudWizard was not closed properly last time. Your answers were saved. Restore them?"),
                _("Restore"),
                _("Start afresh"),
                default_yes=True,  # Enter, Escape and closing keep the answers; only a deliberate choice doesn't
            ):
                self.controller.restore(saved.data)
                return True
            self._set_aside()
            return False
        saved_at = (saved.data.saved or "")[:16].replace("T", " ")
        self.welcome.set_resume((saved_at, len(saved.data.answers)))
        return False

    def resume(self) -> bool:
        """Continue the autosaved session (the welcome page's Resume); True when there was one."""
        self.welcome.set_resume(None)
        if self.autosave is None or self.controller.questionnaire is None:
            return False
        saved = self.autosave.read(self.controller.questionnaire)
        if saved is None or saved.data is None:
            return False
        self.controller.restore(saved.data)
        return True

    def discard(self) -> None:
        """Start afresh (the welcome page's button): the autosaved session is set aside, never deleted."""
        self._set_aside()
        self.welcome.set_resume(None)

    def _set_aside(self) -> None:
        if self.autosave is None:
            return
        kept = self.autosave.set_aside()
        if kept is not None or self.autosave.path.exists() or self.autosave.path.is_symlink():
            self.show_discarded(kept)

    # -- saving that fails, and quitting then ------------------------------------------------
    def _failed(self, message: str) -> None:
        self.unsaved = True
        self.show_unsaved(message)

    def _saved(self) -> None:
        self.unsaved = False
        self._saved_again()

    def saved_by_hand(self) -> None:
        """The person saved the answers to a file: nothing is lost if they quit now."""
        self.unsaved = False

    def may_quit(self) -> bool:
        """Before quitting: when the answers are saved nowhere, ask (Save as… / Quit anyway / Cancel)."""
        if self.autosave is None or self.controller.session is None:
            return True
        if self.autosave.failing and not self.unsaved and self.autosave.save_now() is False:
            self.unsaved = True  # an edit not yet saved, and saving it failed just now
        if not self.unsaved:
            return True
        choice = self.ask_quit()
        if choice == "save":
            return self.save_as()
        return choice == "quit"

    def ask_quit(self) -> str:
        """The question before quitting with answers saved nowhere: "save", "quit" or "cancel"."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        _ = self.l10n.gettext
        box = QMessageBox(QMessageBox.Icon.Warning, _("Quit without saving your answers?"),
                          _("Your answers could not be saved automatically, so they are not saved anywhere. "
                            "If you quit now, they are lost."),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        save = box.addButton(_("Save as…"), QMessageBox.ButtonRole.AcceptRole)
        quit_anyway = box.addButton(_("Quit anyway"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)  # Escape or closing the question never loses the answers
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "quit" if clicked is quit_anyway else "cancel"

    # -- unexpected errors -------------------------------------------------------------------
    def install_crash_handler(self) -> CrashHandler:
        """Show unexpected exceptions in a dialog (and save the answers) instead of only on stderr.

        `run()` calls this right after the first paint; tests call it themselves, since pytest-qt has
        its own hook.
        """
        from cloudwizard.gui.crash import CrashHandler

        if self.crash_handler is None:
            self.crash_handler = CrashHandler(
                lambda: self.l10n.gettext, self.save_after_error, self.answer_values, self.error_context,
                self.window, kiosk=self.kiosk, on_quit=self.on_quit,
            )
        self.crash_handler.install()
        return self.crash_handler

    def save_after_error(self) -> Saved:
        """Save the answers now and keep the crash marker, so the next start offers to restore them."""
        from cloudwizard.gui.crash import Saved

        if self.autosave is None or self.controller.session is None:
            return Saved.NOTHING
        self.autosave.keep_marker()
        done = self.autosave.save_now()
        return Saved.NOTHING if done is None else Saved.SAVED if done else Saved.FAILED

    def answer_values(self) -> list[Any]:
        """Everything the user entered, and the choice labels that show it: kept out of error reports."""
        c = self.controller
        values: list[Any] = []
        if c.justification is not None:
            values.append(c.justification.text)
        session, q = c.session, c.questionnaire
        if session is None or q is None:
            return values
        data = session.to_file()
        for qid, value in (*data.answers.items(), *data.set_aside.items()):
            values.append(value)
            question = q.question_index.get(qid)
            if question is None or not question.type.has_choices:
                continue
            for cid in value if isinstance(value, (set, frozenset, list, tuple)) else [value]:
                choice = question.choice(str(cid))
                if choice is not None:
                    values.extend(q.text(choice.label, lang) for lang in q.languages)
        return values

    def error_context(self) -> list[tuple[str, str]]:
        """Report lines that help to find the bug: questionnaire, page, language (never answers)."""
        q = self.controller.questionnaire
        lines = [("Page", self.controller.page), ("Language", self.l10n.language)]
        if q is not None:
            lines.insert(0, ("Questionnaire", f"{q.id} {q.version}"))
        return lines
