"""Reports of one `Recommendation`: a typed view, a small document model, and its renderers.

- `view.build_view` turns a `Recommendation` into a `ReportView` with every text translated;
- `document.build_document` lays the view out as headings, paragraphs, lists, tables, notes;
- `markdown`, `html`, `terminal` and `data` (JSON) render it; `cloudwizard.pdf` makes the PDF;
- `formats.FORMATS` lists them for every front end.

The names below load on first use (PEP 562): a menu can list `FORMATS` without the recommender.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "FILE_FORMATS": "formats",
    "FORMATS": "formats",
    "TEXT_FORMATS": "formats",
    "Format": "formats",
    "render_text": "formats",
    "Justification": "view",
    "ReportView": "view",
    "build_view": "view",
    "format_answer": "view",
    "option_name": "view",
}

__all__ = [
    "FILE_FORMATS",
    "FORMATS",
    "TEXT_FORMATS",
    "Format",
    "Justification",
    "ReportView",
    "build_view",
    "format_answer",
    "option_name",
    "render",
    "render_text",
]

if TYPE_CHECKING:
    from cloudwizard.engine.recommender import Recommendation
    from cloudwizard.engine.report.formats import FILE_FORMATS, FORMATS, TEXT_FORMATS, Format, render_text
    from cloudwizard.engine.report.view import Justification, ReportView, build_view, format_answer, option_name


def render(rec: Recommendation, fmt: str, lang: str, justification: Justification | None = None) -> str:
    """`rec` in the text format `fmt` (markdown, html, text or json), in `lang`."""
    from cloudwizard.engine.report.formats import render_text
    from cloudwizard.engine.report.view import build_view

    return render_text(build_view(rec, lang, justification), fmt)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cloudwizard.engine.report' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"cloudwizard.engine.report.{module}"), name)
    globals()[name] = value
    return value
