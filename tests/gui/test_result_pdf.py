"""The PDF in every language for every example: page 1 is the summary, numbered pages, no English
in nl/fr/de, no heading left at the foot of a page, and the language's own quotes.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report import build_view
from cloudwizard.engine.report.document import Box, Document, Heading, build_document
from cloudwizard.pdf import MARGINS_MM, write_pdf
from tests.engine.test_report_translations import english_phrases

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "questionnaires" / "examples").glob("answers-*.yaml"))
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")


@pytest.fixture(scope="module")
def bundled() -> Questionnaire:
    return load_bundled()


def pages_of(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [p for p in out.split("\f") if p.strip()]


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
@pytest.mark.parametrize("answers", EXAMPLES, ids=lambda p: p.stem)
def test_pdf_reads_as_promised(bundled: Questionnaire, answers: Path, lang: str, tmp_path: Path) -> None:
    data = read_answers(answers, bundled).data
    assert data is not None
    view = build_view(recommend(bundled, data.answers), lang)
    doc = build_document(view)
    target = tmp_path / "advice.pdf"
    count = write_pdf(doc, target)
    pages = pages_of(target)
    assert len(pages) == count >= 2
    _ = gettext_for(lang)
    # page 1: the summary box with the advice, why, what to do, the date and the version
    first = " ".join(pages[0].split())
    for part in (view.headline, view.labels.why, view.labels.what_to_do, view.date, view.questionnaire_version):
        assert " ".join(part.split()) in first, part
    assert view.labels.details not in first  # the details start on page 2
    for n, page in enumerate(pages, start=1):
        assert _("Page {page} of {pages}").format(page=n, pages=count) in page
    # no heading ends a page: the last text line above the footer is never a heading
    headings = {" ".join(b.text.split()) for b in doc.blocks if isinstance(b, Heading)}
    for page in pages[:-1]:
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        assert lines[-2] not in headings, lines[-2]
    # the closing line never stands alone on the last page: the end of the block before comes with it
    last = [" ".join(line.split()) for line in pages[-1].splitlines() if line.strip()]
    closing = " ".join(view.labels.made_with.split())[:24]
    at = next(k for k, line in enumerate(last) if closing in line)
    assert at >= 2, last  # the running header, then at least one line of the sources
    if lang != "en":
        flat = " ".join(" ".join(pages).split())
        leaked = [p for p in english_phrases(lang) if p in flat]
        assert not leaked, leaked
        left_quote = {"nl": "“", "fr": "«", "de": "„"}[lang]
        assert left_quote in flat


def test_summary_box_is_first(bundled: Questionnaire) -> None:
    data = read_answers(EXAMPLES[0], bundled).data
    assert data is not None
    doc = build_document(build_view(recommend(bundled, data.answers), "en"))
    assert isinstance(doc.blocks[0], Heading) and isinstance(doc.blocks[1], Box)


def _sme_document(bundled: Questionnaire) -> Document:
    data = read_answers(EXAMPLES[-1], bundled).data
    assert data is not None
    return build_document(build_view(recommend(bundled, data.answers), "en"))


def test_a_pdf_that_cannot_be_written_leaves_the_previous_file_as_it_was(
        bundled: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk full half-way (found on a 64 KiB tmpfs: a broken PDF was reported as written)."""
    import errno
    import os

    from cloudwizard.engine import atomicio
    from cloudwizard.engine.answers import SaveError

    target = tmp_path / "advice.pdf"
    target.write_bytes(b"the previous advice")
    target.chmod(0o644)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomicio.os, "fsync", full)
    with pytest.raises(SaveError) as caught:
        write_pdf(_sme_document(bundled), target)
    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"the previous advice" and (target.stat().st_mode & 0o777) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["advice.pdf"]  # no temporary file left


def test_a_pdf_keeps_the_mode_of_the_file_it_replaces(bundled: Questionnaire, tmp_path: Path) -> None:
    target = tmp_path / "advice.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_pdf(_sme_document(bundled), target)
    assert target.read_bytes().startswith(b"%PDF-") and (target.stat().st_mode & 0o777) == 0o640


