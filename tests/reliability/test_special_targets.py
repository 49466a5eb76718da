"""Writing never replaces a device, a named pipe or a socket, and a failing standard output is a message.

Found by the red team of issue 14 §2: run as root, ``cloudwizard recommend … -o /dev/null`` renamed a
regular file over ``/dev/null`` (the atomic save renames its temporary file over whatever is there),
and ``cloudwizard validate Q > /dev/full`` ended in a traceback.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from cloudwizard.engine.atomicio import SaveError, write_atomic

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "questionnaires" / "examples" / "answers-sme.yaml"

needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and UNIX sockets are POSIX")


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "report.md"
    os.mkfifo(path)
    return path


@needs_posix
def test_a_named_pipe_is_refused_and_stays_a_pipe(tmp_path: Path) -> None:
    path = _fifo(tmp_path)
    with pytest.raises(SaveError, match=r"it is a named pipe \(FIFO\), not a regular file; choose a file name"):
        write_atomic(path, "text")
    assert stat.S_ISFIFO(path.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]  # no temporary file left


@needs_posix
def test_a_symlink_to_a_named_pipe_is_refused_and_both_stay(tmp_path: Path) -> None:
    target = _fifo(tmp_path)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    with pytest.raises(SaveError, match="named pipe"):
        write_atomic(link, "text")
    assert link.is_symlink() and stat.S_ISFIFO(target.lstat().st_mode)


@needs_posix
def test_a_socket_is_refused_and_stays_a_socket(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(SaveError, match="it is a socket, not a regular file"):
            write_atomic(path, "text")
    assert stat.S_ISSOCK(path.lstat().st_mode)


def _cloudwizard(*args: str, stdout: int | IO[str] = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANGUAGE": "en", "LC_ALL": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "cloudwizard", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=120, env=env, cwd=ROOT, check=False)


@needs_posix
def test_the_command_line_refuses_a_pipe_as_output(tmp_path: Path) -> None:
    path = _fifo(tmp_path)
    proc = _cloudwizard("recommend", "--answers", str(ANSWERS), "--lang", "en", "-o", str(path))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "it is a named pipe (FIFO), not a regular file" in proc.stderr
    assert stat.S_ISFIFO(path.lstat().st_mode)


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ("recommend", "--answers", str(ANSWERS), "--lang", "en"),
    ("validate", str(ROOT / "questionnaires" / "examples" / "example.yaml")),
    ("schema",),
])
def test_a_full_standard_output_is_a_message(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        proc = _cloudwizard(*args, stdout=full)
    assert proc.returncode == 1
    assert proc.stderr == "cloudwizard: cannot write to standard output: the disk is full\n"


@needs_posix
def test_a_closed_standard_output_is_a_message() -> None:
    code = ("import os, sys; os.close(1); sys.stdout = None; from cloudwizard.cli import main; "
            f"sys.exit(main(['recommend', '--answers', {str(ANSWERS)!r}, '--lang', 'en']))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=False, stderr=subprocess.PIPE, text=True,
                          timeout=120, cwd=ROOT, check=False)
    assert proc.returncode == 1
    assert proc.stderr == "cloudwizard: cannot write to standard output: it is closed\n"
