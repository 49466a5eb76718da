"""The welcome page: language, audience, the privacy promise and resuming an unfinished session."""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QRadioButton, QWidget

from cloudwizard.engine.i18n import LANGUAGE_NAMES
from cloudwizard.engine.vocabulary import LANGUAGES
from cloudwizard.gui.l10n import Localizer
from cloudwizard.gui.widgets.common import ScrollPage, clear_layout, keep_one_tab_stop, make_card, make_label
from cloudwizard.gui.widgets.tiles import TileRadioButton

if TYPE_CHECKING:
    from cloudwizard.engine.model import Questionnaire


class WelcomePage(ScrollPage):
    """First page. The questionnaire may arrive after the first paint (`set_questionnaire`).

    Signals:
        languageChosen(str): a language code.
        audienceChosen(str): the id of the chosen audience (an answer to the audience question).
        resumeRequested(): continue the unfinished session.
        discardRequested(): forget the unfinished session.
    """

    languageChosen = Signal(str)
    audienceChosen = Signal(str)
    resumeRequested = Signal()
    discardRequested = Signal()

    def __init__(self, l10n: Localizer, parent: QWidget | None = None) -> None:
        super().__init__("welcomePage", parent)
        self._l10n = l10n
        self._questionnaire: Questionnaire | None = None
        self._audience_ids: tuple[str, ...] = ()
        self._audience: str | None = None
        self._resume: tuple[str, int] | None = None

        self.title = make_label(role="title", name="welcomeTitle")
        self.intro = make_label(name="welcomeIntro")
        self.content.addWidget(self.title)
        self.content.addWidget(self.intro)

        self.resume_card, resume = make_card("resumeCard")
        self.resume_card.setProperty("role", "banner")
        self.resume_text = make_label(name="resumeText")
        self.resume_button = QPushButton(self.resume_card)
        self.resume_button.setObjectName("resumeButton")
        self.resume_button.setProperty("role", "primary")
        self.discard_button = QPushButton(self.resume_card)
        self.discard_button.setObjectName("discardButton")
        for b in (self.resume_button, self.discard_button):
            b.setAutoDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.resume_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        resume.addWidget(self.resume_text)
        resume.addLayout(row)
        self.resume_card.hide()
        self.content.addWidget(self.resume_card)

        lang_card, lang_layout = make_card("languageCard")
        self.language_heading = make_label(role="subtitle")
        lang_layout.addWidget(self.language_heading)
        self.language_group = QButtonGroup(self)
        # A grid rather than a row: two columns when the page is narrow (see `resizeEvent`).
        self.language_grid = QGridLayout()
        self.language_grid.setSpacing(8)
        self.language_buttons: dict[str, QRadioButton] = {}
        for code in LANGUAGES:
            radio = QRadioButton(LANGUAGE_NAMES[code], lang_card)
            radio.setObjectName(f"language_{code}")
            self.language_group.addButton(radio)
            self.language_buttons[code] = radio
            radio.toggled.connect(lambda checked, c=code: self.languageChosen.emit(c) if checked else None)
            radio.installEventFilter(self)  # arrows move, Space or Enter chooses (see `eventFilter`)
        self._language_columns = 0
        self._place_languages(len(LANGUAGES))
        lang_layout.addLayout(self.language_grid)
        self.content.addWidget(lang_card)

        self.audience_card, self.audience_layout = make_card("audienceCard")
        self.audience_heading = make_label(role="subtitle", name="audienceHeading")
        self.audience_layout.addWidget(self.audience_heading)
        self.audience_group = QButtonGroup(self)
        self.audience_group.idToggled.connect(self._audience_toggled)
        self.audience_buttons: list[QRadioButton] = []
        self.audience_error = make_label(role="error", name="audienceError")
        self.audience_error.hide()
        self.audience_card.hide()
        self.content.addWidget(self.audience_card)

        privacy_card, privacy = make_card("privacyCard")
        self.privacy_heading = make_label(role="subtitle")
        self.privacy_text = make_label(name="privacyText")
        privacy.addWidget(self.privacy_heading)
        privacy.addWidget(self.privacy_text)
        self.content.addWidget(privacy_card)
        self.content.addStretch(1)

        self.resume_button.clicked.connect(self.resumeRequested)
        self.discard_button.clicked.connect(self.discardRequested)
        self.retranslate()

    def _place_languages(self, columns: int) -> None:
        """Put the language buttons in `columns` columns (reading order is kept)."""
        if columns == self._language_columns:
            return
        self._language_columns = columns
        for button in self.language_buttons.values():
            self.language_grid.removeWidget(button)
        for i, button in enumerate(self.language_buttons.values()):
            self.language_grid.addWidget(button, i // columns, i % columns)
        for column in range(len(LANGUAGES) + 1):
            self.language_grid.setColumnStretch(column, 1 if column == len(LANGUAGES) else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The arrow keys: among the audiences they move and choose; among the languages they only move.

        The language buttons: Space or Enter chooses.

        Qt's radio buttons check the button an arrow key moves to, and every language chosen
        translates the whole window: arrowing through the languages re-translated it under the
        user at each key. Now the window changes language only when the user chooses one, and the
        focus stays on the language chosen.
        """
        if event.type() == QEvent.Type.KeyPress and watched in self.audience_buttons:
            from cloudwizard.gui.widgets.questions import arrow_among  # first used after the first paint

            if arrow_among(self.audience_buttons, watched, event, choose=True):  # the arrows choose
                return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            buttons = list(self.language_buttons.values())
            if watched in buttons and isinstance(watched, QRadioButton):
                from PySide6.QtCore import Qt  # here: the page is built before the first paint

                if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                    return super().eventFilter(watched, event)
                steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}
                step = steps.get(Qt.Key(event.key()))
                if step is not None:
                    index = buttons.index(watched) + step
                    if 0 <= index < len(buttons):
                        buttons[index].setFocus(Qt.FocusReason.TabFocusReason if step > 0
                                                else Qt.FocusReason.BacktabFocusReason)
                    return True
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    watched.click()  # chooses this language; Enter does not go on to the questions
                    return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Two columns of languages when four in a row would not fit."""
        row = sum(b.sizeHint().width() + 8 for b in self.language_buttons.values())
        self._place_languages(len(LANGUAGES) if row <= self.body.width() - 40 else 2)
        super().resizeEvent(event)

    # -- content -----------------------------------------------------------------------------
    def set_questionnaire(self, questionnaire: Questionnaire, audience_ids: tuple[str, ...]) -> None:
        """Show the questionnaire's title and the audiences to choose from."""
        self._questionnaire = questionnaire
        self._audience_ids = audience_ids
        for b in self.audience_buttons:
            self.audience_group.removeButton(b)
        self.audience_buttons = []
        self.audience_layout.removeWidget(self.audience_heading)
        self.audience_layout.removeWidget(self.audience_error)
        clear_layout(self.audience_layout)
        self.audience_layout.addWidget(self.audience_heading)
        for i, aid in enumerate(audience_ids):
            b = TileRadioButton("", self.audience_card)
            b.setObjectName(f"audience_{aid}")
            self.audience_group.addButton(b, i)
            self.audience_buttons.append(b)
            b.installEventFilter(self)
            self.audience_layout.addWidget(b)
        self.audience_layout.addWidget(self.audience_error)
        # Buttons made after the window's own buttons would come last in the tab chain: put them
        # right after the language choice, in reading order.
        previous: QWidget = self.language_buttons[LANGUAGES[-1]]
        for b in self.audience_buttons:
            QWidget.setTabOrder(previous, b)
            previous = b
        self.audience_card.setVisible(bool(audience_ids))
        self.set_audience(self._audience)
        self.retranslate()

    def set_audience(self, audience: str | None) -> None:
        """Check the audience chosen (without emitting)."""
        self._audience = audience
        self.audience_group.blockSignals(True)
        self.audience_group.setExclusive(False)
        for aid, b in zip(self._audience_ids, self.audience_buttons, strict=True):
            b.setChecked(aid == audience)
        self.audience_group.setExclusive(True)
        self.audience_group.blockSignals(False)
        keep_one_tab_stop(self.audience_buttons)
        if audience is not None:
            self.show_audience_problem(False)

    def _audience_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self._audience = self._audience_ids[index]
            self.audienceChosen.emit(self._audience)

    def show_audience_problem(self, shown: bool) -> None:
        """Show "please choose" under the audiences, and focus them."""
        self.audience_error.setVisible(shown)
        for b in self.audience_buttons:  # read with the choice that gets the focus, by a screen reader
            b.setAccessibleDescription(self.audience_error.text() if shown else "")
        if shown and self.audience_buttons:
            before = QApplication.focusWidget()
            self.audience_buttons[0].setFocus()  # OtherFocusReason, without the Qt namespace's enums
            self.ensure_visible(self.audience_card)
            if QApplication.focusWidget() is before:  # no focus change to read the description
                from cloudwizard.gui.widgets.announce import announce  # lazy: not before the first paint

                announce(self.audience_error, self.audience_error.text())

    def set_resume(self, info: tuple[str, int] | None) -> None:
        """Offer to resume an unfinished session saved at `info[0]` with `info[1]` answers."""
        self._resume = info
        self.resume_card.setVisible(info is not None)
        self.retranslate()

    def focus_first(self) -> None:
        """The page's top: the offer to resume when there is one, else the title (Tab: language, audience).

        On every arrival, and once more when the layouts waiting in the event loop have run: a kiosk
        reset switches the text size, the contrast and the language back just before, and the page
        laid out again under those must still show its top.
        """
        self._land()
        from PySide6.QtCore import QTimer  # here: the welcome page is built before the first paint

        QTimer.singleShot(0, self._settle)

    def _land(self) -> None:
        if self._resume is not None:
            self.focus_widget_at_top(self.resume_button)
        else:
            self.focus_top()

    def _settle(self) -> None:
        """Back to the top, unless the user has moved on since (the focus left the top of the page)."""
        from PySide6.QtWidgets import QApplication

        focused = QApplication.focusWidget()
        if self.isVisible() and (focused is None or focused in (self.heading(), self.resume_button)):
            self._land()

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Rewrite every text in the current language."""
        _ = self._l10n.gettext
        lang = self._l10n.language
        q = self._questionnaire
        self.title.setText(q.text(q.title, lang) if q else _("Welcome to CloudWizard"))
        intro = _(
            "A few questions about what you need, the personal data you hold and how you make backups. "
            "Then you get advice on which kind of cloud fits you, and why."
        )
        if q is not None and q.introduction:
            intro = q.text(q.introduction, lang)
        self.intro.setText(intro)
        self.setAccessibleName(_("Welcome"))
        self.language_heading.setText(_("Language"))
        self.language_group.blockSignals(True)
        for code, b in self.language_buttons.items():
            b.blockSignals(True)
            b.setChecked(code == lang)
            b.blockSignals(False)
            b.setAccessibleName(_("Language: {name}").format(name=LANGUAGE_NAMES[code]))
        self.language_group.blockSignals(False)
        keep_one_tab_stop(list(self.language_buttons.values()))
        self.audience_heading.setText(_("Who are you asking for?"))
        self.audience_error.setText(_("Please choose who you are asking for."))
        if q is not None and q.audience_question:
            question = q.question(q.audience_question)
            self.audience_heading.setText(q.text(question.label, lang))
            for aid, b in zip(self._audience_ids, self.audience_buttons, strict=True):
                choice = question.choice(aid)
                b.setText(q.text(choice.label, lang) if choice else aid)
        self.privacy_heading.setText(_("Your privacy"))
        privacy = q.text(q.privacy, lang) if q is not None and q.privacy else _("Your answers stay on this computer.")
        privacy += " " + _("CloudWizard does not connect to the internet and sends nothing anywhere.")
        self.privacy_text.setText(privacy)
        self.resume_button.setText(_("Resume"))
        self.discard_button.setText(_("Start afresh"))
        if self._resume is not None:
            saved, count = self._resume
            self.resume_text.setText(
                self._l10n.ngettext("You have an unfinished session from {saved} with {count} answer.",
                                    "You have an unfinished session from {saved} with {count} answers.",
                                    count).format(saved=saved, count=count)
            )
