"""A session: the answers given so far, what is visible now, navigation and progress.

Visibility is worked out in reading order in one pass. That is enough because a condition may only
read answers to earlier questions (the loader checks this), so by the time a question is reached,
every answer its condition can read is settled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cloudwizard.engine.answers import AnswersFile
from cloudwizard.engine.coercion import AnswerError, coerce_for, coerce_unchecked, settle_exclusive
from cloudwizard.engine.model import Question, Questionnaire, QuestionType, Section


@dataclass(frozen=True, slots=True)
class Visibility:
    """What is visible for a set of answers.

    Attributes:
        sections: visible sections, in order.
        questions: ids of visible questions, in order.
        answers: the answers that count: those to visible questions using visible choices.
        hidden_answers: answers given to questions (or with choices) that are hidden now.
    """

    sections: tuple[Section, ...]
    questions: tuple[str, ...]
    answers: dict[str, Any]
    hidden_answers: dict[str, Any]


def resolve(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> Visibility:
    """Work out what is visible for `answers`, and which answers count."""
    effective: dict[str, Any] = {}
    hidden: dict[str, Any] = {}
    sections: list[Section] = []
    visible_q: list[str] = []
    for section in questionnaire.sections:
        section_visible = section.when is None or section.when(effective)
        if section_visible:
            sections.append(section)
        for q in section.questions:
            value = answers.get(q.id)
            if not section_visible or (q.when is not None and not q.when(effective)):
                if value is not None:
                    hidden[q.id] = value
                continue
            visible_q.append(q.id)
            if value is None:
                continue
            if q.type.has_choices and _uses_hidden_choice(q, value, effective):
                hidden[q.id] = value
                continue
            effective[q.id] = value
    return Visibility(tuple(sections), tuple(visible_q), effective, hidden)


def _uses_hidden_choice(q: Question, value: Any, answers: Mapping[str, Any]) -> bool:
    chosen = value if isinstance(value, frozenset) else (value,)
    return any(c.when is not None and c.id in chosen and not c.when(answers) for c in q.choices)


def visible_choices(q: Question, answers: Mapping[str, Any]) -> tuple[str, ...]:
    """Ids of the choices of `q` offered for these (effective) answers."""
    return tuple(c.id for c in q.choices if c.when is None or c.when(answers))


@dataclass
class Problem:
    """Why an answer cannot be accepted yet: ``required`` or a failed validation rule."""

    question_id: str
    kind: str
    message: Any  # a Text for validation rules, None for "required"


@dataclass
class Session:
    """Answers and navigation for one person going through a questionnaire.

    Attributes:
        questionnaire: what is being asked.
        language: the language the person chose.
        justification: a public body's comply-or-explain (model chosen, reason) kept from its
            answers file and written back to it, or None.
    """

    questionnaire: Questionnaire
    language: str = "en"
    justification: tuple[str, str] | None = None
    _answers: dict[str, Any] = field(default_factory=dict)
    _set_aside: dict[str, Any] = field(default_factory=dict)
    _history: list[str] = field(default_factory=list)
    _current: str | None = None
    _view: Visibility | None = None

    def __post_init__(self) -> None:
        self._refresh()
        if self._current is None and self._view is not None and self._view.sections:
            self._current = self._view.sections[0].id

    # -- answers -----------------------------------------------------------------------------
    def answer(self, question_id: str) -> Any:
        """The current answer to a question (None when unanswered or set aside)."""
        return self._answers.get(question_id)

    @property
    def answers(self) -> dict[str, Any]:
        """Every answer held for a visible question (a copy)."""
        return dict(self._answers)

    @property
    def set_aside(self) -> dict[str, Any]:
        """Answers to questions that are hidden now; they come back if the question does."""
        return dict(self._set_aside)

    def effective_answers(self) -> dict[str, Any]:
        """The answers that count for the recommendation: visible questions and choices only."""
        assert self._view is not None
        return dict(self._view.answers)

    def set_answer(self, question_id: str, raw: Any) -> None:
        """Answer a question (raises `AnswerError` when the answer does not fit).

        For multiple choice, adding an ``exclusive`` choice clears the others, and adding another
        choice clears an exclusive one.
        """
        q = self.questionnaire.question(question_id)
        value = coerce_unchecked(self.questionnaire, question_id, raw)
        if q.type is QuestionType.MULTIPLE:
            value = settle_exclusive(q, self._answers.get(question_id) or frozenset(), value)
        if q.type is QuestionType.TEXT and not value.strip():
            self.clear_answer(question_id)
            return
        self._answers[question_id] = value
        self._set_aside.pop(question_id, None)
        self._refresh()

    def clear_answer(self, question_id: str) -> None:
        """Remove an answer."""
        self._answers.pop(question_id, None)
        self._set_aside.pop(question_id, None)
        self._refresh()

    def update(self, answers: Mapping[str, Any]) -> None:
        """Set several answers at once (raw values), all or none.

        Raises:
            AnswerError: for an unknown question, an answer that does not fit, or a multiple-choice
                answer that holds an exclusive choice with others (`exclusive_conflict`); the
                message names the question, and no answer was changed.
        """
        coerced: dict[str, Any] = {}
        for qid, raw in answers.items():
            if qid not in self.questionnaire.question_index:
                raise AnswerError(f"unknown question '{qid}'")
            try:
                coerced[qid] = coerce_for(self.questionnaire, qid, raw)
            except AnswerError as exc:
                raise AnswerError(f"answer to '{qid}': {exc}") from None
        for qid, value in coerced.items():
            self._answers[qid] = value
            self._set_aside.pop(qid, None)
        self._refresh()

    def _refresh(self) -> None:
        # Answers set aside earlier come back first, so a question that reappears keeps its answer.
        merged = {**self._set_aside, **self._answers}
        view = resolve(self.questionnaire, merged)
        self._set_aside = {qid: v for qid, v in merged.items() if qid in view.hidden_answers}
        self._answers = {qid: v for qid, v in merged.items() if qid not in view.hidden_answers}
        self._view = view
        if self._current is not None and self._current not in {s.id for s in view.sections}:
            self._current = self._nearest_visible(self._current)
        self._history = [sid for sid in self._history if sid in {s.id for s in view.sections}]

    # -- visibility --------------------------------------------------------------------------
    def visible_sections(self) -> tuple[Section, ...]:
        """Sections shown now, in order."""
        assert self._view is not None
        return self._view.sections

    def visible_questions(self, section_id: str | None = None) -> tuple[Question, ...]:
        """Questions shown now, in order; only those of `section_id` when given."""
        assert self._view is not None
        index = self.questionnaire.question_index
        qs = (index[qid] for qid in self._view.questions)
        if section_id is None:
            return tuple(qs)
        return tuple(q for q in qs if q.section_id == section_id)

    def is_visible(self, question_id: str) -> bool:
        """Whether a question is shown now."""
        assert self._view is not None
        return question_id in self._view.questions

    def visible_choices(self, question_id: str) -> tuple[str, ...]:
        """Ids of the choices of a question offered now."""
        assert self._view is not None
        return visible_choices(self.questionnaire.question(question_id), self._view.answers)

    # -- checks and progress -----------------------------------------------------------------
    def is_required(self, q: Question) -> bool:
        """Whether `q` must be answered (its `required` may be a condition)."""
        assert self._view is not None
        if isinstance(q.required, bool):
            return q.required
        return q.required(self._view.answers)

    def problems(self, section_id: str | None = None) -> list[Problem]:
        """Unanswered required questions and failed validation rules (of one section, or all)."""
        out = []
        for q in self.visible_questions(section_id):
            value = self.effective_answers().get(q.id)
            if value is None or value == frozenset() or value == "":
                if self.is_required(q):
                    out.append(Problem(q.id, "required", None))
                continue
            for rule in q.validation:
                if not rule.rule({"value": value}):
                    out.append(Problem(q.id, "validation", rule.message))
                    break
        return out

    def progress(self) -> tuple[int, int]:
        """(answered, visible) questions."""
        assert self._view is not None
        answered = sum(1 for qid in self._view.questions if qid in self._view.answers)
        return answered, len(self._view.questions)

    def is_complete(self) -> bool:
        """True when every visible required question is answered and valid."""
        return not self.problems()

    # -- navigation --------------------------------------------------------------------------
    @property
    def current_section(self) -> Section | None:
        """The section (page) shown now."""
        if self._current is None:
            return None
        return self.questionnaire.section(self._current)

    def _nearest_visible(self, section_id: str) -> str | None:
        assert self._view is not None
        order = [s.id for s in self.questionnaire.sections]
        visible = {s.id for s in self._view.sections}
        start = order.index(section_id)
        for sid in order[start:] + order[:start][::-1]:
            if sid in visible:
                return sid
        return None

    def next_section(self) -> Section | None:
        """The visible section after the current one, or None at the end."""
        sections = self.visible_sections()
        ids = [s.id for s in sections]
        if self._current not in ids:
            return sections[0] if sections else None
        i = ids.index(self._current)
        return sections[i + 1] if i + 1 < len(sections) else None

    def can_go_back(self) -> bool:
        """Whether `back` has somewhere to go."""
        return bool(self._history)

    def go_next(self) -> bool:
        """Move to the next visible section; False at the end (the current section is kept)."""
        nxt = self.next_section()
        if nxt is None:
            return False
        if self._current is not None:
            self._history.append(self._current)
        self._current = nxt.id
        return True

    def go_back(self) -> bool:
        """Return to the previous section in the history; False when there is none."""
        if not self._history:
            return False
        self._current = self._history.pop()
        return True

    def go_to(self, section_id: str) -> None:
        """Jump to a visible section (e.g. "Edit" on the review page); Back returns here."""
        if section_id not in {s.id for s in self.visible_sections()}:
            raise KeyError(f"section '{section_id}' is not visible")
        if self._current is not None and self._current != section_id:
            self._history.append(self._current)
        self._current = section_id

    def section_of(self, question_id: str) -> str:
        """Id of the section holding a question."""
        return self.questionnaire.question(question_id).section_id

    # -- files -------------------------------------------------------------------------------
    def to_file(self) -> AnswersFile:
        """The session as an answers file."""
        return AnswersFile(
            questionnaire_id=self.questionnaire.id,
            questionnaire_version=self.questionnaire.version,
            answers=dict(self._answers),
            language=self.language,
            set_aside=dict(self._set_aside),
            justification=self.justification,
        )

    @classmethod
    def from_file(cls, questionnaire: Questionnaire, data: AnswersFile) -> Session:
        """A session holding the answers of a (checked) answers file."""
        session = cls(questionnaire, language=data.language)
        session._answers = dict(data.answers)
        session._set_aside = dict(data.set_aside)
        session.justification = data.justification
        session._refresh()
        return session

    @classmethod
    def with_answers(cls, questionnaire: Questionnaire, answers: Mapping[str, Any], language: str = "en") -> Session:
        """A session with these raw answers (raises `AnswerError` for a bad one or an unknown id; see `update`)."""
        session = cls(questionnaire, language=language)
        session.update(answers)
        return session

    def reset(self, keep: Iterable[str] = ()) -> None:
        """Forget every answer (except the questions in `keep`) and go back to the first page."""
        kept = {k: self._answers[k] for k in keep if k in self._answers}
        self._answers = kept
        self._set_aside = {}
        self.justification = None
        self._history = []
        self._current = None
        self._refresh()
        sections = self.visible_sections()
        self._current = sections[0].id if sections else None
