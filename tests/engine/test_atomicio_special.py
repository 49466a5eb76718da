"""Saving onto a device or a pipe writes into it and never replaces it (a rename over /dev/null as
root once turned the machine's /dev/null into a regular file)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from cloudwizard.engine.answers import SaveError
from cloudwizard.engine.atomicio import write_atomic


def test_dev_null_stays_a_device() -> None:
    write_atomic("/dev/null", "advice\n")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_full_device_says_the_disk_is_full() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with pytest.raises(SaveError, match="the disk is full"):
        write_atomic("/dev/full", "advice\n")
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_a_pipe_that_nobody_reads_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(SaveError, match="nobody reads"):
        write_atomic(fifo, "advice\n")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_pipe_with_a_reader_gets_the_text(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the reader is there before the writer opens
    reader = threading.Thread(target=lambda: got.append(_read_all(fd)))
    write_atomic(fifo, "advice\n")
    reader.start()
    reader.join(10)
    assert got == [b"advice\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def _read_all(fd: int) -> bytes:
    os.set_blocking(fd, True)
    out = b""
    while chunk := os.read(fd, 4096):
        out += chunk
    os.close(fd)
    return out
