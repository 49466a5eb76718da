"""The questionnaire as frozen dataclasses.

The loader turns YAML into these objects at the edge; nothing inside the engine passes raw dicts
around. Every object that can be at fault in a later check carries its `Location` so messages can
point at ``FILE:LINE:COL``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from cloudwizard.engine.conditions import Condition

# Re-exported: the vocabulary belongs to the model; it lives apart only to be cheap to import.
from cloudwizard.engine.typography import typeset
from cloudwizard.engine.vocabulary import DEPLOYMENTS as DEPLOYMENTS
from cloudwizard.engine.vocabulary import LANGUAGES as LANGUAGES
from cloudwizard.engine.vocabulary import LAYERS as LAYERS
from cloudwizard.engine.vocabulary import MODELS as MODELS
from cloudwizard.engine.vocabulary import NO_LAYER as NO_LAYER
from cloudwizard.engine.vocabulary import ON_PREMISES as ON_PREMISES
from cloudwizard.engine.vocabulary import OPTIONS as OPTIONS


class Location(NamedTuple):
    """Where something stands in a file (1-based line and column; 0 when unknown).

    A named tuple rather than a dataclass: the YAML reader makes one for every value, and tuples
    are several times cheaper to create.
    """

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NOWHERE = Location("<none>", 0, 0)


class Text(Mapping[str, str]):
    """A localizable string: ``{nl: …, fr: …, de: …, en: …}``.

    Behaves as a read-only mapping from language code to text; `get_text` picks a language with a
    fallback so a missing translation never shows as an empty label.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, str] | None = None) -> None:
        self._items: dict[str, str] = dict(items or {})

    def __getitem__(self, key: str) -> str:
        return self._items[key]

    def __iter__(self) -> Any:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._items.items())))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return self._items == other._items
        return NotImplemented

    def __repr__(self) -> str:
        return f"Text({self._items!r})"

    def get_text(self, lang: str, fallback: str = "en") -> str:
        """The text in `lang`, else in `fallback`, else in any language, else ``""``."""
        if lang in self._items:
            return self._items[lang]
        if fallback in self._items:
            return self._items[fallback]
        return next(iter(self._items.values()), "")


EMPTY_TEXT = Text()


class QuestionType(str, Enum):
    """The kinds of question the format knows."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    YESNO = "yesno"
    SCALE = "scale"
    NUMBER = "number"
    TEXT = "text"

    @property
    def has_choices(self) -> bool:
        """Whether answers are choice ids (yes/no has the implicit choices ``yes`` and ``no``)."""
        return self in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.YESNO)


@dataclass(frozen=True, slots=True)
class Effect:
    """What an answer does to the recommendation.

    Attributes:
        score: weights per option (a model or a layer), added when the effect applies.
        because: the short reason shown as "because you answered …".
        constraints: ids of hard constraints that apply.
        precautions: ids of precautions that apply.
    """

    score: Mapping[str, float] = field(default_factory=dict)
    because: Text = EMPTY_TEXT
    constraints: tuple[str, ...] = ()
    precautions: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the effect changes nothing."""
        return not (self.score or self.constraints or self.precautions)


NO_EFFECT = Effect()


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer option of a choice question."""

    id: str
    label: Text
    location: Location
    hint: Text = EMPTY_TEXT
    when: Condition | None = None
    exclusive: bool = False
    effect: Effect = NO_EFFECT
    #: The choice means "I don't know": never suggested as a change in "what would change this".
    dont_know: bool = False


@dataclass(frozen=True, slots=True)
class ValidationRule:
    """A check on a single answer: `rule` must hold, else `message` is shown."""

    rule: Condition
    message: Text
    location: Location


@dataclass(frozen=True, slots=True)
class RangeEffect:
    """An effect of a scale or number answer, applying when `when` holds (``value`` is the answer)."""

    when: Condition
    effect: Effect
    location: Location


@dataclass(frozen=True, slots=True)
class Question:
    """One question. `required` is a bool or a condition."""

    id: str
    type: QuestionType
    label: Text
    location: Location
    section_id: str
    hint: Text = EMPTY_TEXT
    help: Text = EMPTY_TEXT
    when: Condition | None = None
    required: bool | Condition = True
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    step: float = 1
    unit: Text = EMPTY_TEXT
    min_label: Text = EMPTY_TEXT
    max_label: Text = EMPTY_TEXT
    max_length: int = 500
    validation: tuple[ValidationRule, ...] = ()
    effects: tuple[RangeEffect, ...] = ()
    default: Any = None
    #: False for facts about who you are (audience, country, size): never suggested as a change.
    what_if: bool = True
    #: Each choice is a need that a split advice may serve on its own (e.g. "what needs to run").
    needs: bool = False

    def choice(self, choice_id: str) -> Choice | None:
        """The choice with this id, or None."""
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None

    @property
    def choice_ids(self) -> tuple[str, ...]:
        """The ids of all choices, in order."""
        return tuple(c.id for c in self.choices)

    def in_range(self, value: float) -> bool:
        """Whether `value` lies between the question's ``min`` and ``max`` (where it has them)."""
        return (self.minimum is None or value >= self.minimum) and (self.maximum is None or value <= self.maximum)


