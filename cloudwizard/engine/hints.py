"""'Did you mean …?' hints within a budget.

`difflib.get_close_matches` compares the word with every candidate: about 20 µs each, so 0.4 s per
unknown name among 20,000 questions, and minutes for a file with thousands of unknown names. Here
each hint looks at no more than `MAX_CANDIDATES` candidates (those whose length could match at
all, preferring those that share the word's first or last letters), and one load spends at most
`BUDGET` comparisons on hints in all; after that, messages simply come without a hint.
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
from collections.abc import Collection, Iterator

#: Candidates one hint compares the word with, at most.
MAX_CANDIDATES = 2_000
#: Comparisons all hints of one load may spend together (about 2 to 4 s on a slow machine).
BUDGET = 150_000

_left: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("hint_budget", default=None)


@contextlib.contextmanager
def budget(comparisons: int = BUDGET) -> Iterator[None]:
    """Share one budget of comparisons among the hints made inside the block (e.g. one load)."""
    token = _left.set([comparisons])
    try:
        yield
    finally:
        _left.reset(token)


def close_match(word: str, candidates: Collection[str]) -> str | None:
    """The candidate closest to `word` (difflib's ratio of at least 0.6), or None.

    Outside a `budget` block each call has the per-hint limit only.
    """
    left = _left.get()
    if left is not None and left[0] <= 0:
        return None
    n = len(word)
    # difflib's ratio is at most 2 * min(a, b) / (a + b): below 0.6 whenever the lengths differ that much.
    fitting = [c for c in candidates if 2 * min(n, len(c)) >= 0.6 * (n + len(c))]
    if len(fitting) > MAX_CANDIDATES:
        head, tail = word[:2], word[-2:]
        fitting.sort(key=lambda c: (not c.startswith(head), not c.endswith(tail), abs(len(c) - n)))
        fitting = fitting[:MAX_CANDIDATES]
    if left is not None:
        left[0] -= len(candidates) // 10  # the length filter costs too, about a tenth of a comparison each
        fitting = fitting[: max(0, left[0])]
        left[0] -= len(fitting)
    found = difflib.get_close_matches(word, fitting, n=1)
    return found[0] if found else None
