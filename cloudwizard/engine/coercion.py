"""What an answer may be: turning plain data into the engine's form of an answer, with checks.

Also the one place of the exclusive-choice rule (a choice such as "none of these" cannot stand with
other choices): `exclusive_conflict` says why a set of choices cannot stand, `settle_exclusive`
applies the rule to an edit, and `coerce_for` refuses a conflicting set.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from cloudwizard.engine.model import Question, Questionnaire, QuestionType

_MAX_FLOAT = 1.7976931348623157e308


class AnswerError(ValueError):
    """An answer that does not fit its question."""


def coerce_answer(
    qtype: QuestionType,
    choices: tuple[str, ...],
    raw: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    max_length: int | None = None,
) -> Any:
    """Turn plain data into the engine's form of an answer, or raise `AnswerError`.

    Single choice → the choice id; multiple → a frozenset of ids; yes/no → ``"yes"``/``"no"``;
    scale and number → int or float; text → str.
    """
    if qtype is QuestionType.SINGLE:
        if not isinstance(raw, str):
            raise AnswerError(f"expected one choice id, got {_show(raw)}")
        if raw not in choices:
            raise AnswerError(f"'{raw}' is not a choice here; choices: {', '.join(choices)}")
        return raw
    if qtype is QuestionType.MULTIPLE:
        items = raw if isinstance(raw, (list, tuple, set, frozenset)) else None
        if items is None:
            raise AnswerError(f"expected a list of choice ids, got {_show(raw)}")
        for item in items:
            if not isinstance(item, str) or item not in choices:
                raise AnswerError(f"{_show(item)} is not a choice here; choices: {', '.join(choices)}")
        return frozenset(items)
    if qtype is QuestionType.YESNO:
        if raw is True or raw == "yes":
            return "yes"
        if raw is False or raw == "no":
            return "no"
        raise AnswerError(f"expected yes or no, got {_show(raw)}")
    if qtype in (QuestionType.SCALE, QuestionType.NUMBER):
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise AnswerError(f"expected a number, got {_show(raw)}")
        if isinstance(raw, int) and abs(raw) > _MAX_FLOAT:  # math.isfinite would raise OverflowError
            raise AnswerError("the number is too large")
        if not math.isfinite(raw):
            raise AnswerError(f"expected a number, got {_show(raw)}")
        if minimum is not None and raw < minimum:
            raise AnswerError(f"{raw} is below the minimum {_num(minimum)}")
        if maximum is not None and raw > maximum:
            raise AnswerError(f"{raw} is above the maximum {_num(maximum)}")
        return raw
    if not isinstance(raw, str):
        raise AnswerError(f"expected text, got {_show(raw)}")
    if max_length is not None and len(raw) > max_length:
        raise AnswerError(f"the text is longer than {max_length} characters")
    return raw


def exclusive_conflict(question: Question, choices: Any) -> str | None:
    """Why this set of choices cannot stand together (an exclusive choice with others), else None.

    For front ends that check a multiple-choice answer before they hand it over: the reason is a
    sentence to show as it is (English; the GUI and the terminal say it in their own words).
    """
    if question.type is not QuestionType.MULTIPLE or not isinstance(choices, (set, frozenset, list, tuple)):
        return None
    chosen = set(choices)
    if len(chosen) < 2:
        return None
    exclusive = [c.id for c in question.choices if c.exclusive and c.id in chosen]
    if not exclusive:
        return None
    return f"'{exclusive[0]}' cannot be chosen together with other choices"


def settle_exclusive(question: Question, old: frozenset[str], new: frozenset[str]) -> frozenset[str]:
    """The answer after an edit from `old` to `new` (the rule of a person ticking boxes).

    Adding an exclusive choice clears the others; adding another choice clears an exclusive one.
    A set that still conflicts (several exclusive choices added at once) keeps the first exclusive one.
    """
    exclusive = {c.id for c in question.choices if c.exclusive}
    added = new - old
    if added & exclusive:
        return frozenset(sorted(added & exclusive)[:1])
    if added and new & exclusive:
        return new - exclusive
    if exclusive_conflict(question, new) is not None:
        return frozenset(sorted(new & exclusive)[:1])
    return new


def without_exclusive(question: Question, choices: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """A conflicting set read from a file: keep the specific choices, drop the exclusive ones.

    Returns the set to keep and the exclusive choices dropped (empty when there was no conflict).
    "Photos and none of these" says more with "photos" kept than with "none" kept.
    """
    if exclusive_conflict(question, choices) is None:
        return choices, ()
    exclusive = {c.id for c in question.choices if c.exclusive}
    dropped = tuple(sorted(choices & exclusive))
    kept = choices - exclusive
    return (kept, dropped) if kept else (frozenset(dropped[:1]), dropped[1:])


def coerce_for(questionnaire: Questionnaire, question_id: str, raw: Any) -> Any:
    """`coerce_answer` for a question of `questionnaire`, the exclusive-choice rule included.

    Raises:
        AnswerError: the answer does not fit, or it holds an exclusive choice with others.
    """
    value = coerce_unchecked(questionnaire, question_id, raw)
    conflict = exclusive_conflict(questionnaire.question(question_id), value)
    if conflict is not None:
        raise AnswerError(conflict)
    return value


def coerce_unchecked(questionnaire: Questionnaire, question_id: str, raw: Any) -> Any:
    """`coerce_for` without the exclusive-choice rule (for callers that apply `settle_exclusive`)."""
    q = questionnaire.question(question_id)
    return coerce_answer(
        q.type,
        q.choice_ids,
        raw,
        minimum=q.minimum,
        maximum=q.maximum,
        max_length=q.max_length if q.type is QuestionType.TEXT else None,
    )


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _show(raw: Any) -> str:
    if raw is None:
        return "nothing"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, str):
        return f"'{raw[:40]}'"
    if isinstance(raw, dict):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    return repr(raw)


def plain_answer(value: Any) -> Any:
    """An engine answer as plain data for YAML/JSON (sets become sorted lists)."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value


def answers_from_mapping(q: Questionnaire, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Coerce a plain mapping of answers (e.g. from JSON) or raise `AnswerError` naming the question."""
    out = {}
    for qid, value in raw.items():
        if qid not in q.question_index:
            raise AnswerError(f"unknown question '{qid}'")
        try:
            out[qid] = coerce_for(q, qid, value)
        except AnswerError as exc:
            raise AnswerError(f"answer to '{qid}': {exc}") from None
    return out
