"""The wizard's state machine: one `Session` plus which page is shown, the result and its what-ifs.

Every public method is a slot that the composition root connects to a page signal; each does one
engine call (or one navigation step) and emits what changed. Nothing here builds widgets.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Signal

from cloudwizard.gui.options import WizardOptions

if TYPE_CHECKING:  # the engine's model is imported with the questionnaire, after the first paint
    from PySide6.QtCore import QEventLoop

    from cloudwizard.engine.answers import AnswersFile
    from cloudwizard.engine.model import Question, Questionnaire, Section
    from cloudwizard.engine.recommender import Counterfactual, Recommendation
    from cloudwizard.engine.report.view import Justification, ReportView
    from cloudwizard.engine.session import Problem, Session
    from cloudwizard.gui.background import Background

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
        busyChanged(bool): a recommendation is being worked out on a worker thread (True), or no
            longer awaited (False: it arrived, or the person went elsewhere or changed answers).

    The recommendation, with its search for "what would change this" (up to about 2 s on the
    largest questionnaires the limits allow), is worked out on a worker thread (`Background`).
    The method that needs it waits in a local event loop, as a modal dialog does, so the window
    keeps painting and answering meanwhile (Back, the side list, the language, a kiosk's idle
    reset). Each request carries the answers' generation: a result that arrives after the
    person went back, went elsewhere or changed answers is dropped, never shown.
    """

    questionnaireChanged = Signal()
    pageChanged = Signal(str)
    answersChanged = Signal()
    problemsFound = Signal(list)
    resultChanged = Signal()
    busyChanged = Signal(bool)

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
        #: the steps of "What to do next" the person ticked (by id), for this session only: the
        #: advice page shows them (what-ifs tried, taken over or undone keep them)
        self.ticked: set[str] = set()
        self._recommendation: Recommendation | None = None
        self._return_to_review = False
        #: Answers the person kept although a validation rule warned about them (question id → value);
        #: a warning counts as settled while the answer is still that value.
        self.confirmed: dict[str, Any] = {}
        #: Bumped whenever the answers or the questionnaire change: older results are stale.
        self.generation = 0
        #: Runs the recommendation on a worker thread (made on first use: not before the first paint).
        self.background: Background | None = None
        #: The request waited for: (ticket, generation, purpose, what to do with the result), or None.
        self._waiting: tuple[int, int, str, Callable[[Recommendation], None]] | None = None
        self._loop: QEventLoop | None = None

    # -- loading -----------------------------------------------------------------------------
    def set_questionnaire(self, questionnaire: Questionnaire) -> None:
        """Start a fresh session on `questionnaire`."""
        from cloudwizard.engine.session import Session  # lazy: pulls in the YAML reader

        self.questionnaire = questionnaire
        self.session = Session(questionnaire, language=self.language)
        self.confirmed = {}
        self.ticked.clear()
        self.justification = None
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
        self.ticked.clear()
        self._forget_result()
        self.justification = _justification_of(data)
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
        if page != RESULT:
            self.cancel_wait()  # the person went elsewhere: a result arriving now is not shown
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
            self._open_result()

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
            # The page before the review is the last part, however the review was reached (Next from
            # the last part, the step list, or an answers file opened at its first part).
            sections = self.displayable_sections()
            if not sections:
                self._show(WELCOME)
                return
            session.go_to(sections[-1].id)
            self._show(QUESTIONS)
        elif self.page == QUESTIONS:
            # Back is the part shown before this one in order, as in a walk from the welcome page:
            # never the jump history (after an answers file, the step list or an Edit link that would
            # skip parts, or return to a part after this one).
            order = [s.id for s in session.questionnaire.sections]
            current = session.current_section
            here = order.index(current.id) if current is not None else 0
            shown = {s.id for s in self.displayable_sections()}
            before = [sid for sid in order[:here] if sid in shown]
            if before:
                session.go_to(before[-1])
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
            self._open_result()

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
        self.ticked.clear()
        self.justification = None
        self._forget_result()
        self._return_to_review = False
        self.answersChanged.emit()
        self._show(WELCOME)

    # -- result ------------------------------------------------------------------------------
    def _forget_result(self) -> None:
        self.generation += 1
        self.cancel_wait()
        self._recommendation = None
        self.trial = None
        if self.page != RESULT:
            self.what_if = []

    @property
    def recommendation(self) -> Recommendation:
        """The recommendation for the current answers (worked out here and now if it is not known yet).

        The pages never wait for it here: they come through `_open_result`, which works it out on a
        worker thread. This is for callers that need it at once (an export from the menu).
        """
        assert self.questionnaire is not None and self.session is not None
        if self._recommendation is None:
            from cloudwizard.engine.recommender import recommend  # lazy: keeps start-up lean

            self._recommendation = recommend(self.questionnaire, self.session.effective_answers())
        return self._recommendation

    @property
    def has_recommendation(self) -> bool:
        """Whether the recommendation for the current answers is known (the result page can show it)."""
        return self._recommendation is not None

    @property
    def busy(self) -> bool:
        """Whether a recommendation is being worked out and waited for."""
        return self._waiting is not None

    def _open_result(self) -> None:
        """Show the result page, once the recommendation for these answers is known."""
        if self._recommendation is not None:
            self._show(RESULT)
            return

        waiting = self._waiting
        if waiting is not None and waiting[1] == self.generation and waiting[2] == "result":
            return  # already on its way (Next pressed again while waiting)

        def show(recommendation: Recommendation) -> None:
            self._recommendation = recommendation
            self._show(RESULT)

        self._work_out(self.session.effective_answers() if self.session else {}, show, "result")

    def work_out_recommendation(self, purpose: str = "export") -> bool:
        """Make sure the recommendation for the current answers is known, worked out off the GUI thread.

        When it is not known yet (an export before the result page was ever shown), it is worked
        out as the result page's is (`_work_out`): on a worker thread, the window painting and
        answering meanwhile, the busy note after a moment. It is then kept, as the result page
        keeps it (no second search when the page is shown). Returns once it is known or the wait
        was given up; a second call while one is waited for returns at once (False) and leaves the
        work to the first.

        Args:
            purpose: what the wait is for (``"result"`` is the result page's own, which Next does not repeat).

        Returns:
            True when the recommendation is known; False when there are no answers to work on,
            the wait was given up, or the answers changed meanwhile.
        """
        if self._recommendation is not None:
            return True
        if self.session is None or self.questionnaire is None:
            return False

        def keep(recommendation: Recommendation) -> None:
            self._recommendation = recommendation

        self._work_out(self.session.effective_answers(), keep, purpose)
        return self._recommendation is not None

    def _work_out(self, answers: dict[str, Any], then: Callable[[Recommendation], None], purpose: str = "") -> None:
        """Work out the recommendation for `answers` on a worker thread, then call `then` with it.

        Waits in a local event loop (the window stays responsive) until the result arrives or the
        wait is given up (`cancel_wait`). A second call while one is waited for replaces it.
        """
        import functools

        from PySide6.QtCore import QEventLoop

        from cloudwizard.engine.recommender import recommend
        from cloudwizard.gui.background import Background

        assert self.questionnaire is not None
        if self.background is None:
            self.background = Background()
            self.background.done.connect(self._job_done)
            self.background.failed.connect(self._job_failed)
        ticket = self.background.start(functools.partial(recommend, self.questionnaire, dict(answers)))
        was_busy = self._waiting is not None
        self._waiting = (ticket, self.generation, purpose, then)
        if not was_busy:
            self.busyChanged.emit(True)
        if self._loop is not None:  # already waiting further down the stack: that loop serves this one too
            return
        loop = QEventLoop()
        self._loop = loop
        try:
            loop.exec()
        finally:
            self._loop = None

    def cancel_wait(self) -> None:
        """Stop waiting for the recommendation being worked out; it is dropped when it arrives."""
        if self._waiting is None:
            return
        self._waiting = None
        if self._loop is not None:
            self._loop.quit()
        self.busyChanged.emit(False)

    def _job_done(self, ticket: int, recommendation: Recommendation) -> None:
        waiting = self._waiting
        if waiting is None or waiting[0] != ticket:
            return  # given up, or replaced by a newer request
        self._waiting = None
        if self._loop is not None:
            self._loop.quit()
        self.busyChanged.emit(False)
        if waiting[1] != self.generation:
            return  # the answers changed meanwhile: stale
        waiting[3](recommendation)

    def _job_failed(self, ticket: int, exc: BaseException) -> None:
        waiting = self._waiting
        if waiting is None or waiting[0] != ticket:
            return
        self.cancel_wait()
        # as if it had been raised here: the crash handler (recovery.py) shows it and saves the answers
        sys.excepthook(type(exc), exc, exc.__traceback__)

    # -- what-if: a comparison first, the answers only when the user takes them over -----------
    def apply_what_if(self, index: int) -> None:
        """Try one "what would change this": compute its advice beside the current one.

        Nothing is written: not the session's answers, not the autosave, not an export.
        """
        assert self.questionnaire is not None and self.session is not None
        cf = self.recommendation.what_would_change[index]

        def compare(hypothetical: Recommendation) -> None:
            self.trial = Trial(index, cf, hypothetical)
            self.resultChanged.emit()

        self._work_out(cf.answers(self.session.effective_answers()), compare)

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
        self.generation += 1
        self._recommendation = None
        self.trial = None
        self.answersChanged.emit()

        def show(recommendation: Recommendation) -> None:
            self._recommendation = recommendation
            self.resultChanged.emit()

        self._work_out(self.session.effective_answers(), show)

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
        data = self.session.to_file()
        j = self.justification  # the page's choice, not the one the session was opened with
        data.justification = None
        if j is not None and j.chosen_model:
            from cloudwizard.engine.answers import MAX_JUSTIFICATION_LENGTH  # the file refuses longer reasons

            data.justification = (j.chosen_model, j.text[:MAX_JUSTIFICATION_LENGTH])
        return data


def _justification_of(data: AnswersFile) -> Justification | None:
    """The comply-or-explain kept in an answers file, for the report."""
    if data.justification is None:
        return None
    from cloudwizard.engine.report.view import Justification

    return Justification(*data.justification)


def _problem(question_id: str, kind: str, message: object) -> Problem:
    from cloudwizard.engine.session import Problem

    return Problem(question_id, kind, message)
