"""The PDF's summary box where it does not come first: it is chosen for the room left on its own page.

Found in review: the room before the box was taken as the sum of everything laid out before it,
not what is on the page the box starts on, so a box after a page break was thought not to fit and
lost its steps (or was split between pages). Each test reads the PDF back with ``pdftotext``.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report import build_view
from cloudwizard.engine.report.document import Box, Document, Heading, Paragraph, build_document, text
from cloudwizard.engine.report.view import ReportView
from cloudwizard.pdf import write_pdf

REPO = Path(__file__).resolve().parent.parent
SME = REPO / "questionnaires" / "examples" / "answers-sme.yaml"
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})


@pytest.fixture(scope="module")
def view() -> ReportView:
    bundled = load_bundled()
    data = read_answers(SME, bundled).data
    assert data is not None
    return build_view(recommend(bundled, data.answers), "en")


def flat(value: str) -> str:
    return " ".join(value.translate(LIGATURES).split())


def pages_of(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [flat(p) for p in out.split("\f") if p.strip()]


def lines_filling(fraction: float) -> int:
    """How many one-line filler paragraphs fill `fraction` of a page body after the title (laid out as `write_pdf` does)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from cloudwizard import pdf

    pdf._ensure_app()
    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(pdf.RESOLUTION)
    left, top, right, bottom = pdf.MARGINS_MM
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter))
    body = writer.pageLayout().paintRectPixels(writer.logicalDpiY())
    lay = pdf._Layout(writer, body.width(), body.height())
    title, line = lay.blocks((Heading(1, "Filler"), filler(1)))
    n = 0
    while title.height + (n + 1) * (line.space_before + line.height) <= fraction * body.height():
        n += 1
    return n


def filler(n: int) -> Paragraph:
    return Paragraph(text(f"Filler line {n}."))


def document(view: ReportView, fillers: int) -> Document:
    """The report's summary box after a title and `fillers` one-line paragraphs."""
    real = build_document(view)
    box = next(b for b in real.blocks if isinstance(b, Box))
    return dataclasses.replace(real, blocks=(Heading(1, "Filler"), *(filler(i) for i in range(fillers)), box))


def box_pages(pages: list[str], view: ReportView) -> list[int]:
    """The pages (numbered from 1) holding a part of the summary box: its title to its date line."""
    meta = flat(view.meta)
    return [n for n, page in enumerate(pages, start=1)
            if flat(view.labels.summary) in page or meta in page or flat(view.headline) in page]


def test_a_box_after_a_page_break_keeps_every_step_when_the_page_has_room(view: ReportView, tmp_path: Path) -> None:
    # a page and a tenth of filler: the box starts a tenth of the way down page 2, where it all fits
    # (it holds the example and the requirements too, as the screen's summary does)
    fillers = lines_filling(1.0) + lines_filling(1 / 10)
    target = tmp_path / "advice.pdf"
    write_pdf(document(view, fillers), target)
    pages = pages_of(target)
    assert f"Filler line {fillers - 1}." in pages[1] and "Filler line 0." in pages[0]
    assert box_pages(pages, view) == [2]
    for step in view.checklist:  # the whole list of steps: nothing was left out
        assert flat(step.title) in pages[1], step.title
    assert flat(view.labels.more_steps) not in " ".join(pages)


def test_a_box_without_room_left_on_its_page_starts_a_new_page_whole(view: ReportView, tmp_path: Path) -> None:
    # the filler leaves a few lines on page 1: not even the box without steps fits there
    fillers = lines_filling(0.95)
    target = tmp_path / "advice.pdf"
    write_pdf(document(view, fillers), target)
    pages = pages_of(target)
    assert f"Filler line {fillers - 1}." in pages[0]
    assert box_pages(pages, view) == [2]  # not split between pages 1 and 2
    for step in view.checklist:  # a whole page: every step
        assert flat(step.title) in pages[1], step.title
    assert flat(view.labels.more_steps) not in " ".join(pages)


def test_the_heading_before_a_box_moves_with_it_to_the_new_page(view: ReportView, tmp_path: Path) -> None:
    fillers = lines_filling(0.95)
    doc = document(view, fillers)
    doc = dataclasses.replace(doc, blocks=(*doc.blocks[:-1], Heading(2, "Leading heading"), doc.blocks[-1]))
    target = tmp_path / "advice.pdf"
    write_pdf(doc, target)
    pages = pages_of(target)
    assert f"Filler line {fillers - 1}." in pages[0] and "Leading heading" not in pages[0]
    assert "Leading heading" in pages[1] and box_pages(pages, view) == [2]