@dataclass(frozen=True, slots=True)
class Section:
    """A group of questions shown together as one page."""

    id: str
    title: Text
    location: Location
    intro: Text = EMPTY_TEXT
    when: Condition | None = None
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True, slots=True)
class Audience:
    """A kind of user the advice is written for."""

    id: str
    label: Text
    location: Location


@dataclass(frozen=True, slots=True)
class Source:
    """A cited source. `status` marks proposals and decisions under appeal."""

    id: str
    title: Text
    location: Location
    url: str = ""
    date: str = ""
    publisher: Text = EMPTY_TEXT
    status: str = "in_force"


@dataclass(frozen=True, slots=True)
class Constraint:
    """A hard constraint: rules options out, or states a requirement any choice must meet."""

    id: str
    title: Text
    reason: Text
    location: Location
    rules_out: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    #: Options that become the first candidates when this applies (a decisive fact, e.g. an
    #: existing sector platform makes community the first candidate); weights rank the rest.
    prefers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Precaution:
    """Advice the user can act on, e.g. "sign a GDPR Art. 28 processor agreement"."""

    id: str
    title: Text
    text: Text
    location: Location
    category: str = "general"
    sources: tuple[str, ...] = ()
    #: Shown only to these audiences (empty: all), e.g. "disconnect the drive" for households.
    audiences: tuple[str, ...] = ()
    #: Shown only when the advice, or a part of it, uses one of these models (``on_premises``
    #: included); empty: whatever the advice (e.g. "choose an EU region" never for a home NAS).
    models: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TradeOff:
    """One pro or con of an option, optionally only for some audiences or answers."""

    text: Text
    location: Location
    audiences: tuple[str, ...] = ()
    when: Condition | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OptionInfo:
    """Texts about one model or layer: name, one-line explanation, pros and cons."""

    id: str
    name: Text
    summary: Text
    location: Location
    examples: Mapping[str, Text] = field(default_factory=dict)
    pros: tuple[TradeOff, ...] = ()
    cons: tuple[TradeOff, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """An effect that depends on a combination of answers."""

    id: str
    when: Condition
    effect: Effect
    location: Location


@dataclass(frozen=True, slots=True)
class Notice:
    """A block of text shown with the result when `when` holds (e.g. "comply or explain")."""

    id: str
    title: Text
    text: Text
    location: Location
    when: Condition | None = None
    sources: tuple[str, ...] = ()
    kind: str = "info"


@dataclass(frozen=True, slots=True)
class Reading:
    """A pointer to further reading, shown when `when` holds."""

    id: str
    title: Text
    location: Location
    url: str = ""
    text: Text = EMPTY_TEXT
    when: Condition | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Scenario:
    """A test inside the questionnaire: answers and what they must give."""

    name: str
    answers: Mapping[str, Any]
    location: Location
    expect_model: str | None = None
    expect_layer: str | None = None
    expect_visible: tuple[str, ...] = ()
    expect_hidden: tuple[str, ...] = ()
    expect_constraints: tuple[str, ...] = ()
    expect_precautions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """A whole questionnaire, ready for a session and the recommender."""

    id: str
    version: str
    languages: tuple[str, ...]
    fallback_language: str
    title: Text
    introduction: Text
    location: Location
    sections: tuple[Section, ...]
    audiences: tuple[Audience, ...] = ()
    audience_question: str | None = None
    sources: tuple[Source, ...] = ()
    constraints: Mapping[str, Constraint] = field(default_factory=dict)
    precautions: Mapping[str, Precaution] = field(default_factory=dict)
    options: Mapping[str, OptionInfo] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    notices: tuple[Notice, ...] = ()
    further_reading: tuple[Reading, ...] = ()
    tests: tuple[Scenario, ...] = ()
    base_scores: Mapping[str, float] = field(default_factory=dict)
    model_order: tuple[str, ...] = MODELS
    layer_order: tuple[str, ...] = LAYERS
    privacy: Text = EMPTY_TEXT
    question_index: Mapping[str, Question] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {q.id: q for s in self.sections for q in s.questions}
        object.__setattr__(self, "question_index", index)

    @property
    def questions(self) -> tuple[Question, ...]:
        """All questions in reading order."""
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError when there is none)."""
        return self.question_index[question_id]

    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError when there is none)."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def source(self, source_id: str) -> Source | None:
        """The source with this id, or None."""
        for s in self.sources:
            if s.id == source_id:
                return s
        return None

    def text(self, value: Text, lang: str) -> str:
        """`value` in `lang`, with this questionnaire's fallback language.

        French text comes typeset (no-break spaces before ``; : ? !`` and inside ``« »``, see
        `typography.typeset`), so every front end that shows it gets French punctuation right.
        """
        return typeset(value.get_text(lang, self.fallback_language), lang)
