"""The report as Markdown (CommonMark), every text escaped so questionnaire text cannot add markup.

Links are written only for addresses that `safe_url` accepts, as ``[title](<url>)``; anything else
is shown as text. Line breaks inside texts become spaces, and a text that would start a block of
its own (``# …``, ``- …``, ``1. …``) has its first character escaped.
"""

from __future__ import annotations

import re

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

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|~&!"})
#: What would start a block of its own at the start of a line: "- ", "+ ", "=", ">", or "1. " / "1) "
#: (an ordered list needs a space or the end after its marker: "1.500.000" is a plain number).
_BLOCK_START = re.compile(r"^(\s*)(?:([-+=>])|(\d+)([.)])(?=\s|$))")
# Pros and cons sit under their own headings, and comparison rows say which side they favour: a
# Markdown list needs no second marker ("- +" read as a double bullet).
_MARKERS = {"bullet": "-", "plus": "-", "minus": "-",
            # a comparison point's sign says which side it speaks for, so it is kept
            "advice": "- " + MARKS["advice"], "other": "- " + MARKS["other"]}


def escape(value: str, *, at_start: bool = True) -> str:
    """Markdown-escape `value` and fold its line breaks (CR, LF, CRLF) into spaces.

    Args:
        value: the text.
        at_start: the text starts a line, so what would start a block there is escaped too.
    """
    escaped = plain(value, fold_lines=True).translate(_SPECIAL)
    if not at_start:
        return escaped
    def guard(m: re.Match[str]) -> str:  # "1\." for an ordered list: a backslash before a digit is literal
        return m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4))

    return _BLOCK_START.sub(guard, escaped, count=1)


def inline(spans: Inline) -> str:
    """Spans as Markdown."""
    out = []
    for index, s in enumerate(spans):
        # only the first span can start a line; a span in markup ("**1. …**") cannot start a block
        body = escape(s.text, at_start=index == 0 and not (s.strong or s.emphasis or s.muted or s.url))
        if not body.strip():
            out.append(body)
            continue
        lead, core, trail = body[: len(body) - len(body.lstrip())], body.strip(), body[len(body.rstrip()):]
        url = safe_url(s.url)
        if url:
            core = f"[{core}](<{url}>)"
        if s.strong:
            core = f"**{core}**"
        elif s.emphasis or s.muted:
            core = f"*{core}*"
        out.append(lead + core + trail)
    return "".join(out)


def _block(b: Block, out: list[str]) -> None:
    if isinstance(b, Heading):
        out += ["#" * min(b.level, 6) + " " + escape(b.text), ""]
    elif isinstance(b, Paragraph):
        out += [inline(b.spans), ""]
    elif isinstance(b, BulletList):
        out += [f"{_MARKERS[i.marker]} {inline(i.spans)}" for i in b.items] + [""]
    elif isinstance(b, Checklist):
        out += [f"- [ ] {inline(i)}" for i in b.items] + [""]
    elif isinstance(b, Table):
        header = "| " + " | ".join(escape(h) for h in b.header) + " |"
        align = "|" + "|".join("---:" if (b.numeric[i] if i < len(b.numeric) else False) else "---"
                               for i in range(len(b.header))) + "|"
        out += [header, align] + ["| " + " | ".join(escape(c) for c in row) + " |" for row in b.rows] + [""]
    elif isinstance(b, Note):
        title = f"**{escape(b.title)}**" if b.title else ""
        out += [f"> {title}", ">", f"> {inline(b.spans)}", ""] if title else [f"> {inline(b.spans)}", ""]
    elif isinstance(b, Box):
        out += ["---", "", f"**{escape(b.title)}**", ""]
        for inner in b.blocks:
            _block(inner, out)
        out += ["---", ""]


def render(doc: Document) -> str:
    """`doc` as Markdown text."""
    out: list[str] = []
    for b in doc.blocks:
        _block(b, out)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
