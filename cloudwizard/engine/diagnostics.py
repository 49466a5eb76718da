"""Validation reports: every problem found, each with its place, instead of stopping at the first."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from cloudwizard.engine.model import Location

#: How many problems a report prints at most; the rest are counted in one closing line (issue 14:
#: a file with 50,000 problems printed all of them).
MAX_SHOWN = 100


class Severity(str, Enum):
    """How bad a problem is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in a file.

    Attributes:
        severity: error or warning.
        location: where it is.
        message: what is wrong and, where we can tell, what to do.
        code: a short stable identifier of the kind of problem (e.g. ``unknown-key``).
        ref: the id of the thing at fault (a question, a choice, a section …), or ``""``.
    """

    severity: Severity
    location: Location
    message: str
    code: str = ""
    ref: str = ""

    def __str__(self) -> str:
        """The problem as one English line, ``FILE:LINE:COL: error: message [ref]``, in English quotes."""
        from cloudwizard.engine.diagnostic_text import english  # the message ids are there (it imports this module)

        suffix = f" [{self.ref}]" if self.ref else ""
        return one_line(f"{place(self.location)}: {self.severity.value}: {english(self.message)}{suffix}")


#: Code inside a message, whose typewriter quotes are what the user types: a YAML snippet such as
#: ``{chosen: hybrid, reason: '…'}``, a condition as an author writes it (``'x' in data_kinds``,
#: ``audience == '…'``, ``('a', 'b')``), a shell command, text between backticks, a web address.
#: ``tests/content/test_typography.py`` keeps the catalogs to the same rule.
_CODE = re.compile(r"`[^`\n]*`|\w+: \{[^{}\n]*\}|\{[^{}\n]*: [^{}\n]*\}|\(pip install [^)]*\)"
                   r"|\b[A-Za-z][A-Za-z0-9+.\-]*://\S*|\bwww\.\S*"
                   # a condition to write ("test one choice: 'x' in data_kinds"), not "unknown key 'x' in …"
                   r"|(?:(?<=: )|(?<=write ))'[^'{}\n]*' (?:not )?in \{?\w+\}?"
                   r"|(?<=in quotes: )'[^'\n]*'|\{?\w+\}? [!=]= '[^'\n]*'|\('[^'\n]*'(?:, '[^'\n]*')+\)")
#: A value quoted in typewriter quotes: opened where no letter stands before (``people's`` is an
#: apostrophe), closed where no letter follows (so ``'it's'`` is one value).
_SINGLE_QUOTED = re.compile(r"(?<![\w'])'([^\n]*?)'(?![\w'])")


def english_quotes(message: str) -> str:
    """An English message with its quoted ids and values in English quotes: “comply_or_explain”.

    The readers write their messages with typewriter quotes (``unknown key 'x'``): they are the
    message ids that `diagnostic_text` translates. English output quotes with “…”, as the English
    reports and questionnaire texts do, and as the other languages quote ids and values with their
    own marks; code in a message (see `_CODE`) keeps its typewriter quotes, since that is what is typed.
    `diagnostic_text.english` applies this to a message id and fills in the values, so a value that
    holds quotes itself (a condition) is quoted whole; for any other text a quote opens where no
    letter stands before it and closes where no letter follows.
    """
    if "'" not in message:
        return message
    masked = _CODE.sub(lambda m: "x" * len(m.group()), message)
    out = list(message)
    for m in _SINGLE_QUOTED.finditer(masked):
        out[m.start()], out[m.end() - 1] = "\u201c", "\u201d"
    return "".join(out)


def place(location: Location) -> str:
    """Where a problem is, as every front end prints it: ``FILE:LINE:COL``, or ``FILE`` alone.

    A problem with the whole file (no such file, a FIFO, too big) has no line: it is printed
    ``FILE: error: …``, never at a made-up ``FILE:0:0``.
    """
    return location.file if location.line <= 0 else str(location)


# Control characters (C0, DEL, C1) and the invisible bidirectional overrides that could reorder text.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""`text` with control characters shown as escapes (``\x1b``, ``\u202e``).

    Messages quote what a file holds; a key with a terminal escape sequence must not clear the
    screen or recolour the output when the message is printed, nor reorder a line in a dialog.
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(text: str) -> str:
    r"""`printable`, with line breaks shown as ``\n`` too: one problem or one path, one line.

    A file name or a quoted key holding a line break must not start a line of its own, which would
    read as a problem (``FILE:LINE:COL: error: …``) of its making.
    """
    return printable(text).replace("\n", "\\n")


@dataclass
class Report:
    """All problems found in one run, in the order found."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str, code: str = "", ref: str = "") -> None:
        """Record an error."""
        self.diagnostics.append(Diagnostic(Severity.ERROR, location, message, code, ref))

    def warning(self, location: Location, message: str, code: str = "", ref: str = "") -> None:
        """Record a warning."""
        self.diagnostics.append(Diagnostic(Severity.WARNING, location, message, code, ref))

    def extend(self, other: Report) -> None:
        """Add every problem of `other`."""
        self.diagnostics.extend(other.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors only."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The warnings only."""
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def ok(self, strict: bool = False) -> bool:
        """True when there are no errors (and, with `strict`, no warnings)."""
        return not self.errors and not (strict and self.warnings)

    def sorted(self) -> list[Diagnostic]:
        """Problems ordered by file, line and column."""
        return sorted(self.diagnostics, key=_order)

    def first(self, limit: int | None = MAX_SHOWN) -> tuple[list[Diagnostic], int]:
        """The first `limit` problems in `sorted` order (all when None), and how many more there are.

        Takes O(n log limit): a report of 50,000 problems is not sorted whole to print 100.
        """
        if limit is None or len(self.diagnostics) <= limit:
            return self.sorted(), 0
        return heapq.nsmallest(limit, self.diagnostics, key=_order), len(self.diagnostics) - limit

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def __len__(self) -> int:
        return len(self.diagnostics)

    def format(self, limit: int | None = MAX_SHOWN) -> str:
        """One line per problem, ``FILE:LINE:COL: error|warning: message [ref]`` (``FILE: …`` for the whole file).

        At most `limit` lines of problems (None: all), then ``… and K more problems`` (in English, like
        the messages; `diagnostic_text.format_report` says it in the reader's language).
        """
        shown, more = self.first(limit)
        lines = [str(d) for d in shown]
        if more:
            lines.append(f"… and {more} more problem{'s' if more != 1 else ''}")
        return "\n".join(lines)


def _order(d: Diagnostic) -> tuple[str, int, int]:
    return d.location.file, d.location.line, d.location.column
