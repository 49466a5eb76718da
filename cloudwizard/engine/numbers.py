"""Numbers as people write them in each language: reading a typed number, and writing one.

Dutch, French and German write ``200.000`` (or ``200 000``) and ``2,5``; English writes ``200,000``
and ``2.5``. A typed number is read in the session language's way. When it only makes sense the
other way, or when both ways make sense and they differ (``200,000`` in a Dutch session is 200 as a
Dutch decimal, or 200 000 the English way), `parse_number` does not guess: it returns an `Ambiguity`
holding the likelier reading, and the caller asks back ("Did you mean 200 000?"). Nothing is ever
truncated or read silently in another language's way.

Rules, in order:

* Spaces between groups of three digits (space, no-break space, narrow no-break space, thin space)
  are accepted in every language. A group separator must be followed by exactly three digits, and
  the first group has one to three digits, so ``1.5`` is never a grouped ``15``.
* A number that reads in the session's way, and not in the other, is that number.
* A single separator followed by exactly three digits (``250.000`` in English, ``200,000`` in Dutch)
  reads both ways: as a decimal in the session's way, and as a grouped whole number in the other
  way. The answer is an `Ambiguity` offering both, the whole number first (200 000), then the
  language's own decimal (200). A grouped number in the session's own way (``200.000`` in Dutch,
  ``200,000`` in English) is not ambiguous.
* Groups followed by the decimal sign and exactly three digits (``1.000,000`` in Dutch, ``1,000.000``
  in English) read as a decimal and as groups written with two marks: an `Ambiguity` offering both,
  the language's own reading first (1 000, the groups and decimal sign used as the language uses
  them), then the whole number (1 000 000).
* A number that reads only in the other way (``2,5`` in English, ``1.5`` in German, ``1,000,000`` in
  Dutch) is an `Ambiguity` suggesting that reading.
* Anything else (letters, ``1e5``, ``1.00.0``, ``inf``) is refused with a `NumberError`.

Whole numbers: a number question takes whole numbers only when its ``min``, ``max`` and ``step`` are
all whole numbers (``step`` is 1 unless the questionnaire says otherwise), see `is_integer_question`.
A questionnaire that wants decimals writes e.g. ``step: 0.1``. A scale is always whole.

This module is plain Python (no Babel): it is cheap to import, so the GUI's number inputs and the
answers-file reader can use it as well as the terminal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from cloudwizard.engine.i18n import N_, gettext_for

if TYPE_CHECKING:
    from cloudwizard.engine.model import Question

Number = int | float

#: Per language: (decimal sign, group separator when writing, the other punctuation mark read as a group separator).
SEPARATORS: dict[str, tuple[str, str, str]] = {
    "en": (".", ",", ","),
    "nl": (",", ".", "."),
    # CLDR writes French thousands with a narrow no-break space; Belgian French also uses a full stop.
    "fr": (",", "\u202f", "."),
    "de": (",", ".", "."),
}
#: Spaces accepted between groups of digits in every language.
SPACES = " \u00a0\u202f\u2009"
#: Longest number text read (a guard against huge inputs; 20 digits is far beyond any answer).
MAX_LENGTH = 40

_SIGNS = {"-": -1, "\u2212": -1, "+": 1}


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A typed number that does not read unambiguously in the session's language.

    Attributes:
        text: what was typed.
        suggestion: the likelier reading, to be offered as "Did you mean …?".
        also: other readings the person may have meant, less likely, offered after it ("Did you
            mean 1 000 or 1 000 000?"); empty when there is one.
    """

    text: str
    suggestion: Number
    also: tuple[Number, ...] = ()

    @property
    def readings(self) -> tuple[Number, ...]:
        """Every reading offered, the likelier first."""
        return (self.suggestion, *self.also)


class NumberError(ValueError):
    """Text that cannot be read as a number (or not as a whole number where one is needed).

    Attributes:
        text: what was typed.
        reason: ``"not_a_number"``, ``"not_whole"`` or ``"too_long"``.
    """

    _MESSAGES: ClassVar[dict[str, str]] = {
        "not_a_number": N_("'{text}' is not a number"),
        "not_whole": N_("'{text}' is not a whole number; type a whole number"),
        "too_long": N_("'{text}' is too long for a number"),
    }

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(self._MESSAGES[reason].format(text=text))
        self.text = text
        self.reason = reason

    def message(self, lang: str) -> str:
        """The message in `lang`."""
        return gettext_for(lang)(self._MESSAGES[self.reason]).format(text=self.text)


def separators(lang: str) -> tuple[str, str, str]:
    """(decimal sign, group separator for writing, group separator read) for `lang` (English if unknown)."""
    return SEPARATORS.get(lang, SEPARATORS["en"])


