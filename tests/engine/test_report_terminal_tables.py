"""Tables in the terminal report: aligned columns with wrapped cells where they fit, else one entry per row.

The old renderer gave up on a whole table as soon as one cell (a long "put first by …" note) made a row
wider than the terminal, and printed every row as "name" / "Points: 4" lines, which read as stacked
fragments. These tests fail on that behaviour.
"""

from __future__ import annotations

import re

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report.document import Document, Heading, Table, build_document
from cloudwizard.engine.report.terminal import render, width_of
from cloudwizard.engine.report.view import build_view
from cloudwizard.engine.session import Session

from ..cli.ptyterm import REPO

EXAMPLES = sorted((REPO / "questionnaires" / "examples").glob("answers-*.yaml"))
WIDTHS = (40, 80, 120, 200)
LANGS = ("nl", "fr", "de", "en")
NOTE = "Community cloud (put first by “A platform for your sector or group of bodies comes first”)"


def _doc(table: Table) -> Document:
    return Document("en", "Scores", "", "", "", (Heading(2, "Scores"), table))


def _lines(table: Table, width: int) -> list[str]:
    return render(_doc(table), width=width).splitlines()[2:]


SCORES = Table(("Option", "Points"), ((NOTE, "4"), ("Private cloud", "3"),
                                      ("Run it yourself on your own equipment (no cloud)", "3"),
                                      ("Hybrid cloud", "0")), (False, True))


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_note_wraps_in_its_column_and_the_numbers_stay_aligned(width: int) -> None:
    lines = _lines(SCORES, width)
    assert lines[0].split() == ["Option", "Points"]
    assert set(lines[1].strip()) == {"─"}
    assert all(width_of(line) <= min(width, 100) for line in lines)
    # every option starts a line at the table's indent, with its points at the end of that line
    starts = [line for line in lines[2:] if line.startswith("  ") and not line.startswith("    ")]
    assert [re.sub(r"\s+\d+$", "", s).strip().split()[0] for s in starts] == ["Community", "Private", "Run", "Hybrid"]
    ends = {len(s) for s in starts}
    assert len(ends) == 1 and all(s[-1].isdigit() for s in starts), lines  # one column of numbers
    assert len(lines[0]) == len(starts[0])  # the header "Points" right-aligned over the numbers
    # a wrapped name goes on under itself, indented, and carries no number
    more = [line for line in lines[2:] if line.startswith("    ")]
    if width < 100:
        assert more and not any(line.rstrip()[-1].isdigit() for line in more)
    # nothing is lost, nothing is stacked as "Points: 4"
    assert " ".join(" ".join(lines).split()).count("group of bodies") == 1
    assert "Points:" not in "\n".join(lines)


def test_the_points_stay_near_the_names_when_only_one_note_is_long() -> None:
    lines = _lines(SCORES, 80)
    # the column is as wide as the rows that fit, not the whole terminal: the numbers are not 70 columns away
    assert len(lines[0]) < 62, lines


def test_a_table_that_fits_is_not_wrapped() -> None:
    table = Table(("Option", "Points"), (("Public cloud", "12"), ("Private cloud", "0")), (False, True))
    assert _lines(table, 40) == ["  Option          Points", "  " + "─" * 22, "  Public cloud        12",
                                 "  Private cloud        0"]


def test_when_the_columns_cannot_fit_each_row_is_one_entry_with_indented_fields() -> None:
    header = ("Case", "Stated model", "Stated layer", "Advised model", "Advised layer", "How sure")
    rows = (("A municipality shares a platform", "Community cloud", "Software as a Service (SaaS)",
             "Community cloud", "Software as a Service (SaaS)", "clear"),
            ("A family keeps its photos at home", "Run it yourself", "none", "Public cloud",
             "Software as a Service (SaaS)", "close call"))
    lines = _lines(Table(header, rows), 40)
    text = "\n".join(lines)
    assert "|" not in text and "**" not in text and "---" not in text
    assert all(width_of(line) <= 40 for line in lines)
    entries = [i for i, line in enumerate(lines) if line.startswith("  • ")]
    assert len(entries) == 2  # one entry per row, its first cell after a bullet
    first = lines[entries[0]:entries[1]]
    fields = [line for line in first[1:] if line.startswith("      ") and not line.startswith("        ")]
    assert [f.split(":")[0].strip() for f in fields] == list(header[1:])  # label, then one field per column
    # the same table at 200 columns is a table again
    wide = _lines(Table(header, rows), 200)
    assert wide[0].split("   ")[0].strip() == "Case" and not any(line.startswith("  • ") for line in wide)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_report_has_aligned_score_tables_at_every_width(lang: str, example: object) -> None:
    q = load_bundled()
    data = read_answers(example, q).data  # type: ignore[arg-type]
    assert data is not None
    rec = recommend(q, Session.from_file(q, data).effective_answers())
    doc = build_document(build_view(rec, lang))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert tables
    for width in WIDTHS:
        text = render(doc, width=width)
        assert "|---" not in text and "**" not in text
        lines = text.splitlines()
        head = -1
        for table in tables:  # in the order of the report
            head = next(i for i, line in enumerate(lines) if i > head
                        and line.split() == [w for h in table.header for w in h.split()]
                        and lines[i + 1].strip() and set(lines[i + 1].strip()) == {"─"})
            body = lines[head + 2:lines.index("", head)]
            starts = [line for line in body if not line.startswith("    ")]
            assert len(starts) == len(table.rows), (lang, width, body)
            assert len({len(line) for line in starts}) == 1, (lang, width, body)  # points in one column
            assert all(line.rstrip()[-1].isdigit() for line in starts)
        assert [line for line in lines if width_of(line) > min(width, 100) and "://" not in line] == []
