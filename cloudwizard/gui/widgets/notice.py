"""A notice across the top of the window that stays until it is dismissed: never a modal dialog.

Used for the damaged autosave found at start-up (issue 14): what happened, where the file was kept
(selectable), what to do, and "Show folder" / "Dismiss" buttons reachable with the keyboard. The same
notice says where the answers of an earlier session went when the person chose to start afresh
(``kind="discarded"``), and that automatic saving keeps failing (``kind="unsaved"``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cloudwizard.gui.widgets.announce import announce


class UnreadableAutosaveNotice(QWidget):
    """Says that the automatically saved answers could not be read, and where the file is now.

    Args:
        parent: the widget it lives in (the window's central widget).
        gettext: returns the current ``_()``, so `retranslate` follows a change of language.
        kept: where the damaged file was moved to; None when it could not be moved (then it is
            still at `original`, and automatic saving is paused so it is not overwritten).
        original: where the autosave was.
        open_folder: shows a folder in the file manager (tests pass a recorder).
        kind: ``"unreadable"`` (a damaged autosave), ``"discarded"`` (set aside at "Start afresh") or
            ``"unsaved"`` (automatic saving fails; `original` is then the folder it tries to save in).
        reason: why saving fails, in the current language (``kind="unsaved"``).

    Signals:
        dismissed(): the notice was closed (its Dismiss button, or `dismiss`).
    """

    dismissed = Signal()

    def __init__(
        self,
        parent: QWidget,
        gettext: Callable[[], Callable[[str], str]],
        kept: Path | None,
        original: Path,
        open_folder: Callable[[Path], object] | None = None,
        *,
        kind: str = "unreadable",
        reason: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName({"discarded": "discardedAutosaveNotice", "unsaved": "unsavedAnswersNotice"}
                           .get(kind, "unreadableAutosaveNotice"))
        self.kind = kind
        self._reason = reason
        #: The framed box (the theme's banner); the notice itself only keeps it off the window's edges.
        self.box = QFrame(self)
        self.box.setProperty("role", "banner")
        self._gettext = gettext
        self._closed = False
        self.kept = kept
        self.original = original
        self._open_folder = open_folder or (lambda folder: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))

        self.title = QLabel(self.box)
        self.title.setObjectName("noticeTitle")
        self.title.setProperty("role", "subtitle")
        self.title.setWordWrap(True)
        self.text = QLabel(self.box)
        self.text.setObjectName("noticeText")
        self.text.setWordWrap(True)
        self.path = QLabel(str(kept or original), self.box)
        self.path.setObjectName("noticePath")
        self.path.setWordWrap(True)
        self.path.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never read as markup
        # Selectable with the mouse and the keyboard (Tab reaches it), so the path can be copied.
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.path.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.advice = QLabel(self.box)
        self.advice.setObjectName("noticeAdvice")
        self.advice.setWordWrap(True)
        for label in (self.title, self.text, self.advice):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.show_folder = QPushButton(self.box)
        self.show_folder.setObjectName("noticeShowFolder")
        self.dismiss_button = QPushButton(self.box)
        self.dismiss_button.setObjectName("noticeDismiss")
        self.show_folder.clicked.connect(lambda: self._open_folder(self.folder))
        self.dismiss_button.clicked.connect(self.dismiss)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 2)
        outer.addWidget(self.box)
        column = QVBoxLayout(self.box)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(6)
        column.addWidget(self.title)
        column.addWidget(self.text)
        column.addWidget(self.path)
        column.addWidget(self.advice)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.show_folder)
        buttons.addWidget(self.dismiss_button)
        column.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Write the texts in the current language (also the accessible name and description)."""
        _ = self._gettext()
        self.title.setText(_("Your saved answers could not be read"))
        if self.kind == "discarded":
            self._discarded_texts(_)
        elif self.kind == "unsaved":
            self.title.setText(_("Your answers are not being saved automatically"))
            self.text.setText(_("CloudWizard cannot save your answers automatically ({reason}). It tries to save "
                                "them in").format(reason=self._reason()))
            self.advice.setText(_("Save them yourself with File ▸ Save answers. This notice goes once automatic "
                                  "saving works again."))
        elif self.kept is not None:
            self.text.setText(_("The answers CloudWizard saved automatically last time are damaged or belong to "
                                "another questionnaire. They were not deleted: the file was moved to"))
            self.advice.setText(_("Start afresh, or open an answers file you saved yourself (File ▸ Open answers). "
                                  "Keep the damaged file if someone is to look at it; it is not used again."))
        else:
            self.text.setText(_("The answers CloudWizard saved automatically last time are damaged or belong to "
                                "another questionnaire, and the file could not be moved aside. It is still at"))
            self.advice.setText(_("Automatic saving is paused so that this file is not overwritten. Save your "
                                  "answers yourself with File ▸ Save answers."))
        self.show_folder.setText(_("Show folder"))
        self.dismiss_button.setText(_("Dismiss"))
        # The path itself in the name: a screen reader reaching it with Tab says the name only.
        where = (_("Location of the damaged file: {path}") if self.kind == "unreadable"
                 else _("Location of the folder: {path}") if self.kind == "unsaved"
                 else _("Location of the earlier answers: {path}"))
        self.path.setAccessibleName(where.format(path=self.path.text()))
        self.setAccessibleName(self.title.text())
        self.setAccessibleDescription(f"{self.text.text()} {self.path.text()}. {self.advice.text()}")
        self.show_folder.setAccessibleDescription(str(self.folder))

    def _discarded_texts(self, _: Callable[[str], str]) -> None:
        self.title.setText(_("Your earlier answers were set aside"))
        if self.kept is not None:
            self.text.setText(_("You chose to start afresh. The answers CloudWizard saved automatically last "
                                "time were not deleted: the file was moved to"))
            self.advice.setText(_("To use them again, open that file with File ▸ Open answers. Otherwise it is "
                                  "not used again; delete it when you no longer need it."))
        else:
            self.text.setText(_("You chose to start afresh, but the answers CloudWizard saved automatically last "
                                "time could not be moved aside. They are still at"))
            self.advice.setText(_("Automatic saving is paused so that this file is not overwritten. Save your "
                                  "answers yourself with File ▸ Save answers."))

    @property
    def folder(self) -> Path:
        """The folder "Show folder" opens."""
        if self.kind == "unsaved":
            return self.original
        return (self.kept or self.original).parent

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Have a screen reader say the notice once when it appears (the focus does not move to it)."""
        super().showEvent(event)
        if not getattr(self, "_announced", False):
            self._announced = True
            announce(self, f"{self.accessibleName()}. {self.accessibleDescription()}")

    def dismiss(self) -> None:
        """Close the notice for good (it is not shown again in this run)."""
        if self._closed:
            return
        self._closed = True
        self.hide()
        self.dismissed.emit()
        self.deleteLater()
