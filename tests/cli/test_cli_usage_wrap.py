"""``--help`` is wrapped to the terminal's width, in every language, for the app and each command (issue 11).

Driven through a pseudo-terminal of 60 and 100 columns (the width the program finds itself, as a
person's window gives it), and through a pipe with ``COLUMNS`` set: no line is wider than the
terminal, every word of the help stays whole, and the commands' list wraps under its own text.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cloudwizard import cli
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.typography import typeset
from tests.cli.ptyterm import REPO, Terminal, flat

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")

LANGS = ("nl", "fr", "de", "en")


def _lines_too_wide(text: str, columns: int) -> list[str]:
    return [line for line in text.splitlines() if len(line) > columns]


@pytest.mark.parametrize("columns", [60, 100])
@pytest.mark.parametrize("lang", LANGS)
def test_the_app_help_fits_the_terminal(lang: str, columns: int) -> None:
    _ = gettext_for(lang)
    term = Terminal(["--lang", lang, "--help"], columns=columns, cwd=REPO)
    assert term.wait() == 0
    screen = term.screen
    assert term.overlong_lines() == []
    # every text is there whole (only the line breaks moved), the description and each command's line
    description = _("CloudWizard: which cloud deployment model and service layer fits you, and why. "
                    "Without a command, the desktop app opens.")
    shown = flat(screen)
    assert flat(typeset(description, lang)) in shown
    for name, text in cli.COMMAND_HELP.items():
        if name == "recommend":
            continue  # its line names the formats as well
        assert flat(f"{name} {typeset(_(text), lang)}") in shown, (name, screen)
    # a command's text that wraps goes on under the text, not under the command's name
    listing = screen[screen.index("  ask "):].splitlines()
    column = listing[0].index(_(cli.COMMAND_HELP["ask"]).split()[0])
    for line in listing[1:]:
        if line.strip() and not line.startswith("  " + line.strip().split()[0] + " "):
            assert line.startswith(" " * column) and line[column] != " ", line


@pytest.mark.parametrize("columns", [60, 100])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", cli.COMMANDS)
def test_each_command_help_fits_the_terminal(command: str, lang: str, columns: int) -> None:
    term = Terminal(["--lang", lang, command, "--help"], columns=columns, cwd=REPO)
    assert term.wait() == 0
    assert term.overlong_lines() == [], term.screen
    assert "--help" in term.screen


@pytest.mark.parametrize("lang", LANGS)
def test_columns_sets_the_width_through_a_pipe(lang: str) -> None:
    """``COLUMNS`` (the shell's) is read when the help goes to a pipe, as argparse does."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "60", "LANG": "C.UTF-8"}
    for command in ("", "ask", "recommend"):
        out = subprocess.run([sys.executable, "-m", "cloudwizard", "--lang", lang, *([command] if command else []),
                              "--help"], capture_output=True, text=True, env=env, timeout=60, check=True).stdout
        assert _lines_too_wide(out, 60) == [], out
        wide = subprocess.run([sys.executable, "-m", "cloudwizard", "--lang", lang, *([command] if command else []),
                               "--help"], capture_output=True, text=True, env={**env, "COLUMNS": "150"},
                              timeout=60, check=True).stdout
        assert flat(wide) == flat(out)  # the same words, only wrapped differently


@pytest.mark.parametrize("lang", LANGS)
def test_a_usage_error_is_wrapped_on_a_terminal_and_one_line_in_a_pipe(lang: str) -> None:
    """``--format xyz``: the long "invalid choice … (choose from …)" line wraps at 60 columns, stays whole in a log."""
    args = ["recommend", "--lang", lang, "--format", "xyz", "a.yaml"]
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "60", "LANG": "C.UTF-8"}
    piped = subprocess.run([sys.executable, "-m", "cloudwizard", *args], capture_output=True, text=True, env=env,
                           timeout=60, check=False)
    assert piped.returncode == 2
    message = piped.stderr.splitlines()[-1]  # the usage lines first, then the message on one line
    assert message.startswith("cloudwizard recommend") and "xyz" in message and "json" in message
    assert len(message) > 100
    term = Terminal(args, columns=60, cwd=REPO)
    assert term.wait() == 2
    assert term.overlong_lines() == []
    shown = term.screen[term.screen.index(message.split()[0] + " " + message.split()[1], 30):]
    assert flat(shown) == flat(message)  # the same words, wrapped
    assert all(line.startswith("  ") for line in shown.strip().splitlines()[1:])