def _read(body: str, decimal: str, group: str) -> Number | None:
    """`body` (no sign, spaces normalised to ' ') read with this decimal sign and group separator."""
    whole, sep, fraction = body.partition(decimal)
    if sep and (not fraction.isdigit() or not fraction.isascii()):
        return None
    if not whole and not sep:
        return None
    if whole:
        marks = {c for c in whole if not c.isdigit()}
        if marks - {group, " "} or len(marks) > 1:
            return None
        if marks:
            parts = whole.split(marks.pop())
            if not (1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])):
                return None
            whole = "".join(parts)
        if not (whole.isdigit() and whole.isascii()):
            return None
    if not sep:
        return int(whole)
    value = float(f"{whole or '0'}.{fraction}")
    return int(value) if value.is_integer() and len(whole) <= 15 else value


def _regrouped(body: str, decimal: str, group: str) -> Number | None:
    """`body` with its decimal sign read as one more group separator, when it has groups before it.

    ``1.000,000`` in Dutch is 1 000 000 this way. None unless the whole part holds a group separator
    and exactly three digits follow the decimal sign.
    """
    whole, sep, fraction = body.partition(decimal)
    marks = [c for c in whole if not c.isdigit()]
    if not sep or not marks or len(fraction) != 3 or not (fraction.isdigit() and fraction.isascii()):
        return None
    return _read(f"{whole}{marks[0]}{fraction}", decimal, group)


_SPACE_RUN = re.compile(f"[{SPACES}]+")


def parse_number(text: str, lang: str, *, integer: bool = False) -> Number | Ambiguity:
    """Read a typed number the way `lang` writes numbers.

    Args:
        text: what was typed (surrounding spaces are ignored).
        lang: the session's language (``nl``, ``fr``, ``de``, ``en``).
        integer: only whole numbers are accepted (e.g. the question counts people).

    Returns:
        The number (an int when it is whole), or an `Ambiguity` to ask back about.

    Raises:
        NumberError: the text is not a number, or not a whole number where one is needed.
    """
    shown = text.strip()
    if len(shown) > MAX_LENGTH:
        raise NumberError(shown[:MAX_LENGTH] + "…", "too_long")
    body = _SPACE_RUN.sub(" ", shown)
    sign = 1
    if body[:1] in _SIGNS:
        sign = _SIGNS[body[0]]
        body = body[1:].lstrip()
    if not body or (" " in body and not re.fullmatch(r"\d{1,3}( \d{3})+([.,]\d+)?", body)):
        raise NumberError(shown, "not_a_number")
    decimal, _write_group, group = separators(lang)
    own = _read(body, decimal, group)
    other = _read(body, group, decimal)
    result: Number | Ambiguity
    if own is None and other is None:
        raise NumberError(shown, "not_a_number")
    if own is None:
        assert other is not None
        result = Ambiguity(shown, sign * other)
    elif other is not None and other != own and decimal in body:
        # A lone decimal sign with three digits after it ("200,000" in Dutch): a grouped whole number
        # the other way (200 000, the likelier: three digits after a decimal sign are rare) or the
        # language's own decimal (200). Both are offered, the whole number first.
        result = Ambiguity(shown, sign * other, (sign * own,))
    elif (regrouped := _regrouped(body, decimal, group)) is not None and regrouped != own:
        # Groups, then the decimal sign with three digits ("1.000,000" in Dutch): the language's own
        # reading (1 000, both marks used as the language uses them) or groups written with two
        # different marks (1 000 000). Both are offered, the own reading first.
        result = Ambiguity(shown, sign * own, (sign * regrouped,))
    else:
        result = sign * own
    if integer:
        # only the whole readings are offered ("1.234,567" in Dutch: 1 234 567, not 1 234,567)
        readings = [r for r in (result.readings if isinstance(result, Ambiguity) else (result,)) if float(r).is_integer()]
        if not readings:
            raise NumberError(shown, "not_whole")
        if isinstance(result, Ambiguity):
            result = Ambiguity(shown, readings[0], tuple(readings[1:]))
    return result


def format_number(value: float, lang: str, *, group: str | None = None) -> str:
    """`value` written the way `lang` writes numbers: ``20.000.000`` (nl, de), ``20 000 000`` (fr), ``20,000,000`` (en).

    Args:
        value: the number.
        lang: the language.
        group: write groups with this separator instead of the language's (e.g. a no-break space,
            which every language reads the same way).
    """
    decimal, write_group, _read_group = separators(lang)
    sep = write_group if group is None else group
    negative = value < 0
    magnitude = abs(value)
    if float(magnitude).is_integer():
        whole, fraction = str(int(magnitude)), ""
    else:
        text = repr(float(magnitude))
        if "e" in text:
            text = f"{magnitude:.15f}".rstrip("0")
        whole, _dot, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sep.join(groups) + (decimal + fraction if fraction else "")
    return ("-" if negative else "") + out


def is_integer_question(question: Question) -> bool:
    """Whether a scale or number question takes whole numbers only.

    A scale always does. A number question does when its ``min``, ``max`` and ``step`` are all
    whole numbers (``step`` is 1 unless set), so a questionnaire asks for decimals by writing a
    fractional step such as ``step: 0.1``.
    """
    from cloudwizard.engine.model import QuestionType

    if question.type is QuestionType.SCALE:
        return True
    bounds = (question.minimum, question.maximum, question.step)
    return all(b is None or float(b).is_integer() for b in bounds)
