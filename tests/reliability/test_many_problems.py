"""A file with 50,000 problems prints the first 100 and counts the rest (issue 14), exit status unchanged.

Before, every problem was printed: 50,004 lines for one broken questionnaire.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from cloudwizard.engine.diagnostic_text import format_report
from cloudwizard.engine.diagnostics import MAX_SHOWN, Report
from cloudwizard.engine.i18n import ngettext_for
from cloudwizard.engine.model import Location

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
COUNT = 50_000


def _questionnaire(path: Path) -> Path:
    lines = ["format: 1", "id: x", "version: '1'", "languages: [en]", *(f"k{i}: 1" for i in range(COUNT))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _answers(path: Path) -> Path:
    lines = ["cloudwizard_answers: 1", "questionnaire: {id: example, version: '1.0'}", "answers:",
             *(f"  q{i}: 1" for i in range(COUNT))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cloudwizard", *args], capture_output=True, text=True,
                          timeout=120, check=False)


def _problem_lines(err: str, name: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(name + ":")]


def test_validate_prints_the_first_problems_and_counts_the_rest(tmp_path: Path) -> None:
    q = _questionnaire(tmp_path / "many.yaml")
    proc = _run("validate", str(q))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    shown = _problem_lines(proc.stderr, str(q))
    assert len(shown) == MAX_SHOWN
    total = int(proc.stdout.split("invalid (")[1].split(" ")[0])
    assert total > COUNT
    assert lines[-1] == f"… and {total - MAX_SHOWN} more problems"
    assert len(lines) == MAX_SHOWN + 1
    # the first ones in the file, in order
    assert [int(line.split(":")[1]) for line in shown] == sorted(int(line.split(":")[1]) for line in shown)
    assert "unknown key “k0”" in proc.stderr


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_an_answers_file_with_50000_problems_is_capped_in_the_users_language(tmp_path: Path, lang: str) -> None:
    answers = _answers(tmp_path / "many.yaml")
    proc = _run("recommend", "--lang", lang, "--questionnaire", str(EXAMPLE), "--answers", str(answers))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    shown = _problem_lines(proc.stderr, str(answers))
    assert len(shown) == MAX_SHOWN
    more = COUNT - MAX_SHOWN
    closing = ngettext_for(lang)("… and {count} more problem", "… and {count} more problems", more).format(count=more)
    assert closing in proc.stderr.splitlines()
    if lang != "en":
        assert closing != f"… and {more} more problems"


def test_first_is_the_start_of_sorted_and_the_count_adds_up() -> None:
    rng = random.Random(14)
    report = Report()
    for i in range(1000):
        loc = Location(rng.choice(["a.yaml", "b.yaml"]), rng.randint(0, 50), rng.randint(0, 3))
        (report.error if i % 3 else report.warning)(loc, f"problem {i}")
    for limit in (0, 1, 100, 999, 1000, 5000, None):
        shown, more = report.first(limit)
        assert shown == report.sorted()[: len(shown)]  # the same order, ties in the order found
        assert len(shown) + more == len(report)
    assert report.format(None).splitlines() == [str(d) for d in report.sorted()]
    assert report.format().splitlines()[-1] == f"… and {1000 - MAX_SHOWN} more problems"
    assert format_report(report, "en", limit=1).splitlines()[-1] == "… and 999 more problems"
    few = Report()
    few.error(Location("a.yaml", 1, 1), "one")
    assert format_report(few, "en") == few.format() == "a.yaml:1:1: error: one"
    assert "more" not in few.format()
