"""``cloudwizard recommend`` on a real (pseudo-)terminal: the report wrapped to its width, paged when
long, no Markdown syntax; ``--format markdown`` stays raw; ``--format pdf -o`` makes a PDF.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FEDERAL = REPO / "questionnaires" / "examples" / "answers-federal.yaml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def overlong(text: str, width: int) -> list[str]:
    """Lines wider than `width`, except a line that is one web address (never cut: it must stay usable)."""
    return [line for line in text.splitlines()
            if len(line) > width and not (len(line.split()) == 1 and "://" in line)]


def run_in_pty(args: list[str], env: dict[str, str], columns: int = 72, rows: int = 30) -> str:
    """Run the command with a pseudo-terminal as stdin/stdout/stderr; return what it printed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "cloudwizard", *args], stdin=slave, stdout=slave, stderr=slave,
                            env=env, cwd=REPO, close_fds=True)
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            raise AssertionError("no output for 60 s")
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    assert proc.returncode == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PAGER", "LESS", "NO_COLOR")}
    env["TERM"] = "xterm"
    return env


def test_terminal_report_is_wrapped_paged_and_free_of_markdown(tmp_path: Path) -> None:
    seen = tmp_path / "paged.txt"
    env = base_env()
    env["PAGER"] = f"tee {seen}"  # a pager that records what it was given
    out = run_in_pty(["recommend", "--answers", str(FEDERAL), "--lang", "fr"], env, columns=72)
    assert seen.exists(), "a long report goes through the pager"
    text = ANSI.sub("", out)
    assert "Conseil CloudWizard" in text and "Cloud hybride" in text
    assert "|---" not in text and "**" not in text and "## " not in text
    assert overlong(text, 72) == []
    assert "\x1b[1m" in out  # headings in bold on a terminal


def test_without_a_pager_the_report_is_printed(tmp_path: Path) -> None:
    env = base_env()
    env["PAGER"] = "no-such-pager-program"
    out = run_in_pty(["recommend", "--answers", str(FEDERAL), "--lang", "de"], env, columns=60)
    text = ANSI.sub("", out)
    assert "CloudWizard-Empfehlung" in text and overlong(text, 60) == []


def test_markdown_stays_raw_on_a_terminal() -> None:
    out = run_in_pty(["recommend", "--answers", str(FEDERAL), "--format", "markdown"], base_env())
    assert out.startswith("# CloudWizard advice") and "- [ ] " in out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_from_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "advice.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "cloudwizard", "recommend", "--answers", str(FEDERAL), "--lang",
                           "nl", "--format", "pdf", "-o", str(target)], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "CloudWizard-advies" in text and "Pagina 1 van" in text


def test_other_formats_do_not_import_qt(tmp_path: Path) -> None:
    target = str(tmp_path / "a.html")
    code = ("import sys; from cloudwizard.cli import main; "
            f"main(['recommend', '--answers', {str(FEDERAL)!r}, '--format', 'html', '-o', {target!r}]); "
            "print([m for m in sys.modules if m.startswith('PySide6')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip().endswith("[]")


# -- the score tables on a real terminal, every example, every language, several widths ---------

EXAMPLES = sorted((REPO / "questionnaires" / "examples").glob("answers-*.yaml"))


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_score_tables_are_aligned_columns_at_40_and_120_columns(example: Path, lang: str, tmp_path: Path) -> None:
    """The old report stacked a table as "name" / "Points: 4" lines as soon as one note was too long."""
    for columns in (40, 120):
        seen = tmp_path / f"paged-{columns}.txt"
        env = base_env()
        env["PAGER"] = f"tee {seen}"  # a long report still goes through the pager
        out = run_in_pty(["recommend", "--answers", str(example), "--lang", lang], env, columns=columns, rows=30)
        assert seen.exists(), "the long report was not paged"
        text = ANSI.sub("", out)
        assert "|---" not in text and "**" not in text
        assert overlong(text, columns) == []
        lines = text.splitlines()
        heads = [i for i, line in enumerate(lines[:-1]) if line.startswith("  ") and set(lines[i + 1].strip()) == {"─"}]
        assert len(heads) >= 2, text  # the model's and the layer's scores, each with its header and rule
        for i in heads:
            body = lines[i + 2:lines.index("", i)]
            starts = [line for line in body if not line.startswith("    ")]
            assert len(starts) >= 3 and len({len(line) for line in starts}) == 1, body  # the points in one column
            assert all(line[-1].isdigit() for line in starts), body
            assert len(lines[i]) == len(starts[0]), (lines[i], starts[0])  # the header over the numbers
        assert not re.search(r"^ +\S+: \d+$", text, re.M)  # no stacked "Points: 4" lines


# -- evaluate on a real terminal: wrapped to its width, paged, options by name ------------------


@pytest.mark.parametrize(("lang", "columns"), [("nl", 40), ("fr", 80), ("de", 120), ("en", 200)])
def test_evaluate_on_a_terminal_is_wrapped_paged_and_names_the_options(lang: str, columns: int, tmp_path: Path) -> None:
    from cloudwizard.engine.loader import load_bundled
    from cloudwizard.engine.report.view import option_name

    seen = tmp_path / "paged.txt"
    env = base_env()
    env["PAGER"] = f"tee {seen}"
    out = run_in_pty(["evaluate", "--lang", lang], env, columns=columns, rows=30)
    assert seen.exists(), "the long evaluation was not paged"
    text = ANSI.sub("", out)
    assert "\x1b[1m" in out  # headings in bold on a terminal
    assert overlong(text, min(columns, 100)) == []
    flat = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    q = load_bundled()
    # (at 40 columns a long name wraps within its cell, between the numbers of its row)
    for option in ("public", "community", "on_premises", "iaas", "none") if columns >= 80 else ("public", "private"):
        name = option_name(q, option, lang)
        name = name[:1].upper() + name[1:]
        # a name that wraps within its cell has the row's numbers between its words in the flat text
        words = r"\s+(?:[.\d]+\s+)*".join(re.escape(w) for w in name.split())
        assert re.search(words, flat), (lang, option)
    assert "on-premises" not in flat and "/iaas" not in flat and "federal-public" not in flat
    assert "(be-lu-sovereign-state-cloud)" in flat  # a case by its title, its id (the file's name) in brackets
