"""A problem with a whole file is printed ``FILE: error: …`` by every command (issue 14), never ``FILE:0:0``.

`validate`, `influence` and `evaluate` printed ``FILE:0:0:`` where `recommend` and `ask` printed
``FILE:``; one function (`diagnostics.place`) now writes the place for all of them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cloudwizard import cli
from cloudwizard.engine.diagnostic_text import format_report
from cloudwizard.engine.diagnostics import Diagnostic, Report, Severity, place
from cloudwizard.engine.model import Location

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
ANSWERS = REPO / "tests" / "data" / "bad" / "answers" / "other_version_migrated.yaml"


def _broken(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "broken.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    return path  # "missing": not made


COMMANDS = {
    "validate": lambda f: ["validate", str(f)],
    "validate --strict": lambda f: ["validate", "--strict", str(f)],
    "influence": lambda f: ["influence", "--questionnaire", str(f), "--samples", "5"],
    "evaluate": lambda f: ["evaluate", "--questionnaire", str(f), str(REPO / "questionnaires" / "cases")],
    "recommend": lambda f: ["recommend", "--questionnaire", str(f), "--answers", str(ANSWERS)],
    "recommend --answers": lambda f: ["recommend", "--questionnaire", str(EXAMPLE), "--answers", str(f)],
    "ask": lambda f: ["ask", "--questionnaire", str(f)],
}


@pytest.mark.parametrize("kind", ["missing", "fifo", "folder"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_prints_a_whole_file_problem_without_a_position(
        command: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = _broken(tmp_path, kind)
    assert cli.main([*COMMANDS[command](broken), "--lang", "en"] if command.startswith(("ask", "evaluate"))
                    else COMMANDS[command](broken)) == 1
    err = capsys.readouterr().err
    assert f"{broken}: error: " in err, err
    assert ":0:0" not in err and "Traceback" not in err


def test_one_place_formats_the_location() -> None:
    whole = Diagnostic(Severity.ERROR, Location("f.yaml", 0, 0), "no such file")
    at = Diagnostic(Severity.WARNING, Location("f.yaml", 3, 7), "odd")
    assert (place(whole.location), place(at.location)) == ("f.yaml", "f.yaml:3:7")
    report = Report([whole, at])
    assert report.format().splitlines() == ["f.yaml: error: no such file", "f.yaml:3:7: warning: odd"]
    assert format_report(report, "en").splitlines() == report.format().splitlines()
    assert format_report(report, "nl").splitlines()[0].startswith("f.yaml: ")
