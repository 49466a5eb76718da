"""The one registry of report formats: the command line, the export menu and the result page list it.

Text formats render here, without Qt. The PDF and printing need Qt's text layout: their entries
say so (`needs_qt`), and the front end that offers them calls `cloudwizard.pdf`, imported only then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from cloudwizard.engine.i18n import N_

if TYPE_CHECKING:  # the renderers are imported on first use: menus list the formats without them
    from cloudwizard.engine.report.view import ReportView


class Format(NamedTuple):
    """One way to hand the advice over.

    A named tuple, not a dataclass: the window lists these before its first paint, where the
    first-frame rule keeps `dataclasses` out (docs/gui.md).

    Attributes:
        id: the name used by ``--format`` and by the export signals.
        label: the menu and button text (English; translate with the UI's gettext).
        suffix: the file name suffix ("" for printing).
        file_filter: the file dialog's filter name.
        needs_qt: rendered by `cloudwizard.pdf` (Qt's layout), not here.
        to_file: offered as a file (printing is not).
        render: text formats: view → text.
    """

    id: str
    label: str
    suffix: str
    file_filter: str
    needs_qt: bool = False
    to_file: bool = True
    render: Callable[[ReportView], str] | None = None


def _markdown(view: ReportView) -> str:
    from cloudwizard.engine.report import markdown
    from cloudwizard.engine.report.document import build_document

    return markdown.render(build_document(view))


def _html(view: ReportView) -> str:
    from cloudwizard.engine.report import html
    from cloudwizard.engine.report.document import build_document

    return html.render(build_document(view))


def _text(view: ReportView) -> str:
    from cloudwizard.engine.report import terminal
    from cloudwizard.engine.report.document import build_document

    return terminal.render(build_document(view), width=80, color=False)


def _json(view: ReportView) -> str:
    from cloudwizard.engine.report import data

    return data.render(view)


FORMATS: dict[str, Format] = {
    f.id: f
    for f in (
        Format("pdf", N_("Save as PDF…"), ".pdf", "PDF", needs_qt=True),
        Format("print", N_("Print…"), "", "", needs_qt=True, to_file=False),
        Format("markdown", N_("Markdown…"), ".md", "Markdown", render=_markdown),
        Format("html", N_("HTML…"), ".html", "HTML", render=_html),
        Format("text", N_("Plain text…"), ".txt", "Text", render=_text),
        Format("json", N_("JSON…"), ".json", "JSON", render=_json),
    )
}
#: Formats that make a file (``--format`` of the command line, "Export as" of the menu).
FILE_FORMATS = tuple(f.id for f in FORMATS.values() if f.to_file)
#: Formats rendered without Qt.
TEXT_FORMATS = tuple(f.id for f in FORMATS.values() if f.render is not None)


def render_text(view: ReportView, fmt: str) -> str:
    """`view` in the text format `fmt`.

    Raises:
        ValueError: `fmt` is not a text format.
    """
    entry = FORMATS.get(fmt)
    if entry is None or entry.render is None:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(TEXT_FORMATS)}")
    return entry.render(view)
