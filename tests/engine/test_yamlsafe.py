"""The safe YAML reader: positions kept, hostile input refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudwizard.engine.yamlsafe import MAX_DEPTH, YamlError, parse_bytes, parse_text, read_path


def test_values_keep_types_and_positions() -> None:
    doc = parse_text("a: 1\nb: [x, 2.5, true, ~, '3']\n", "f.yaml")
    root = doc.root
    assert root.plain() == {"a": 1, "b": ["x", 2.5, True, None, "3"]}
    assert (root.value["b"].location.line, root.value["b"].location.column) == (2, 4)
    assert root.key_locations["b"].line == 2
    assert str(root.value["a"].location) == "f.yaml:1:4"


def test_yaml11_booleans_stay_strings_but_are_flagged() -> None:
    node = parse_text("answer: no\nquoted: 'no'\n").root
    assert node.value["answer"].value == "no"
    assert node.value["answer"].yaml11_bool is True
    assert node.value["quoted"].yaml11_bool is False


def test_duplicate_keys_are_reported_and_parsing_goes_on() -> None:
    doc = parse_text("a: 1\nb: 2\na: 3\n", "d.yaml")
    assert doc.root.plain() == {"a": 1, "b": 2}
    assert [str(p) for p in doc.problems] == ["d.yaml:3:1: duplicate key 'a' (first at line 1); the later one is ignored"]


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("x: !!python/object/apply:os.system ['echo hi']\n", "tag", "is not allowed"),
        ("x: !!python/name:os.system\n", "tag", "is not allowed"),
        ("x: !custom 1\n", "tag", "is not allowed"),
        ("a: [1, 2\n", "syntax", "YAML syntax error"),
        ("a: *nowhere\n", "alias", "unknown alias"),
        ("a: 1\n---\nb: 2\n", "documents", "more than one YAML document"),
        ("   \n\n", "empty", "empty"),
        ("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5), "depth", "nested more than"),
        ("? [a, b]\n: 1\n", "key", "mapping key"),
    ],
)
def test_hostile_or_broken_text_is_refused(text: str, code: str, fragment: str) -> None:
    with pytest.raises(YamlError) as info:
        parse_text(text, "bad.yaml")
    assert info.value.code == code
    assert fragment in info.value.message
    assert str(info.value).startswith("bad.yaml:")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(YamlError) as info:
        parse_text("\n".join(lines) + "\n", "bomb.yaml")
    assert info.value.code == "alias-bomb"


def test_a_few_aliases_are_fine() -> None:
    doc = parse_text("base: &t {en: Hello}\nother: *t\n")
    assert doc.root.plain() == {"base": {"en": "Hello"}, "other": {"en": "Hello"}}


def test_binary_and_wrong_encoding(tmp_path: Path) -> None:
    with pytest.raises(YamlError, match="binary file"):
        parse_bytes(b"\x00\x01\x02garbage", "bin.yaml")
    latin1 = "title: caf\u00e9\n".encode("latin-1")
    with pytest.raises(YamlError) as info:
        parse_bytes(latin1, "latin.yaml")
    assert info.value.code == "encoding"
    assert (info.value.location.line, info.value.location.column) == (1, 11)
    assert parse_bytes(b"\xef\xbb\xbfa: 1\n").root.plain() == {"a": 1}


def test_paths_that_are_not_files(tmp_path: Path) -> None:
    with pytest.raises(YamlError, match="no such file"):
        read_path(tmp_path / "missing.yaml")
    with pytest.raises(YamlError, match="folder"):
        read_path(tmp_path)
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    with pytest.raises(YamlError, match="empty"):
        read_path(empty)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a sparse 50 MB file: costs no disk
    with pytest.raises(YamlError) as info:
        read_path(big)
    assert info.value.code == "size"
    assert "50.0 MB" in info.value.message
