"""A file name with a terminal escape or a line break is printed inert (red team, issue 14 §2).

`cloudwizard validate` printed its summary line with the path as it is, so a questionnaire named
``ESC[2J ESC]0;… BEL`` cleared the screen and retitled the window; a line break in the name (in
any message) started a line that read as a problem of its own (``forged: ok.yaml:9:10: error …``).
"""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from cloudwizard import cli

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "\x1b[2J\x1b]0;PWN\x07\nforged: ok.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = cli.main(list(args))
    return status, out.getvalue(), err.getvalue()


@pytest.mark.skipif(os.name != "posix", reason="such names are POSIX only")
@pytest.mark.parametrize("valid", [True, False])
def test_validate_prints_a_hostile_file_name_inert(tmp_path: Path, valid: bool) -> None:
    text = (ROOT / "questionnaires" / "examples" / "example.yaml").read_text(encoding="utf-8")
    if not valid:
        text = text.replace("type: single", "type: singel", 1)
    path = tmp_path / HOSTILE
    path.write_text(text, encoding="utf-8")
    status, out, err = _run("validate", str(path))
    assert status == (0 if valid else 1)
    shown = f"{tmp_path}/\\x1b[2J\\x1b]0;PWN\\x07\\nforged: ok.yaml"
    for line in (out + err).splitlines():
        assert line.startswith(shown) or line.startswith("cloudwizard: " + shown), line
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert out.count("\n") == 1


@pytest.mark.skipif(os.name != "posix", reason="such names are POSIX only")
def test_recommend_names_a_hostile_answers_file_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / HOSTILE
    path.write_text("cloudwizard_answers: 1\nanswers: [\n", encoding="utf-8")
    status, _out, err = _run("recommend", "--answers", str(path))
    assert status == 1
    assert err.count("\n") == 2  # the syntax error, and the summary
    assert "\x1b" not in err
