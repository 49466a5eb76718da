"""Answers files: round trip, checks with positions, migration, and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cloudwizard.engine.answers import (
    AnswersFile,
    SaveError,
    dump_answers,
    parse_answers,
    read_answers,
    save_answers,
    write_atomic,
)
from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire

from .minimal import BASIC


@pytest.fixture
def q() -> Questionnaire:
    result = load_questionnaire_text(BASIC, "q.yaml")
    assert result.questionnaire is not None
    return result.questionnaire


def test_round_trip(q: Questionnaire, tmp_path: Path) -> None:
    data = AnswersFile("mini", "1", {"who": "firm", "size": 80, "kinds": frozenset({"photos", "secret"}),
                                     "offline": "yes"}, "de", {"x": 1})
    data.set_aside = {}
    path = tmp_path / "a.yaml"
    save_answers(path, data)
    text = path.read_text(encoding="utf-8")
    assert "offline: 'yes'" in text  # quoted: no YAML 1.1 ambiguity for other tools
    result = read_answers(path, q)
    assert result.report.diagnostics == []
    assert result.data is not None
    assert result.data.answers == data.answers
    assert result.data.language == "de"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("answers: {}\n", "a.yaml:1:1: error: this is not a CloudWizard answers file (no “cloudwizard_answers” key)"),
        ("cloudwizard_answers: 7\nquestionnaire: {id: mini}\nanswers: {}\n",
         "a.yaml:1:22: error: answers format 7 is not supported; expected 1"),
        ("cloudwizard_answers: 1\nquestionnaire: {id: other, version: '1'}\nanswers: {}\n",
         "a.yaml:2:21: error: these answers are for questionnaire “other”, not “mini”"),
        ("cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '1'}\nanswers:\n  who: boss\n",
         "a.yaml:4:8: error: answer to “who”: “boss” is not a choice here; choices: me, firm [who]"),
        ("cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '1'}\nanswers:\n  nobody: 1\n",
         "a.yaml:4:3: error: unknown question “nobody” [nobody]"),
        ("cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '1'}\nanswers: [1]\n",
         "a.yaml:3:10: error: “answers” must be a mapping of question id to answer"),
        ("cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '1'}\nanswers:\n  size: 1e400\n",
         "a.yaml:4:9: error: the number 1e400 is too large: numbers must stay below 1.8e308 in size"),
    ],
)
def test_damaged_files_are_reported_with_positions(q: Questionnaire, text: str, expected: str) -> None:
    result = parse_answers(text, q, "a.yaml")
    assert result.data is None
    assert expected in [str(d) for d in result.report.diagnostics]


def test_other_version_is_migrated_and_drops_are_named(q: Questionnaire) -> None:
    text = (
        "cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '0.9'}\nanswers:\n"
        "  who: firm\n  retired_question: 3\n  kinds: [photos, gone]\n"
    )
    result = parse_answers(text, q, "old.yaml")
    assert result.data is not None
    assert result.data.answers == {"who": "firm", "kinds": frozenset({"photos"})}
    assert set(result.dropped) == {"retired_question", "kinds"}
    assert "the choice(s) 'gone' no longer exist; the other choices were kept" in result.dropped["kinds"]
    summary = [d for d in result.report.warnings if d.code == "migration" and not d.ref]
    assert summary and "2 answer(s) could not be kept in full: kinds, retired_question" in summary[0].message


def test_migration_drops_a_multiple_choice_answer_whose_choices_are_all_gone(q: Questionnaire) -> None:
    text = "cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '0.9'}\nanswers:\n  kinds: [gone, lost]\n"
    result = parse_answers(text, q, "old.yaml")
    assert result.data is not None
    assert result.data.answers == {}
    assert "'gone' is not a choice here" in result.dropped["kinds"]


def test_damaged_file_is_left_untouched(q: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    original = b"cloudwizard_answers: 1\nanswers: {who: [\n"
    path.write_bytes(original)
    result = read_answers(path, q)
    assert result.data is None
    assert "YAML syntax error" in result.report.errors[0].message
    assert path.read_bytes() == original


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old")
    write_atomic(path, "new")
    assert path.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder_gives_a_clear_error(tmp_path: Path) -> None:  # pragma: no cover - not as root
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.yaml").write_text("old")
    folder.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="no permission"):
            write_atomic(folder / "a.yaml", "new")
        assert (folder / "a.yaml").read_text() == "old"
    finally:
        folder.chmod(0o700)


def test_full_disk_gives_a_clear_error_and_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveError) as info:
        write_atomic(path, "new content")
    assert "the disk is full" in str(info.value.strerror)
    monkeypatch.undo()
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_read_only_file_system_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    path = tmp_path / "a.yaml"
    path.write_text("old")

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(SaveError, match="the folder is read-only"):
        write_atomic(path, "new")
    monkeypatch.undo()
    assert path.read_text() == "old"


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="the folder does not exist"):
        write_atomic(tmp_path / "nope" / "a.yaml", "x")


def test_dump_is_readable_yaml(q: Questionnaire) -> None:
    text = dump_answers(AnswersFile("mini", "1", {"kinds": frozenset({"photos"})}, saved="2026-01-01T00:00:00+00:00"))
    assert text.startswith("# CloudWizard answers file")
    assert "kinds:\n  - photos" in text or "kinds: [photos]" in text


def test_comply_or_explain_round_trips(q: Questionnaire, tmp_path: Path) -> None:
    reason = "Our archive: 'yes' must stay\non our own servers: 100 % ours."
    data = AnswersFile("mini", "1", {"who": "firm"}, "nl", justification=("hybrid", reason))
    path = tmp_path / "a.yaml"
    save_answers(path, data)
    assert "comply_or_explain:" in path.read_text(encoding="utf-8")
    result = read_answers(path, q)
    assert result.report.diagnostics == []
    assert result.data is not None
    assert result.data.justification == ("hybrid", reason)


def test_file_without_comply_or_explain_reads_as_before(q: Questionnaire) -> None:
    text = dump_answers(AnswersFile("mini", "1", {"who": "firm"}))
    assert "comply_or_explain" not in text
    result = parse_answers(text, q, "a.yaml")
    assert result.data is not None
    assert result.data.justification is None


_HEAD = "cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '1'}\nanswers: {who: firm}\n"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("comply_or_explain: {chosen: moon, reason: x}\n",
         "a.yaml:4:29: error: “comply_or_explain” chosen must be one of public, hybrid, community, private, "
         "on_premises (found “moon”)"),
        ("comply_or_explain: {chosen: hybrid, reason: 12}\n",
         "a.yaml:4:45: error: “comply_or_explain” reason must be a text (found 12); put it in quotes"),
        (f"comply_or_explain: {{chosen: hybrid, reason: {'x' * 5001}}}\n",
         "a.yaml:4:45: error: “comply_or_explain” reason: the text is longer than 5000 characters"),
        ("comply_or_explain: {reason: x}\n",
         "a.yaml:4:20: error: missing “chosen” in “comply_or_explain” (the deployment model chosen)"),
        ("comply_or_explain: hybrid\n",
         "a.yaml:4:20: error: “comply_or_explain” must be a mapping such as {chosen: hybrid, reason: '…'}"),
        ("comply_or_explain: {chosen: hybrid, why: x}\n",
         "a.yaml:4:37: error: unknown key “why” in “comply_or_explain”; allowed: chosen, reason"),
    ],
)
def test_bad_comply_or_explain_is_located(q: Questionnaire, tail: str, expected: str) -> None:
    result = parse_answers(_HEAD + tail, q, "a.yaml")
    assert result.data is None
    assert expected in [str(d) for d in result.report.diagnostics], [str(d) for d in result.report.diagnostics]
    from cloudwizard.engine.diagnostic_text import is_known, translate

    for d in result.report.diagnostics:  # said in the session's language too
        assert is_known(d.message), d.message
        assert translate(d.message, "nl") != d.message
