"""The report on paper: a PDF (or a printer) laid out page by page with Qt's text engine.

Imported only when a PDF or a printout is asked for (``recommend --format pdf``, Save as PDF,
Print), so nothing else pays for Qt. Each block of the report's `Document` is laid out on its own
(a list item, a paragraph, a table), then placed on pages: page 1 holds the summary box, a heading
never ends a page (it moves on with what follows), a long text breaks between lines, and every page
has a running header and a footer with the page number.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from cloudwizard.engine.answers import SaveError
from cloudwizard.engine.atomicio import write_atomic
from cloudwizard.engine.report import html as report_html
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
from cloudwizard.engine.typography import keep_narrow_spaces

#: Resolution of the PDF's layout (dots per inch); text and lines stay vector graphics.
RESOLUTION = 300
MARGINS_MM = (20.0, 22.0, 20.0, 20.0)  # left, top, right, bottom (header and footer sit in the margins)
ACCENT = QColor("#0b4f8a")
BOX_FILL = QColor("#f2f7fc")
FONT = "DejaVu Sans"
_PRINT_CSS = f"""
body {{ color: #1b1f24; }}
h1 {{ font-size: 20pt; color: {report_html.ACCENT}; margin: 0; }}
h2 {{ font-size: 14pt; color: {report_html.ACCENT}; margin: 0; }}
h3 {{ font-size: 12pt; margin: 0; }}
h4 {{ font-size: 10.5pt; margin: 0; }}
p {{ margin: 0; }}
p.lead {{ font-size: 14pt; font-weight: bold; color: {report_html.ACCENT}; }}
p.muted {{ font-size: 8.5pt; color: #555555; }}
span.muted {{ color: #555555; font-size: 8.5pt; }}
span.plus {{ color: #1d6b2f; font-weight: bold; }}
span.minus {{ color: #8a1c1c; font-weight: bold; }}
span.other {{ color: #555555; font-weight: bold; }}
th {{ text-align: left; font-weight: bold; }}
span.nowrap {{ white-space: nowrap; }}
"""
#: Space above each kind of block, in points.
_SPACE = {1: 0.0, 2: 16.0, 3: 11.0, 4: 8.0}


@dataclass(slots=True)
class _Item:
    """One laid-out piece: its text document, where it may break, and how it sits on the page."""

    doc: QTextDocument
    height: float
    space_before: float
    keep_with_next: bool = False
    in_box: bool = False
    page_break_after: bool = False
    breaks: tuple[float, ...] = ()


class _Layout:
    """Lays blocks out for one paint device (sizes in its pixels)."""

    def __init__(self, device: QPagedPaintDevice, width: float, page_height: float = 0.0) -> None:
        self.device = device
        self.dpi = device.logicalDpiY()
        self.width = width
        #: the height of a page's body, which a box must fit in (0: not known, a box is taken whole)
        self.page_height = page_height
        self.font = QFont(FONT)
        self.font.setPointSizeF(10.0)
        self.box_pad = self.pt(9)

    def pt(self, points: float) -> float:
        """Points in device pixels."""
        return points * self.dpi / 72.0

    @staticmethod
    def css_px(points: float) -> int:
        """Points in the HTML's pixels (1/96 inch, whatever the device)."""
        return round(points * 96 / 72)

    def item(self, fragment: str, space: float, *, in_box: bool = False, keep: bool = False) -> _Item:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDefaultFont(self.font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(_PRINT_CSS)
        doc.setHtml(keep_narrow_spaces(fragment))
        doc.setTextWidth(self.width - (2 * self.box_pad if in_box else 0))
        height = doc.size().height()
        return _Item(doc, height, self.pt(space), keep, in_box, breaks=_line_breaks(doc))

    def marked(self, mark: str, spans: Inline, cls: str = "") -> str:
        sign = f'<span class="{cls}">{mark}</span>' if cls else mark
        return (f'<table width="100%" cellspacing="0" cellpadding="0"><tr>'
                f'<td width="{self.css_px(14)}">{sign}</td><td>{report_html.inline(spans)}</td></tr></table>')

    def blocks(self, blocks: tuple[Block, ...], *, in_box: bool = False) -> list[_Item]:
        out: list[_Item] = []
        for b in blocks:
            if isinstance(b, Heading):
                out.append(self.item(report_html.block(b), _SPACE.get(b.level, 8.0), in_box=in_box, keep=True))
            elif isinstance(b, Paragraph):
                out.append(self.item(report_html.block(b), 5.0 if b.role != "lead" else 2.0, in_box=in_box))
            elif isinstance(b, BulletList):
                for i, entry in enumerate(b.items):
                    mark = MARKS[entry.marker]
                    cls = {"plus": "plus", "minus": "minus", "advice": "plus", "other": "other"}.get(entry.marker, "")
                    out.append(self.item(self.marked(mark, entry.spans, cls), 4.0 if i == 0 else 2.0, in_box=in_box))
            elif isinstance(b, Checklist):
                for i, spans in enumerate(b.items):
                    out.append(self.item(self.marked("\u2610", spans), 4.0 if i == 0 else 2.5, in_box=in_box))
            elif isinstance(b, Table):
                table = report_html.block(b).replace('<table class="scores">',
                                                     '<table cellspacing="0" cellpadding="3">')
                out.append(self.item(table, 4.0, in_box=in_box))
            elif isinstance(b, Note):
                color = {"warning": "#b35c00", "quote": "#777777"}.get(b.kind, report_html.ACCENT)
                title = f"<p><b>{report_html.esc(b.title)}</b></p>" if b.title else ""
                body = f"<i>{report_html.inline(b.spans)}</i>" if b.kind == "quote" else report_html.inline(b.spans)
                out.append(self.item(
                    f'<table width="100%" cellspacing="0" cellpadding="0"><tr><td width="{self.css_px(3)}" '
                    f'bgcolor="{color}"></td><td width="{self.css_px(8)}"></td><td>{title}<p>{body}</p></td>'
                    f"</tr></table>", 7.0, in_box=in_box))
            elif isinstance(b, Box):
                out += self.box(b, out)
        return out

    def box(self, box: Box, before: list[_Item]) -> list[_Item]:
        """The items of `box`, laid out after `before`: the first version that fits on the page, whole.

        A box is never split. It takes the first of its versions (``blocks``, then ``shorter``:
        the summary leaves steps out, "see below") that fits on what is left of the page it starts
        on, which is worked out by placing `before` on pages as `_paginate` will. When none fits
        there, the box starts a new page (with the headings just before it, which stay with it)
        if one fits there; else the shortest is taken. The summary box comes right after the
        report's title (a heading, which would go with it), so it is never moved off page 1: it
        lists fewer steps when the page is short.
        """
        used = _used_on_last_page(before, self.page_height) if self.page_height > 0 else 0.0
        versions = [self.blocks((Heading(4, box.title), *blocks_in), in_box=True)
                    for blocks_in in (box.blocks, *box.shorter)]

        def fitting(above: float) -> list[_Item] | None:
            """The first version that fits below `above` of the page's height."""
            for inner in versions:
                space = inner[0].space_before if above > 0 else 0.0  # none at the top of a page
                need = _stacked(inner)
                if above + space + need + 2 * self.box_pad <= self.page_height:
                    return inner
            return None

        chosen = versions[0] if self.page_height <= 0 else fitting(used)
        if chosen is None:
            # Not enough room left here: break the page before the headings that lead to the box.
            last = len(before) - 1
            while last >= 0 and before[last].keep_with_next:
                last -= 1
            carried = _stacked(before[last + 1:])
            if last >= 0 and carried < used and (chosen := fitting(carried)) is not None:
                before[last].page_break_after = True
        inner = chosen or versions[-1]
        inner[-1].page_break_after = True
        return inner


def _stacked(items: list[_Item]) -> float:
    """The height of `items` one under the other at the top of a page (no space above the first)."""
    return sum(it.space_before + it.height for it in items[1:]) + (items[0].height if items else 0.0)


def _used_on_last_page(items: list[_Item], page_height: float) -> float:
    """How much of the last page `items` fill once placed on pages (0 when they end with a page break)."""
    if not items or items[-1].page_break_after:
        return 0.0
    last = _paginate(items, page_height)[-1][-1]
    return last.y + last.end - last.start


def _line_breaks(doc: QTextDocument) -> tuple[float, ...]:
    """The bottoms of the lines of `doc`: where it may be cut between pages."""
    out: list[float] = []
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        text_layout = block.layout()
        for n in range(text_layout.lineCount()):
            line = text_layout.lineAt(n)
            out.append(top + line.y() + line.height())
        block = block.next()
    return tuple(sorted(set(out)))


@dataclass(slots=True)
class _Placed:
    item: _Item
    y: float
    start: float
    end: float


def _paginate(items: list[_Item], page_height: float) -> list[list[_Placed]]:
    pages: list[list[_Placed]] = [[]]
    y = 0.0
    for i, item in enumerate(items):
        space = item.space_before if y > 0 else 0.0
        need = item.height
        # A heading stays with what follows: with the next headings too, and the start of the block after.
        j = i
        while items[j].keep_with_next and j + 1 < len(items):
            j += 1
            following = items[j]
            last = not following.keep_with_next or j + 1 == len(items)
            need += following.space_before + (min(following.height, page_height / 4) if last else following.height)
        if y > 0 and y + space + need > page_height:
            pages.append([])
            y, space = 0.0, 0.0
        start = 0.0
        y += space
        while item.height - start > page_height - y + 0.5:
            # Too tall for what is left of the page: cut after the last line that fits.
            fits = [b for b in item.breaks if start < b <= start + page_height - y]
            cut = fits[-1] if fits else start + page_height - y
            if cut <= start:
                cut = start + page_height - y
            pages[-1].append(_Placed(item, y, start, cut))
            pages.append([])
            y, start = 0.0, cut
        pages[-1].append(_Placed(item, y, start, item.height))
        y += item.height - start
        if item.page_break_after and i + 1 < len(items):
            pages.append([])
            y = 0.0
    return [p for p in pages if p]


def paint(doc: Document, device: QPagedPaintDevice) -> int:
    """Lay `doc` out on `device` (a PDF writer or a printer) and paint every page; returns the page count."""
    # The painter's origin is the top left corner of the printable area (inside the margins); the
    # header and the footer are drawn in the margins, above and below it.
    paint_rect = device.pageLayout().paintRectPixels(device.logicalDpiY())
    body = QRectF(0, 0, paint_rect.width(), paint_rect.height())
    lay = _Layout(device, body.width(), body.height())
    items = lay.blocks(doc.blocks)
    if len(items) >= 2:  # the closing line ("Made with …") never stands alone on a last page
        items[-2].keep_with_next = True
    pages = _paginate(items, body.height())
    painter = QPainter(device)
    try:
        small = QFont(FONT)
        small.setPointSizeF(7.5)
        for number, placed in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            _frame_box(painter, lay, body, placed)
            for p in placed:
                x = body.left() + (lay.box_pad if p.item.in_box else 0)
                painter.save()
                painter.translate(QPointF(x, body.top() + p.y - p.start))
                painter.setClipRect(QRectF(0, p.start, body.width(), p.end - p.start))
                p.item.doc.drawContents(painter, QRectF(0, p.start, body.width(), p.end - p.start))
                painter.restore()
            _header_footer(painter, lay, doc, body, small, number, len(pages))
    finally:
        painter.end()
    return len(pages)


def _frame_box(painter: QPainter, lay: _Layout, body: QRectF, placed: list[_Placed]) -> None:
    boxed = [p for p in placed if p.item.in_box]
    if not boxed:
        return
    top = body.top() + boxed[0].y - lay.box_pad
    bottom = body.top() + boxed[-1].y + (boxed[-1].end - boxed[-1].start) + lay.box_pad
    rect = QRectF(body.left(), top, body.width(), bottom - top)
    painter.save()
    painter.setPen(QPen(ACCENT, lay.pt(1.5)))
    painter.setBrush(BOX_FILL)
    painter.drawRoundedRect(rect, lay.pt(4), lay.pt(4))
    painter.restore()


def _header_footer(painter: QPainter, lay: _Layout, doc: Document, body: QRectF, font: QFont,
                   number: int, pages: int) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("#555555"))
    metrics = QFontMetricsF(font, lay.device)
    gap = lay.pt(8)
    head_y = body.top() - gap
    foot_y = body.bottom() + gap + metrics.ascent()
    page_text = doc.page_label.format(page=number, pages=pages)
    page_w = metrics.horizontalAdvance(page_text)
    if number > 1:
        header = metrics.elidedText(doc.header, Qt.TextElideMode.ElideRight, body.width())
        painter.drawText(QPointF(body.left(), head_y - metrics.descent()), header)
        painter.setPen(QPen(QColor("#c9d6e3"), lay.pt(0.5)))
        painter.drawLine(QPointF(body.left(), head_y + lay.pt(2)), QPointF(body.right(), head_y + lay.pt(2)))
        painter.setPen(QColor("#555555"))
    footer = metrics.elidedText(doc.footer, Qt.TextElideMode.ElideRight, body.width() - page_w - gap)
    painter.drawText(QPointF(body.left(), foot_y), footer)
    painter.drawText(QPointF(body.right() - page_w, foot_y), page_text)
    painter.restore()


def _ensure_app() -> None:
    """Qt's text layout needs a GUI application; the command line has none (and no display)."""
    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        global _APP
        _APP = QGuiApplication(["cloudwizard"])


_APP: QGuiApplication | None = None


def write_pdf(doc: Document, path: str | Path) -> int:
    """Write `doc` as an A4 PDF to `path`, atomically: a failure leaves the previous file as it was.

    The PDF is made in memory and checked to be whole (Qt's writer reports no write errors), then
    written like every other file the app saves (`engine.atomicio.write_atomic`: a temporary file,
    fsync, rename; the disk full or a read-only folder said as such; an existing file keeps its
    permissions, a new one follows the umask; a symbolic link is followed).

    Returns:
        the number of pages.

    Raises:
        SaveError: when the file cannot be written.
    """
    _ensure_app()
    target = Path(path)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(doc.header)
    writer.setCreator("CloudWizard")
    writer.setResolution(RESOLUTION)
    left, top, right, bottom = MARGINS_MM
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter))
    pages = paint(doc, writer)
    del writer  # finishes the document
    buffer.close()
    pdf = bytes(data.data())
    if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-64:]:
        raise SaveError(errno.EIO, f"Could not save {target}: the PDF could not be made. Nothing was written.",
                        reason="the PDF could not be made", kind="pdf")
    write_atomic(target, pdf)
    return pages
