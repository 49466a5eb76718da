"""The question page: one section at a time, with its questions as cards."""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from cloudwizard.engine.model import Questionnaire, Section
from cloudwizard.gui.l10n import Localizer
from cloudwizard.gui.widgets.announce import announce
from cloudwizard.gui.widgets.common import ScrollPage, clear_layout, make_label, show_now
from cloudwizard.gui.widgets.questions import QuestionCard

if TYPE_CHECKING:
    from cloudwizard.engine.session import Problem

class QuestionPage(ScrollPage):
    """Shows one section.

    It holds a card for every question of the section and shows the ones that are visible now, so
    focus and typing survive when a later question appears or disappears.

    Signals:
        answerChanged(str, object): question id and raw answer (None clears it).
        warningConfirmed(str): question id; the person keeps an answer a validation rule warned about.
    """

    answerChanged = Signal(str, object)
    warningConfirmed = Signal(str)

    def __init__(self, l10n: Localizer, parent: QWidget | None = None) -> None:
        super().__init__("questionPage", parent)
        self._l10n = l10n
        self.step = make_label(role="muted", name="sectionStep")
        self.title = make_label(role="title", name="sectionTitle")
        self.intro = make_label(name="sectionIntro")
        self.content.addWidget(self.step)
        self.content.addWidget(self.title)
        self.content.addWidget(self.intro)
        self.cards_host = QWidget(self.body)
        self.cards_host.setObjectName("scrollBody")
        self.cards_layout = QVBoxLayout(self.cards_host)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(16)
        self.content.addWidget(self.cards_host)
        self.content.addStretch(1)
        self.cards: dict[str, QuestionCard] = {}
        self._questionnaire: Questionnaire | None = None
        self._section: Section | None = None
        self._step = (0, 0)
        self._problems: dict[str, Problem] = {}

    @property
    def section_id(self) -> str | None:
        """The id of the section shown."""
        return self._section.id if self._section else None

    def show_section(self, questionnaire: Questionnaire, section: Section, shown: set[str]) -> None:
        """Build the cards of `section`; `shown` are the ids the wizard shows at all (kiosk hides some)."""
        if self._section is not None and self._section.id == section.id and self._questionnaire is questionnaire:
            return
        self._questionnaire = questionnaire
        self._section = section
        self._problems = {}
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused) and focused is not self.title:
            # The new part's title first, then the focus on it, before the focused card goes: deleting
            # it moved the focus along the tab chain (a new card's choice, then Back) before the
            # page's start, each a focus change a screen reader announces.
            self.title.setText(questionnaire.text(section.title, self._l10n.language))
            self.title.setFocus()
        clear_layout(self.cards_layout)
        self.cards = {}
        for question in section.questions:
            if question.id not in shown:
                continue
            card = QuestionCard(question, self.cards_host)
            card.answerChanged.connect(self.answerChanged)
            card.answerChanged.connect(self._edited)
            card.warningConfirmed.connect(self.warningConfirmed)
            self.cards[question.id] = card
            self.cards_layout.addWidget(card)
        self.retranslate()
        self.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        """Forget the section shown and every card with its answers (kiosk reset)."""
        clear_layout(self.cards_layout)
        self.cards = {}
        self._questionnaire = None
        self._section = None
        self._problems = {}
        self._step = (0, 0)
        for label in (self.step, self.title, self.intro):
            label.setText("")

    def set_step(self, index: int, total: int) -> None:
        """Show "Step i of n"."""
        self._step = (index, total)
        self._write_step()

    def _write_step(self) -> None:
        _ = self._l10n.gettext
        index, total = self._step
        self.step.setText(_("Part {index} of {total}").format(index=index, total=total) if total else "")

    def update_state(
        self, visible: set[str], offered: dict[str, tuple[str, ...]], answers: dict[str, object]
    ) -> None:
        """Show the visible questions with the choices offered and the answers held now."""
        for qid, card in self.cards.items():
            card.setVisible(qid in visible)
            if qid in offered:
                card.input.set_offered(offered[qid])
            card.input.set_value(answers.get(qid))
        for qid in list(self._problems):
            if qid not in visible:
                del self._problems[qid]
        self._write_problems()
        show_now(self.cards_layout)

    def _edited(self, question_id: str, _value: object) -> None:
        # A fresh answer clears the "required" note; validation notes are refreshed by the wizard.
        problem = self._problems.get(question_id)
        if problem is not None and problem.kind == "required":
            del self._problems[question_id]
        self._write_problems()

    def show_problems(self, problems: list[Problem], focus: bool = True) -> None:
        """Show inline messages; with `focus`, move to the first question with a problem."""
        self._problems = {p.question_id: p for p in problems}
        self._write_problems()
        if focus and problems and problems[0].question_id in self.cards:
            card = self.cards[problems[0].question_id]
            self.ensure_visible(card.label)
            before = QApplication.focusWidget()
            card.focus_problem()  # a warning's "Keep this answer", else the input
            if QApplication.focusWidget() is before and card.error.text():
                # The focus stayed (Next pressed on the question itself): no focus change reads the
                # message from the description, so say it.
                announce(card.error, card.error.text())
            self.ensure_visible(card.problem_widget())

    def set_validation(self, problems: list[Problem]) -> None:
        """Live validation: show failed rules at once, but keep "required" notes until Next is pressed."""
        for qid in list(self._problems):
            if self._problems[qid].kind == "validation":
                del self._problems[qid]
        for p in problems:
            if p.kind == "validation":
                self._problems[p.question_id] = p
        self._write_problems()

    def _write_problems(self) -> None:
        _ = self._l10n.gettext
        q, lang = self._questionnaire, self._l10n.language
        for qid, card in self.cards.items():
            local = card.input.local_problem(_)
            problem = self._problems.get(qid)
            if local:
                card.show_problem(local)
            elif problem is None:
                card.show_problem(None)
            elif problem.kind == "required" or problem.message is None or q is None:
                card.show_problem(_("Please answer this question."))
            else:
                card.show_problem(q.text(problem.message, lang), warning=problem.kind == "validation")

    def retranslate(self) -> None:
        """Rewrite every text in the current language."""
        q, section, lang = self._questionnaire, self._section, self._l10n.language
        if q is None or section is None:
            return
        self.title.setText(q.text(section.title, lang))
        self.setAccessibleName(self.title.text())
        intro = q.text(section.intro, lang)
        self.intro.setText(intro)
        self.intro.setVisible(bool(intro))
        self._write_step()
        for card in self.cards.values():
            card.retranslate(q, lang, self._l10n.gettext)
        self._write_problems()

    def focus_first(self, question_id: str | None = None) -> None:
        """Focus a question's input; without one, the page's top (its title: one Tab to the first question)."""
        if question_id not in self.cards:
            self.focus_top()
            return
        cards = [self.cards[question_id]]
        if cards:
            cards[0].input.focus_input()
            self.ensure_visible(cards[0].label)
            # The focused choice, not the whole input: a tall first question would otherwise scroll
            # the part's step and title out of view on a small screen.
            focused = QApplication.focusWidget()
            self.ensure_visible(focused if focused is not None and cards[0].isAncestorOf(focused) else cards[0].input)

    #: Room kept above a question's title and below the focused control when scrolling to them (px).
    TITLE_MARGIN = 16
    CONTROL_MARGIN = 60

    def ensure_visible(self, widget: QWidget) -> None:
        """Scroll so that `widget` can be seen, with its question's title when both fit.

        Qt's `ensureWidgetVisible` scrolls only as far as the widget: an option reached by Tab or
        the arrows from below left its question's title half out of view (larger text, French,
        200 % scale). When the title and the widget do not fit together, the widget wins.
        """
        card = self._card_of(widget)
        content = self.widget()
        if card is None or widget is card.label or content is None or not card.label.isVisibleTo(content):
            super().ensure_visible(widget)
            return
        top = card.label.mapTo(content, card.label.rect().topLeft()).y() - self.TITLE_MARGIN
        bottom = widget.mapTo(content, widget.rect().bottomLeft()).y() + self.CONTROL_MARGIN
        view = self.viewport().height()
        if bottom - top > view:
            super().ensure_visible(widget)
            return
        bar = self.verticalScrollBar()
        value = bar.value()
        if top < value:
            value = top
        elif bottom > value + view:
            value = bottom - view
        bar.setValue(value)

    def _card_of(self, widget: QWidget) -> QuestionCard | None:
        """The question card that holds `widget` (None outside the cards)."""
        parent: QWidget | None = widget
        while parent is not None and parent is not self:
            if isinstance(parent, QuestionCard):
                return parent
            parent = parent.parentWidget()
        return None

    def focused_card(self) -> QuestionCard | None:
        """The card holding the keyboard focus, if any."""
        widget = QApplication.focusWidget()
        while widget is not None:
            if isinstance(widget, QuestionCard):
                return widget
            widget = widget.parentWidget()
        return None

    def toggle_help(self) -> None:
        """F1: show or hide the help of the focused question (or the first one)."""
        card = self.focused_card() or next((c for c in self.cards.values() if not c.isHidden()), None)
        if card is not None:
            card.toggle_help()
            if card.help_text.isVisible():
                self.ensure_visible(card.help_text)
