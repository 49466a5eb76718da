"""The wizard's state machine: one `Session` plus which page is shown, the result and its what-ifs.

Every public method is a slot that the composition root connects to a page signal; each does one
engine call (or one navigation step) and emits what changed. Nothing here builds widgets.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Signal

from cloudwizard.gui.options import WizardOptions

if TYPE_CHECKING:  # the engine's model is imported with the questionnaire, after the first paint
    from cloudwizard.engine.answers import AnswersFile
    from cloudwizard.engine.model import Question, Questionnaire, Section
    from cloudwizard.engine.recommender import Counterfactual, Recommendation
    from cloudwizard.engine.report.view import Justification, ReportView
    from cloudwizard.engine.session import Problem, Session

#: The pages, in order.
WELCOME, QUESTIONS, REVIEW, RESULT = "welcome", "questions", "review", "result"


class WhatIf(NamedTuple):
    """A "what would change this" whose answers the user took over, kept so it can be undone.

    A NamedTuple rather than a dataclass, like `WizardOptions`: this module is imported before the first paint.

    Attributes:
        counterfactual: the change that was taken over.
        previous: the answers before it (engine form), restored by `undo_what_if`.
    """

    counterfactual: Counterfactual
    previous: dict[str, Any]


class Trial(NamedTuple):
    """A "what would change this" being tried: the advice it would give, computed beside the session.

    Attributes:
        number: which of the recommendation's ``what_would_change`` it is (its index).
        counterfactual: the change tried.
        recommendation: the advice for the changed answers (the session's answers are untouched).
    """

    number: int
    counterfactual: Counterfactual
    recommendation: Recommendation


class WizardController(QObject):
    """Holds the session and navigation; pages ask it to change things and redraw on its signals.

    Signals:
        questionnaireChanged(): a questionnaire was loaded (or replaced); pages rebuild.
        pageChanged(str): the page now shown (welcome, questions, review or result).
        answersChanged(): an answer changed (visibility and progress may have changed).
        problemsFound(list): `Problem`s that keep the current section from going on.
        resultChanged(): the recommendation (or the what-if on it) changed.
    """

    questionnaireChanged = Signal()
    pageChanged = Signal(str)
    answersChanged = Signal()
    problemsFound = Signal(list)
    resultChanged = Signal()

    def __init__(self, options: WizardOptions, language: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.language = language
        self.questionnaire: Questionnaire | None = None
        self.session: Session | None = None
        self.page = WELCOME
        self.what_if: list[WhatIf] = []
        self.trial: Trial | None = None
        self.justification: Justification | None = None
        self._recommendation: Recommendation | None = None
        self._return_to_review = False
        #: Answers the person kept although a validation rule warned about them (question id → value);
        #: a warning counts as settled while the answer is still that value.
        self.confirmed: dict[str, Any] = {}

    # -- loading -----------------------------------------------------------------------------
    def set_questionnaire(self, questionnaire: Questionnaire) -> None:
        """Start a fresh session on `questionnaire`."""
        from cloudwizard.engine.session import Session  # lazy: pulls in the YAML reader

        self.questionnaire = questionnaire
        self.session = Session(questionnaire, language=self.language)
        self.confirmed = {}
        self._forget_result()
        self.page = WELCOME
        self.questionnaireChanged.emit()
        self.pageChanged.emit(self.page)

    def restore(self, data: AnswersFile) -> None:
        """Continue the session held in an answers file (checked by `read_answers`)."""
        from cloudwizard.engine.session import Session

        assert self.questionnaire is not None
        self.session = Session.from_file(self.questionnaire, data)
        self.session.language = self.language
        self.confirmed = {}
        self._forget_result()
        self.answersChanged.emit()
        first = self._first_section()
        if first is not None and self.session.current_section is None:
            self.session.go_to(first.id)
        self._show(QUESTIONS if self.displayable_sections() else WELCOME)

    # -- questions shown ---------------------------------------------------------------------
    def shows_question(self, q: Question) -> bool:
        """Whether the question pages show `q` (the audience is asked on the welcome page)."""
        from cloudwizard.engine.model import QuestionType  # loaded with the questionnaire already

        assert self.questionnaire is not None
        if q.id == self.questionnaire.audience_question:
            return False
        return self.options.allow_free_text or q.type is not QuestionType.TEXT

    def questions_of(self, section_id: str) -> tuple[Question, ...]:
        """The visible questions of a section that the question page shows."""
        assert self.session is not None
        return tuple(q for q in self.session.visible_questions(section_id) if self.shows_question(q))

    def displayable_sections(self) -> tuple[Section, ...]:
        """Visible sections that have at least one question to show."""
        assert self.session is not None
        return tuple(s for s in self.session.visible_sections() if self.questions_of(s.id))

    def _first_section(self) -> Section | None:
        sections = self.displayable_sections()
        return sections[0] if sections else None

    def problems(self, section_id: str | None = None) -> list[Problem]:
        """The session's problems (of one section, or all) without the warnings the person overruled."""
        assert self.session is not None
        session = self.session
        return [p for p in session.problems(section_id)
                if not (p.kind == "validation" and p.question_id in self.confirmed
                        and self.confirmed[p.question_id] == session.answer(p.question_id))]

    def is_complete(self) -> bool:
        """Every visible required question answered, and every warning settled or overruled."""
        return self.session is not None and not self.problems()

    def confirm_warning(self, question_id: str) -> None:
        """Keep the current answer to `question_id` although a validation rule warns about it."""
        assert self.session is not None
        value = self.session.answer(question_id)
        if value is None:
            return
        self.confirmed[question_id] = value
        self.answersChanged.emit()

    def current_problems(self) -> list[Problem]:
        """Problems of the current section, for the questions shown."""
        assert self.session is not None
        section = self.session.current_section
        if section is None:
            return []
        shown = {q.id for q in self.questions_of(section.id)}
        return [p for p in self.problems(section.id) if p.question_id in shown]

    def audience_problem(self) -> bool:
        """True when the audience must still be chosen on the welcome page."""
        assert self.questionnaire is not None and self.session is not None
        qid = self.questionnaire.audience_question
        return qid is not None and qid != "" and self.session.answer(qid) is None

    # -- answers -----------------------------------------------------------------------------
    def set_answer(self, question_id: str, value: Any) -> None:
        """Answer a question (None clears the answer)."""
        from cloudwizard.engine.answers import AnswerError

        assert self.session is not None
        if value is None or value == frozenset() or value == "":
            self.session.clear_answer(question_id)
        else:
            try:
                self.session.set_answer(question_id, value)
            except AnswerError:
                # The inputs check answers with the engine's rules before they send them, so this is
                # a safety net: an answer that does not fit is no answer, never a crash.
                self.session.clear_answer(question_id)
        self._forget_result()
        self.answersChanged.emit()

    def set_language(self, language: str) -> None:
        """Remember the language in the session (answers are kept)."""
        self.language = language
        if self.session is not None:
            self.session.language = language

    # -- navigation --------------------------------------------------------------------------
    def _show(self, page: str) -> None:
        self.page = page
        self.pageChanged.emit(page)

    def go_next(self) -> None:
        """Go on: welcome → first section → … → review → result, refusing while answers are missing."""
        session = self.session
        if session is None:
            return
        if self.page == WELCOME:
            if self.audience_problem():
                assert self.questionnaire is not None  # a session implies a questionnaire
                self.problemsFound.emit([_problem(self.questionnaire.audience_question or "", "required", None)])
                return
            first = self._first_section()
            if first is None:
                self._show(REVIEW)
                return
            if session.current_section is None or session.current_section.id != first.id:
                session.go_to(first.id)
            self._show(QUESTIONS)
        elif self.page == QUESTIONS:
            problems = self.current_problems()
            if problems:
                self.problemsFound.emit(problems)
                return
            if self._return_to_review and self.is_complete():
                self._return_to_review = False
                self._show(REVIEW)
                return
            self._show(QUESTIONS if self._skip_forward() else REVIEW)
        elif self.page == REVIEW:
            self._show(RESULT)

    def _skip_forward(self) -> bool:
        """Move to the next section with something to show; False at the end."""
        assert self.session is not None
        while self.session.go_next():
            section = self.session.current_section
            if section is not None and self.questions_of(section.id):
                return True
        return False

    def go_back(self) -> None:
        """Go back one page; answers are kept."""
        session = self.session
        if session is None:
            return
        if self.page == RESULT:
            self._show(REVIEW)
        elif self.page == REVIEW:
            section = session.current_section
            self._show(QUESTIONS if section is not None and self.questions_of(section.id) else WELCOME)
        elif self.page == QUESTIONS:
            while session.go_back():
                section = session.current_section
                if section is not None and self.questions_of(section.id):
                    self._show(QUESTIONS)
                    return
            self._show(WELCOME)

    def go_to_section(self, section_id: str) -> None:
        """Jump to a visible section (from the section list)."""
        assert self.session is not None
        if self.page == WELCOME and self.audience_problem():
            self.problemsFound.emit([_problem(self.questionnaire.audience_question or "", "required", None)])  # type: ignore[union-attr]
            return
        self.session.go_to(section_id)
        self._show(QUESTIONS)

    def show_welcome(self) -> None:
        """Return to the welcome page (answers are kept)."""
        self._show(WELCOME)

    def show_review(self) -> None:
        """Show the review page, once every question is answered."""
        if self.session is not None and self.is_complete() and not self.audience_problem():
            self._return_to_review = False
            self._show(REVIEW)

    def show_result(self) -> None:
        """Show the result page, once every question is answered."""
        if self.session is not None and self.is_complete() and not self.audience_problem():
            self._show(RESULT)

    def next_kind(self) -> str:
        """What the Next button does now: start, next, review, result or none."""
        if self.page == WELCOME:
            return "start"
        if self.page == REVIEW:
            return "result"
        if self.page == RESULT or self.session is None:
            return "none"
        if self._return_to_review and self.is_complete():
            return "review"
        sections = [s.id for s in self.displayable_sections()]
        current = self.session.current_section
        if current is None or current.id not in sections or current.id == sections[-1]:
            return "review"
        return "next"

    def edit(self, question_id: str) -> None:
        """Show the page of one question (the Edit link of the review page)."""
        assert self.session is not None and self.questionnaire is not None
        if question_id == self.questionnaire.audience_question:
            self._show(WELCOME)
            return
        self.session.go_to(self.session.section_of(question_id))
        self._return_to_review = True
        self._show(QUESTIONS)

    def start_over(self) -> None:
        """Forget every answer and return to the welcome page."""
        if self.session is None:
            return
        self.session.reset()
        self.confirmed = {}
        self._forget_result()
        self._return_to_review = False
        self.answersChanged.emit()
        self._show(WELCOME)

    # -- result ------------------------------------------------------------------------------
    def _forget_result(self) -> None:
        self._recommendation = None
        self.trial = None
        if self.page != RESULT:
            self.what_if = []

    @property
    def recommendation(self) -> Recommendation:
        """The recommendation for the current answers (computed on first use)."""
        assert self.questionnaire is not None and self.session is not None
        if self._recommendation is None:
            from cloudwizard.engine.recommender import recommend  # lazy: keeps start-up lean

            self._recommendation = recommend(self.questionnaire, self.session.effective_answers())
        return self._recommendation

    # -- what-if: a comparison first, the answers only when the user takes them over -----------
    def apply_what_if(self, index: int) -> None:
        """Try one "what would change this": compute its advice beside the current one.

        Nothing is written: not the session's answers, not the autosave, not an export.
        """
        from cloudwizard.engine.recommender import recommend

        assert self.questionnaire is not None and self.session is not None
        cf = self.recommendation.what_would_change[index]
        hypothetical = recommend(self.questionnaire, cf.answers(self.session.effective_answers()))
        self.trial = Trial(index, cf, hypothetical)
        self.resultChanged.emit()

    def adopt_what_if(self, index: int) -> None:
        """Use the answers of the what-if `index` (one step, undone by `undo_what_if`)."""
        assert self.session is not None
        cf = self.trial.counterfactual if self.trial is not None and self.trial.number == index else \
            self.recommendation.what_would_change[index]
        self.what_if.append(WhatIf(cf, self.session.effective_answers()))
        self.trial = None
        self._put(cf.answers(self.session.effective_answers()), [c.question_id for c in cf.changes])

    def undo_what_if(self) -> None:
        """Close the comparison; or, after "use these answers", restore the user's own answers at once."""
        if self.trial is not None:
            self.trial = None
            self.resultChanged.emit()
            return
        if not self.what_if:
            return
        first = self.what_if[0]
        changed = sorted({c.question_id for w in self.what_if for c in w.counterfactual.changes})
        self.what_if = []
        self._put(first.previous, changed)

    def _put(self, answers: dict[str, Any], question_ids: list[str]) -> None:
        assert self.session is not None
        for qid in question_ids:
            value = answers.get(qid)
            if value is None or value == frozenset():
                self.session.clear_answer(qid)
            else:
                self.session.set_answer(qid, value)
        self._recommendation = None
        self.trial = None
        self.answersChanged.emit()
        self.resultChanged.emit()

    def set_justification(self, justification: Justification | None) -> None:
        """Keep the comply-or-explain choice and reason for the report."""
        self.justification = justification

    # -- what the result page and the exports show -------------------------------------------
    def report_view(self) -> ReportView:
        """The report view of the user's advice (never of a what-if being tried)."""
        from cloudwizard.engine.report.view import build_view

        return build_view(self.recommendation, self.language, self.justification)

    def trial_view(self) -> ReportView | None:
        """The report view of the what-if being tried, if any."""
        from cloudwizard.engine.report.view import build_view

        return None if self.trial is None else build_view(self.trial.recommendation, self.language)

    def adopted_changes(self) -> tuple[str, ...]:
        """The what-ifs taken over with "use these answers", as sentences (empty for the user's own)."""
        if not self.what_if or self.questionnaire is None:
            return ()
        from cloudwizard.engine.report.view import describe_changes

        return tuple(describe_changes(self.questionnaire, w.counterfactual, self.language) for w in self.what_if)

    def report(self, fmt: str) -> str:
        """The report of the user's advice in the text format `fmt` (markdown, html, text or json)."""
        from cloudwizard.engine.report.formats import render_text  # lazy

        return render_text(self.report_view(), fmt)

    def answers_file(self) -> AnswersFile:
        """The session as an answers file."""
        assert self.session is not None
        return self.session.to_file()


def _problem(question_id: str, kind: str, message: object) -> Problem:
    from cloudwizard.engine.session import Problem

    return Problem(question_id, kind, message)
