"""Saving when the disk fills up mid-write or the rename is refused: a clear message, the old file intact.

``tests/engine/test_answers.py`` covers a full disk at fsync, a read-only file system and a missing
folder; these add the failures in between, and check that no temporary file is left behind.
"""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest

from cloudwizard.engine.answers import SaveError, write_atomic


class _FillsUp(io.FileIO):
    """A file that takes half of what is written, then reports a full disk."""

    def write(self, data: Any) -> int:
        super().write(bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_disk_full_during_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r": _FillsUp(fd, "wb"))
    with pytest.raises(SaveError) as info:
        write_atomic(path, "new content " * 1000)
    monkeypatch.undo()
    assert str(info.value.strerror) == f"Could not save {path}: the disk is full. The previous file, if any, is unchanged."
    assert path.read_text(encoding="utf-8") == "old"
    assert _only(tmp_path) == ["a.yaml"]


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.EACCES, "there is no permission to write there"), (errno.EROFS, "the folder is read-only"),
     (errno.ENOSPC, "the disk is full")],
)
def test_rename_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old", encoding="utf-8")

    def refuse(src: Any, dst: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError) as info:
        write_atomic(path, "new")
    monkeypatch.undo()
    assert reason in str(info.value.strerror)
    assert path.read_text(encoding="utf-8") == "old"
    assert _only(tmp_path) == ["a.yaml"]


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").mkdir()
    with pytest.raises(SaveError) as info:
        write_atomic(tmp_path / "a.yaml", "new")
    assert str(info.value.strerror) == (f"Could not save {tmp_path / 'a.yaml'}: there is a folder of that name; "
                                        "choose another name. The previous file, if any, is unchanged.")
    assert _only(tmp_path) == ["a.yaml"] and (tmp_path / "a.yaml").is_dir()
