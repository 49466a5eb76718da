"""The review page: every answer by section, each with an Edit link back to its question."""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from cloudwizard.engine.model import Questionnaire, Section
from cloudwizard.gui.l10n import Localizer
from cloudwizard.gui.widgets.common import ScrollPage, clear_layout, make_card, make_label, show_now


class ReviewPage(ScrollPage):
    """Lists the answers; "Edit" asks to go back to a question.

    Signals:
        editRequested(str): the id of the question to edit.
    """

    editRequested = Signal(str)

    def __init__(self, l10n: Localizer, parent: QWidget | None = None) -> None:
        super().__init__("reviewPage", parent)
        self._l10n = l10n
        self.title = make_label(role="title", name="reviewTitle")
        self.intro = make_label(role="muted", name="reviewIntro")
        self.content.addWidget(self.title)
        self.content.addWidget(self.intro)
        self.host = QWidget(self.body)
        self.host.setObjectName("scrollBody")
        self.sections = QVBoxLayout(self.host)
        self.sections.setContentsMargins(0, 0, 0, 0)
        self.sections.setSpacing(16)
        self.content.addWidget(self.host)
        self.content.addStretch(1)
        self.edit_buttons: dict[str, QPushButton] = {}

    def show_answers(
        self, questionnaire: Questionnaire, rows: list[tuple[Section, list[tuple[str, Any]]]]
    ) -> None:
        """Show `rows`: per section, (question id, answer) pairs in reading order."""
        from cloudwizard.engine.report.view import format_answer  # lazy: pulls in the recommender

        _ = self._l10n.gettext
        lang = self._l10n.language
        q = questionnaire
        self.title.setText(_("Check your answers"))
        self.setAccessibleName(self.title.text())
        self.intro.setText(_("Change anything that is not right, then see your advice."))
        clear_layout(self.sections)
        self.edit_buttons = {}
        for section, answers in rows:
            card, layout = make_card(f"review_{section.id}", self.host)
            layout.addWidget(make_label(q.text(section.title, lang), "subtitle", card))
            grid = QGridLayout()
            grid.setHorizontalSpacing(16)
            grid.setVerticalSpacing(10)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 2)
            for row, (qid, value) in enumerate(answers):
                question = q.question(qid)
                label = q.text(question.label, lang)
                shown = format_answer(q, question, value, lang)
                question_label = make_label(label, "muted", card)
                answer_label = make_label(shown, "", card, f"answer_{qid}")
                answer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                edit = QPushButton(_("Edit"), card)
                edit.setObjectName(f"edit_{qid}")
                edit.setProperty("role", "link")
                edit.setAutoDefault(True)
                edit.setAccessibleName(_("Edit: {question}").format(question=label))
                edit.setAccessibleDescription(_("Your answer: {answer}").format(answer=shown))
                edit.clicked.connect(lambda _checked=False, i=qid: self.editRequested.emit(i))
                self.edit_buttons[qid] = edit
                grid.addWidget(question_label, row, 0)
                grid.addWidget(answer_label, row, 1)
                grid.addWidget(edit, row, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            layout.addLayout(grid)
            self.sections.addWidget(card)
        show_now(self.sections)

    def clear(self) -> None:
        """Forget the answers shown (kiosk reset)."""
        clear_layout(self.sections)
        self.edit_buttons = {}

    def focus_first(self) -> None:
        """Focus the first Edit link."""
        if self.edit_buttons:
            next(iter(self.edit_buttons.values())).setFocus(Qt.FocusReason.OtherFocusReason)
