"""File actions of the desktop wizard: save and open answers files, and the one way a file error is told.

Every failure goes through `FileActions.fail` (a dialog in the user's language, the technical report
in its details) and leaves the session as it was. Exports use `FileActions.not_saved` as well.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths

if TYPE_CHECKING:
    from cloudwizard.gui.controller import WizardController
    from cloudwizard.gui.l10n import Localizer
    from cloudwizard.gui.options import WizardOptions
    from cloudwizard.gui.window import MainWindow

#: The suffix suggested for answers files.
ANSWERS_SUFFIX = ".cwanswers.yaml"


def documents_folder() -> str:
    """The user's documents folder: where file dialogs start."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class FileActions:
    """Save and open answers files for the window's File menu.

    Args:
        controller: the session to save, or to restore from a file.
        l10n: the language of dialogs and messages.
        window: file dialogs, error dialogs and the status bar.
        options: files are refused when ``allow_files`` is off (kiosk).
        opened: called after answers were opened (the app then shows the right page).
    """

    def __init__(
        self,
        controller: WizardController,
        l10n: Localizer,
        window: MainWindow,
        options: WizardOptions,
        opened: Callable[[], None] = lambda: None,
    ) -> None:
        self.controller = controller
        self.l10n = l10n
        self.window = window
        self.options = options
        self.opened = opened
        #: Called after the answers were saved to a file (the quit question then need not be asked).
        self.saved: Callable[[], None] = lambda: None

    def fail(self, title: str, text: str, details: str = "") -> bool:
        """Tell the user what went wrong (the one error path of file actions); always False."""
        self.window.show_error(title, text, details)
        return False

    def not_saved(self, title: str, path: str, exc: OSError) -> bool:
        """Say in the user's language why a file was not saved; the engine's message goes in the details."""
        _ = self.l10n.gettext
        from cloudwizard.engine.diagnostic_text import save_reason

        reason = save_reason(exc, self.l10n.language)  # why, for the common reasons; else the general sentence
        if reason:
            text = _("{path} could not be saved: {reason}.").format(path=path, reason=reason)
        else:
            text = _("{path} could not be saved.").format(path=path)
        text += " " + _("The previous file, if there was one, is unchanged. Choose another folder, or free "
                        "some space, and try again.")
        return self.fail(title, text, str(exc))

    def save_answers(self, path: str | None = None) -> bool:
        """Save the answers to `path`, or to a file the user picks."""
        from cloudwizard.engine.answers import SaveError, save_answers

        _ = self.l10n.gettext
        if self.controller.session is None or not self.options.allow_files:
            return False
        if path is None:
            path = self.window.ask_save_path(
                _("Save answers"),
                str(Path(documents_folder()) / f"cloudwizard{ANSWERS_SUFFIX}"),
                _("CloudWizard answers") + " (*.yaml *.yml)",
            )
        if not path:
            return False
        try:
            save_answers(path, self.controller.answers_file())
        except SaveError as exc:
            return self.not_saved(_("The answers were not saved"), path, exc)
        self.window.status(_("Answers saved to {path}").format(path=path))
        self.saved()
        return True

    def open_answers(self, path: str | None = None) -> bool:
        """Open an answers file; a broken one is reported line by line and changes nothing."""
        from cloudwizard.engine.answers import read_answers
        from cloudwizard.engine.diagnostic_text import format_report, short_question, translate

        _ = self.l10n.gettext
        lang = self.l10n.language
        q = self.controller.questionnaire
        if q is None or not self.options.allow_files:
            return False
        if path is None:
            path = self.window.ask_open_path(_("Open answers"), documents_folder(),
                                             _("CloudWizard answers") + " (*.yaml *.yml)")
        if not path:
            return False
        result = read_answers(path, q)
        if result.data is None:
            return self.fail(
                _("These answers cannot be opened"),
                _("{path} is not a CloudWizard answers file, or it is damaged. Your current answers are "
                  "unchanged. The details show what is wrong and where.").format(path=path),
                format_report(result.report, lang, q),  # FILE:LINE:COL, in the user's language
            )
        self.controller.restore(result.data)
        self.opened()
        if result.dropped:
            self.fail(
                _("Some answers were left out"),
                _("The file was made for another version of the questionnaire. These answers could not be "
                  "kept; please answer them again."),
                "\n".join(f"{short_question(q, qid, lang) if qid in q.question_index else qid}: "
                          f"{translate(why, lang, q)}" for qid, why in result.dropped.items()),
            )
        self.window.status(_("Answers opened from {path}").format(path=path))
        return True
