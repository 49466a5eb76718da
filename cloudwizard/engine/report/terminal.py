"""The report for a terminal: wrapped to its width, headings and lists readable, no Markdown syntax.

With `color`, headings are bold and notes and citations dim (ANSI SGR codes only: no cursor
movement, no window titles). Every text has its control characters made visible first, so a
questionnaire cannot clear the screen or forge lines.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

from cloudwizard.engine.report.document import (
    MARKS,
    Block,
    Box,
    BulletList,
    Checklist,
    Document,
    Heading,
    Inline,
    Note,
    Paragraph,
    Table,
)
from cloudwizard.engine.report.safety import plain, safe_url
from cloudwizard.engine.typography import colon

MIN_WIDTH, MAX_WIDTH = 40, 100
_MARKS = MARKS


class _Style:
    def __init__(self, color: bool, lang: str = "en") -> None:
        self.color = color
        self.colon = colon(lang)

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color and text else text


def width_of(text: str) -> int:
    """Columns `text` takes (East Asian wide characters count two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _inline(spans: Inline) -> str:
    out = []
    for s in spans:
        body = plain(s.text, fold_lines=True)
        url = safe_url(s.url)
        out.append(f"{body} <{url}>" if url else body)
    return "".join(out)


class _Wrapper(textwrap.TextWrapper):
    """Breaks at spaces; a web address longer than a line stays whole, on a line of its own.

    A cut address can be neither clicked nor copied, so it may run past the edge (the terminal wraps
    it softly, and address detection still sees one address). Another word longer than a line
    breaks after a ``/``, else before a ``.``, else after ``- _ =``, and is cut anywhere only when it
    has no such place.
    """

    # after a path's "/" (not the "//" of "https://"), "?", "&" or "#"; then before a dot; then after - _ =
    _places = (re.compile(r"(?<=[^/]/)(?!/)|(?<=[?&#])"), re.compile(r"(?=\.[^.])"), re.compile(r"(?<=[-_=])"))

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int) -> None:
        chunk = reversed_chunks[-1]
        if "://" in chunk or chunk.startswith(("<mailto:", "mailto:", "www.")):
            if not cur_line:  # a line of its own: the whole address
                cur_line.append(reversed_chunks.pop())
            return  # else: it starts the next line
        room = max(1, width - cur_len)
        # the end of a line only takes a piece up to a "/"; a line of its own may be cut less nicely
        for places in self._places[:1] if cur_line else self._places:
            cuts = [m.start() for m in places.finditer(chunk) if 1 < m.start() <= room]
            if cuts:
                cur_line.append(chunk[:cuts[-1]])
                reversed_chunks[-1] = chunk[cuts[-1]:]
                return
        if not cur_line:  # nowhere to break it: cut it at the edge (textwrap's own way)
            super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
        # else: leave it for the next line, which has the whole width


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    # French spaces before : ; ? ! and inside « » are no-break ones (the view typesets them), and
    # TextWrapper breaks only at ASCII white space: a line never starts with such a mark.
    wrapper = _Wrapper(width=max(MIN_WIDTH // 2, width), initial_indent=first, subsequent_indent=rest,
                       break_long_words=True, break_on_hyphens=False)
    return wrapper.wrap(text) or [first.rstrip()]


#: A wrapped text column narrower than this reads as a list of fragments: the table is then laid
#: out row by row instead.
MIN_CELL = 12
_GAP = "   "


def _cell_lines(text: str, width: int, hanging: str = "") -> list[str]:
    """`text` wrapped to exactly `width` columns (a word longer than that breaks at a good place)."""
    wrapper = _Wrapper(width=max(1, width), subsequent_indent=hanging, break_long_words=True,
                       break_on_hyphens=False)
    return wrapper.wrap(text) or [""]


def _column_widths(cells: list[list[str]], numeric: list[bool], room: int) -> list[int] | None:
    """Widths of the columns in `room` columns (without the gaps), or None when they cannot fit.

    A column as wide as its widest cell when all fit; else numbers keep their width and the text
    columns share what is left (in proportion to how much they would need), each at least
    `MIN_CELL` wide (or its widest cell, when narrower) and its longest word (up to 20 columns).
    """
    count = len(numeric)
    natural = [max(width_of(r[i]) for r in cells) for i in range(count)]
    if sum(natural) <= room:
        return natural
    least = []
    for i in range(count):
        if numeric[i]:
            least.append(natural[i])
            continue
        longest = max((width_of(w) for r in cells for w in r[i].split()), default=0)
        least.append(min(natural[i], max(MIN_CELL, min(longest, 20))))
    if sum(least) > room:
        return None
    widths = list(least)
    spare = room - sum(least)
    wants = [natural[i] - least[i] for i in range(count)]
    total = sum(wants)
    for i in range(count):
        widths[i] += spare * wants[i] // total if total else 0
    for i in range(count):  # what the rounding left goes to the first columns that still want it
        extra = min(room - sum(widths), natural[i] - widths[i])
        widths[i] += max(0, extra)
    for i in range(count):
        # Most cells of a column may fit in much less than its share (one long note makes it wrap):
        # then the column is as wide as the widest of those, so the numbers stay near the names,
        # when that costs at most one line more.
        fitting = [width_of(r[i]) for r in cells if width_of(r[i]) <= widths[i]]
        if numeric[i] or not fitting or max(fitting) < least[i]:
            continue

        def height(w: int, column: int = i) -> int:
            return sum(len(_cell_lines(r[column], w, "  ")) for r in cells)

        if height(max(fitting)) <= height(widths[i]) + 1:
            widths[i] = max(fitting)
    return widths


def _table(b: Table, width: int, style: _Style, indent: str) -> list[str]:
    """A table as aligned columns, its text cells wrapped; row by row when the columns cannot fit.

    A first text cell's further lines are indented; when other cells wrap too, the rows are set
    apart by an empty line so that each reads as one. With more than two columns that must wrap,
    two spaces (not three) separate them. Row by row, each row is its first cell (after a leading
    number, if any) after a bullet, then one indented ``header: cell`` line per other cell.
    """
    cells = [[plain(c, fold_lines=True) for c in row] for row in (b.header, *b.rows)]
    count = len(b.header)
    cells = [(row + [""] * count)[:count] for row in cells]
    numeric = [i < len(b.numeric) and b.numeric[i] for i in range(count)]
    lead = indent + "  "
    gap = _GAP
    widths = _column_widths(cells, numeric, width - len(lead) - len(gap) * (count - 1)) if count else None
    natural = [max(width_of(r[i]) for r in cells) for i in range(count)]
    if count > 2 and widths != natural:  # many columns that must wrap: two spaces between them leave more room
        gap = "  "
        widths = _column_widths(cells, numeric, width - len(lead) - len(gap) * (count - 1))
    if widths is not None:
        # the first text column's own lines are indented under it, so each row starts where the eye expects
        first = numeric.index(False) if False in numeric else -1
        laid = [[[c] if numeric[i] else _cell_lines(c, widths[i], "  " if i == first and k else "")
                 for i, c in enumerate(row)] for k, row in enumerate(cells)]

        def lines_of(row: list[list[str]]) -> list[str]:
            out = []
            for k in range(max(len(parts) for parts in row)):
                parts = []
                for i, part in enumerate(row):
                    piece = part[k] if k < len(part) else ""
                    pad = " " * (widths[i] - width_of(piece))
                    parts.append(pad + piece if numeric[i] else piece + pad)
                out.append((lead + gap.join(parts)).rstrip())
            return out

        head = lines_of(laid[0])
        rule = lead + "─" * (sum(widths) + len(gap) * (count - 1))
        body = [lines_of(row) for row in laid[1:]]
        # a row whose other cells wrap too is set apart by an empty line
        spaced = any(len(part) > 1 for row in laid[1:] for i, part in enumerate(row) if i != first)
        out = [style(line, "1") for line in head] + [rule]
        for k, rows in enumerate(body):
            if spaced and k:
                out.append("")
            out += rows
        return [*out, ""]
    # Too narrow for the columns: one entry per row, its first cell (after a leading number, if any),
    # then "header: cell" lines under it.
    out = []
    first = min(numeric.index(False) if False in numeric else 0, count - 1) + 1
    for row in cells[1:]:
        label = " ".join(c for c in row[:first] if c)
        out += [lead[:-2] + style(line, "1") for line in _wrap(label, width - len(indent), "  • ", "    ")]
        for name, cell in zip(cells[0][first:], row[first:], strict=False):
            if not cell:  # an empty cell (no "ruled out" note) says nothing: no "name:" line for it
                continue
            shown = f"{name}{style.colon}{cell}" if name else cell
            out += [indent + line for line in _wrap(shown, width - len(indent), "      ", "        ")]
    return [*out, ""]


def _block(b: Block, width: int, style: _Style, indent: str = "") -> list[str]:
    w = width - len(indent)
    if isinstance(b, Heading):
        title = plain(b.text, fold_lines=True)
        if b.level <= 2:
            rule = ("═" if b.level == 1 else "─") * min(w, width_of(title))  # as wide as the heading
            return ["", *[indent + style(line, "1") for line in _wrap(title, w, "", "")], indent + rule]
        return ["", *[indent + style(line, "1") for line in _wrap(title, w, "", "")]]
    if isinstance(b, Paragraph):
        lines = _wrap(_inline(b.spans), w, "", "")
        code = "1" if b.role == "lead" else "2" if b.role == "muted" else ""
        return [indent + (style(line, code) if code else line) for line in lines] + [""]
    if isinstance(b, BulletList):
        out = []
        for item in b.items:
            mark = _MARKS[item.marker] + " "
            out += [indent + line for line in _wrap(_inline(item.spans), w, "  " + mark, "    ")]
        return [*out, ""]
    if isinstance(b, Checklist):
        out = []
        for spans in b.items:
            out += [indent + line for line in _wrap(_inline(spans), w, "  [ ] ", "      ")]
        return [*out, ""]
    if isinstance(b, Table):
        return _table(b, width, style, indent)
    if isinstance(b, Note):
        out = []
        if b.title:
            out += [indent + "┃ " + style(line, "1") for line in _wrap(plain(b.title, fold_lines=True), w - 2, "", "")]
        out += [indent + "┃ " + line for line in _wrap(_inline(b.spans), w - 2, "", "")]
        return [*out, ""]
    if isinstance(b, Box):
        out = [indent + "┏" + "━" * (w - 1), indent + "┃ " + style(plain(b.title, fold_lines=True).upper(), "1")]
        for inner in b.blocks:
            for line in _block(inner, w - 2, style):
                if line or out[-1] != "┃":
                    out.append(("┃ " + line) if line else "┃")
        while out and out[-1] == "┃":
            out.pop()
        return [*out, indent + "┗" + "━" * (w - 1), ""]
    raise TypeError(f"not a block: {b!r}")


def render(doc: Document, width: int = 80, color: bool = False) -> str:
    """`doc` as terminal text, wrapped to `width` columns (kept between 40 and 100)."""
    width = max(MIN_WIDTH, min(MAX_WIDTH, width))
    style = _Style(color, doc.language)
    lines: list[str] = []
    for b in doc.blocks:
        lines += _block(b, width, style)
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    out: list[str] = []
    for line in lines:  # at most one empty line in a row
        if line or (out and out[-1]):
            out.append(line.rstrip())
    return "\n".join(out) + "\n"
