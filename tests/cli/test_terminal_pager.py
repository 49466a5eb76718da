"""The advice on a terminal goes through a real pager when it is long: PAGER unset, PAGER=less, and not a terminal.

Driven through a pseudo-terminal of 60 and 120 columns as a person would: the pager shows the first
screen and waits, Space shows more, ``q`` ends it and the command exits 0; the bold headings reach
the screen as bold, never as a literal ``ESC[1m`` (even with a ``LESS`` of the user's own without
``-R``); when standard output is not a terminal no pager runs and the report is raw Markdown.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cloudwizard.engine.i18n import gettext_for
from tests.cli.ptyterm import REPO, Terminal

pytestmark = [pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux"),
              pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")]

EXAMPLES = REPO / "questionnaires" / "examples"


def _page_through(term: Terminal, first: str) -> str:
    """Wait for the pager's first screen (it starts with `first`), press Space, then q; returns the raw output."""
    term.expect(first)
    term.expect_raw("\n:")  # less's prompt at the foot of the screen: it waits for a key
    term.send_raw(b" ")
    time.sleep(0.3)
    term.send_raw(b"q")
    assert term.wait() == 0
    return term._raw


@pytest.mark.parametrize(("lang", "columns", "answers"), [
    ("nl", 60, "answers-sme.yaml"), ("fr", 120, "answers-federal.yaml")])
@pytest.mark.parametrize("pager", [None, "less"], ids=["PAGER-unset", "PAGER=less"])
def test_a_long_report_waits_in_the_pager(pager: str | None, lang: str, columns: int, answers: str) -> None:
    _ = gettext_for(lang)
    term = Terminal(["recommend", "--lang", lang, str(EXAMPLES / answers)], columns=columns, cwd=REPO,
                    env={"PAGER": pager, "LESS": None})
    raw = _page_through(term, _("CloudWizard advice"))
    assert "\x1b[1m" in raw and "ESC[" not in raw  # bold passed to the terminal, not shown as text
    assert term.overlong_lines() == []
    assert "|---" not in term.screen and "**" not in term.screen and "## " not in term.screen


def test_a_less_setting_without_r_still_shows_bold_not_escape_codes() -> None:
    """LESS=-i (a common setting) used to show every heading as "ESC[1m…ESC[0m": -R is added for less."""
    term = Terminal(["recommend", "--lang", "nl", str(EXAMPLES / "answers-sme.yaml")], columns=60, cwd=REPO,
                    env={"PAGER": "less", "LESS": "-i"})
    raw = _page_through(term, gettext_for("nl")("CloudWizard advice"))
    assert "ESC[" not in raw and "\x1b[1m" in raw


def test_not_a_terminal_gets_raw_markdown_and_no_pager(tmp_path: Path) -> None:
    seen = tmp_path / "paged.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAGER": f"tee {seen}", "TERM": "xterm", "COLUMNS": "60"}
    out = subprocess.run([sys.executable, "-m", "cloudwizard", "recommend", "--lang", "fr",
                          str(EXAMPLES / "answers-sme.yaml")], capture_output=True, text=True, env=env, cwd=REPO,
                         timeout=60, check=True).stdout
    assert not seen.exists()  # no pager for a pipe
    assert out.startswith("# Conseil CloudWizard") and "\x1b[" not in out
    assert "- [ ] " in out  # Markdown's own checklist, for the next program


def test_ask_shows_the_advice_in_the_pager_at_the_end(tmp_path: Path) -> None:
    """``ask`` without -o: after the last question the advice is paged as ``recommend`` pages it."""
    answers = tmp_path / "a.yaml"
    answers.write_text((EXAMPLES / "answers-sme.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _ = gettext_for("fr")
    term = Terminal(["ask", "--lang", "fr", "--answers", str(answers)], columns=60, cwd=tmp_path,
                    env={"PAGER": None, "LESS": None})
    term.expect(_("Press Enter to see the advice, b to go back, q to quit: "))
    term.send("")
    raw = _page_through(term, _("CloudWizard advice"))
    assert "ESC[" not in raw and "\x1b[1m" in raw
    assert "|---" not in term.screen and "**" not in term.screen
