"""Regression tests for the engine fixes that the corpus, the property tests and the fuzz run led to."""

from __future__ import annotations

import pytest

from cloudwizard.engine.diagnostics import Diagnostic, Severity, printable
from cloudwizard.engine.model import Location
from cloudwizard.engine.yamlsafe import YamlError, parse_bytes, parse_text


def _error(text: str) -> YamlError:
    with pytest.raises(YamlError) as info:
        parse_text(text, "f.yaml")
    return info.value


def test_control_character_is_reported_at_its_place() -> None:
    err = _error("a: 1\nb: x\x07y\n")
    assert (err.location.line, err.location.column) == (2, 5)
    assert err.message == "the file holds a control character (U+0007) that YAML does not allow; remove it"


def test_syntax_error_names_where_the_unclosed_construct_starts() -> None:
    err = _error("a: 1\nb: [x, y\n\nc: 2\n")
    assert "(while parsing a flow sequence that starts at line 2, column 4)" in err.message


@pytest.mark.parametrize(
    ("text", "tip"),
    [("a:\n  b: 1\n\tc: 2\n", "indent with spaces, not tabs"),
     ("a: Who: you?\n", "put a text that holds ': ' in quotes")],
)
def test_common_syntax_errors_say_what_to_do(text: str, tip: str) -> None:
    assert _error(text).message.endswith(tip)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_named(encoding: str) -> None:
    data = "\ufeffa: 1\n".encode(encoding)
    with pytest.raises(YamlError) as info:
        parse_bytes(data, "f.yaml")
    assert info.value.message == f"the file is {encoding[:6].upper()} text; save it as UTF-8"


def test_tags_are_shown_as_written() -> None:
    err = _error("a: !!python/object/apply:os.system [id]\n")
    assert err.message.startswith("the YAML tag '!!python/object/apply:os.system' is not allowed")


def test_messages_never_replay_control_characters() -> None:
    d = Diagnostic(Severity.ERROR, Location("f.yaml", 1, 2), "unknown key '\x1b[2J\u202e'", ref="x\x07")
    assert str(d) == "f.yaml:1:2: error: unknown key '\\x1b[2J\\u202e' [x\\x07]"
    assert printable("tab\tand newline\n stay") == "tab\tand newline\n stay"
