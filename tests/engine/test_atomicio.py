"""Saving keeps what the user had: links stay links, modes stay modes; new files get the asked mode."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cloudwizard.engine.answers import AnswersFile, save_answers
from cloudwizard.engine.atomicio import PRIVATE, SaveError, write_atomic


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_saving_over_a_symlink_writes_through_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "answers.yaml"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and link.readlink() == real
    assert real.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["answers.yaml"]  # no temporary left


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "target.yaml")
    write_atomic(link, "new")
    assert link.is_symlink() and (tmp_path / "target.yaml").read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_saving_keeps_an_existing_files_mode(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(mode)
    save_answers(path, AnswersFile("q", "1", {"a": "b"}))
    assert _mode(path) == mode
    write_atomic(path, "report")
    assert _mode(path) == mode


@pytest.mark.usefixtures("umask_022")
def test_new_answers_files_are_private_and_new_reports_follow_the_umask(tmp_path: Path) -> None:
    save_answers(tmp_path / "answers.yaml", AnswersFile("q", "1", {"a": "b"}))
    assert _mode(tmp_path / "answers.yaml") == 0o600
    write_atomic(tmp_path / "report.md", "# Report\n")
    assert _mode(tmp_path / "report.md") == 0o644
    write_atomic(tmp_path / "private.md", "x", new_mode=PRIVATE)
    assert _mode(tmp_path / "private.md") == 0o600


def test_the_command_line_writes_reports_with_the_umask(tmp_path: Path, umask_022: object) -> None:
    from cloudwizard import cli

    out = tmp_path / "schema.json"
    assert cli.main(["schema", "-o", str(out)]) == 0
    assert _mode(out) == 0o644


def test_a_symlink_loop_is_named_when_saving(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    with pytest.raises(SaveError) as info:
        write_atomic(loop, "x")
    assert "loop of symbolic links" in str(info.value.strerror)
