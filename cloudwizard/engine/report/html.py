"""The report as a self-contained HTML page (no scripts, no external resources).

Its blocks also render one by one as HTML fragments, which the PDF renderer lays out page by page.
"""

from __future__ import annotations

import html
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
    ListItem,
    Note,
    Paragraph,
    Table,
)
from cloudwizard.engine.report.safety import plain, safe_url

ACCENT = "#0b4f8a"
CSS = f"""
body {{ font-family: 'DejaVu Sans', 'Noto Sans', Arial, sans-serif; font-size: 11pt; line-height: 1.45;
       color: #1b1f24; margin: 2em auto; max-width: 46em; padding: 0 1em; }}
h1 {{ font-size: 22pt; color: {ACCENT}; margin: 0 0 0.2em; }}
h2 {{ font-size: 15pt; color: {ACCENT}; border-bottom: 1px solid #c9d6e3; margin-top: 1.6em; }}
h3 {{ font-size: 12.5pt; margin: 1.1em 0 0.3em; }}
h4 {{ font-size: 11pt; margin: 0.9em 0 0.2em; }}
p.muted, span.muted {{ color: #555; }}
p.muted {{ font-size: 9.5pt; }}
p.lead {{ font-size: 15pt; font-weight: bold; color: {ACCENT}; margin: 0.2em 0 0.5em; }}
div.box {{ border: 2px solid {ACCENT}; background: #f2f7fc; padding: 0.4em 1.2em 0.6em; margin: 1em 0; }}
div.box > h2.boxtitle {{ border: none; margin-top: 0.5em; font-size: 12pt; text-transform: uppercase;
                         letter-spacing: 0.05em; }}
ul {{ padding-left: 1.4em; }}
ul.marked {{ list-style: none; padding-left: 0; }}
ul.marked li {{ padding-left: 1.6em; text-indent: -1.6em; }}
span.mark {{ display: inline-block; width: 1.6em; text-indent: 0; font-weight: bold; }}
span.plus {{ color: #1d6b2f; }}
span.minus {{ color: #8a1c1c; }}
span.other {{ color: #555; }}
table.scores {{ border-collapse: collapse; margin: 0.3em 0; }}
table.scores th, table.scores td {{ padding: 3px 12px 3px 0; border-bottom: 1px solid #e3e8ee; text-align: left; }}
table.scores td.num, table.scores th.num {{ text-align: right; }}
div.note {{ border-left: 4px solid {ACCENT}; padding: 0.1em 0 0.1em 0.9em; margin: 0.8em 0; }}
div.note.warning {{ border-left-color: #b35c00; }}
div.note.quote {{ border-left-color: #7a7a7a; font-style: italic; }}
span.nowrap {{ white-space: nowrap; }}
@media print {{
  body {{ margin: 0; max-width: none; padding: 0; font-size: 10.5pt; color: #000; }}
  div.box {{ background: none; }}
  h1, h2, h3, h4 {{ break-after: avoid; page-break-after: avoid; }}
  li, div.box, div.note, table.scores tr {{ break-inside: avoid; page-break-inside: avoid; }}
  a {{ color: inherit; }}
}}
"""
_MARKS = {"plus": ("+", "plus"), "minus": ("\u2212", "minus"), "advice": (MARKS["advice"], "plus"),
          "other": (MARKS["other"], "other")}


#: A date (2024-02-12) is never broken at its hyphens.
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def esc(value: str) -> str:
    """Escape text for HTML (control characters made visible)."""
    return html.escape(plain(value), quote=True).replace("\n", "<br>")


def inline(spans: Inline, muted: str = 'class="muted"') -> str:
    """Spans as HTML.

    Args:
        spans: the inline text.
        muted: the attribute that greys a citation out: the style sheet's class here; the advice
            page's labels, which have no style sheet, pass a style of their own.
    """
    out = []
    for s in spans:
        body = _DATE.sub(lambda m: f'<span class="nowrap">{m.group()}</span>', esc(s.text))
        url = safe_url(s.url)
        if url:
            body = f'<a href="{html.escape(url, quote=True)}">{body}</a>'
        if s.strong:
            body = f"<b>{body}</b>"
        if s.emphasis:
            body = f"<i>{body}</i>"
        if s.muted:
            body = f"<span {muted}>{body}</span>"
        out.append(body)
    return "".join(out)


def _item(i: ListItem) -> str:
    if i.marker == "bullet":
        return f"<li>{inline(i.spans)}</li>"
    sign, cls = _MARKS[i.marker]
    return f'<li><span class="mark {cls}">{sign}</span>{inline(i.spans)}</li>'


def block(b: Block, *, checkbox: str = "\u2610") -> str:
    """One block as an HTML fragment."""
    if isinstance(b, Heading):
        level = min(b.level, 6)
        return f"<h{level}>{esc(b.text)}</h{level}>"
    if isinstance(b, Paragraph):
        cls = f' class="{b.role}"' if b.role else ""
        return f"<p{cls}>{inline(b.spans)}</p>"
    if isinstance(b, BulletList):
        marked = any(i.marker != "bullet" for i in b.items)
        return ('<ul class="marked">' if marked else "<ul>") + "".join(_item(i) for i in b.items) + "</ul>"
    if isinstance(b, Checklist):
        return '<ul class="marked">' + "".join(
            f'<li><span class="mark">{checkbox}</span>{inline(i)}</li>' for i in b.items) + "</ul>"
    if isinstance(b, Table):
        def cell(tag: str, i: int, value: str) -> str:
            num = i < len(b.numeric) and b.numeric[i]
            return f'<{tag}{" class=num align=right" if num else ""}>{esc(value)}</{tag}>'

        head = "<tr>" + "".join(cell("th", i, h) for i, h in enumerate(b.header)) + "</tr>"
        rows = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(r)) + "</tr>" for r in b.rows)
        return f'<table class="scores">{head}{rows}</table>'
    if isinstance(b, Note):
        title = f"<p><b>{esc(b.title)}</b></p>" if b.title else ""
        return f'<div class="note {b.kind}">{title}<p>{inline(b.spans)}</p></div>'
    if isinstance(b, Box):
        inner = "".join(block(x, checkbox=checkbox) for x in b.blocks)
        return f'<div class="box"><h2 class="boxtitle">{esc(b.title)}</h2>{inner}</div>'
    raise TypeError(f"not a block: {b!r}")


def render(doc: Document) -> str:
    """`doc` as a whole HTML page."""
    body = "\n".join(block(b) for b in doc.blocks)
    return (f'<!DOCTYPE html>\n<html lang="{esc(doc.language)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(doc.long_title or doc.title)}</title><style>{CSS}</style></head><body>\n{body}\n</body></html>\n")