def _first_page_holds_the_box(view: object, doc: Document, tmp_path: Path) -> list[str]:
    """The PDF's pages; asserts that the summary box's last line (date · questionnaire, version) is on page 1."""
    target = tmp_path / "advice.pdf"
    write_pdf(doc, target)
    ligatures = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
    pages = [" ".join(p.translate(ligatures).split()) for p in pages_of(target)]
    meta = " ".join(view.meta.split())  # type: ignore[attr-defined]
    assert meta in pages[0], "the summary box does not end on page 1"
    assert all(meta not in p for p in pages[1:])
    return pages


#: Where a page's body ends (A4, 842 pt high, less the bottom margin) and the box's padding, in points.
BODY_BOTTOM_PT = 842 - MARGINS_MM[3] * 72 / 25.4
BOX_PAD_PT = 9.0


def _meta_bottom_on_page_one(doc: Document, view: object, tmp_path: Path) -> float | None:
    """Where the summary box's last line (its date line) ends on page 1 of `doc`'s PDF, in points; None: not there."""
    import html
    import re

    target = tmp_path / "one-more.pdf"
    write_pdf(doc, target)
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(target), "-"], capture_output=True,
                         text=True, check=True).stdout
    ligatures = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
    words = [(html.unescape(w).translate(ligatures), float(y))
             for y, w in re.findall(r'<word [^>]*yMax="([0-9.]+)">([^<]*)</word>', out)]
    meta = view.meta.split()  # type: ignore[attr-defined]
    for start in range(len(words) - len(meta) + 1):
        if [w for w, _y in words[start:start + len(meta)]] == meta:
            return max(y for _w, y in words[start:start + len(meta)])
    return None


def _steps_left_out_only_when_needed(view: object, doc: Document, pages: list[str], tmp_path: Path) -> int:
    """Asserts that page 1's box lists the first steps, every one unless the box with one more would not fit.

    Returns how many steps the box on page 1 lists.
    """
    import dataclasses

    checklist = view.checklist  # type: ignore[attr-defined]
    steps, shown = len(checklist), pages[0].count("\u2610")  # page 1 holds only the box's checklist
    for step in checklist[:shown]:
        assert " ".join(step.title.split()) in pages[0], step.title
    more = " ".join(view.labels.more_steps.split())  # type: ignore[attr-defined]
    # the pointer to "What to do next" below exactly when steps are left out
    assert (more in pages[0]) == (shown < steps), (shown, steps)
    if shown < steps:
        box = next(b for b in doc.blocks if isinstance(b, Box))
        versions = (box.blocks, *box.shorter)  # every step, then one step fewer each
        assert len(versions) == steps + 1
        # needed: the box with one more step, laid out alone, does not end within page 1's body
        one_more = Box(box.title, versions[steps - shown - 1])
        trial = dataclasses.replace(doc, blocks=tuple(one_more if b is box else b for b in doc.blocks))
        bottom = _meta_bottom_on_page_one(trial, view, tmp_path)
        assert bottom is None or bottom + 2 * BOX_PAD_PT > BODY_BOTTOM_PT - 1.0, (shown, steps, bottom)
    return shown


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
@pytest.mark.parametrize("answers", EXAMPLES, ids=lambda p: p.stem)
def test_the_whole_summary_box_is_on_page_one(bundled: Questionnaire, answers: Path, lang: str,
                                              tmp_path: Path) -> None:
    data = read_answers(answers, bundled).data
    assert data is not None
    view = build_view(recommend(bundled, data.answers), lang)
    doc = build_document(view)
    pages = _first_page_holds_the_box(view, doc, tmp_path)
    _steps_left_out_only_when_needed(view, doc, pages, tmp_path)
    for step in view.checklist:  # every step is written out in the details all the same
        assert " ".join(step.title.split()) in " ".join(pages[1:])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_summary_too_long_for_page_one_lists_fewer_steps_and_points_below(bundled: Questionnaire, lang: str,
                                                                            tmp_path: Path) -> None:
    import dataclasses

    data = read_answers(EXAMPLES[0].parent / "answers-federal.yaml", bundled).data
    assert data is not None
    view = build_view(recommend(bundled, data.answers), lang)
    view = dataclasses.replace(view, checklist=view.checklist * 3)  # far too many steps for one page
    doc = build_document(view)
    pages = _first_page_holds_the_box(view, doc, tmp_path)
    shown = _steps_left_out_only_when_needed(view, doc, pages, tmp_path)
    assert 0 < shown < len(view.checklist)  # fewer steps, not none
    assert " ".join(view.labels.more_steps.split()) in pages[0]
    assert " ".join(view.checklist[0].title.split()) in pages[0]
