"""YAML syntax errors of every family said in nl/fr/de, never in libyaml's English (issue 11, item 6).

Each broken file below makes libyaml (the parser `yamlsafe` drives) stop with a problem of one
family: anchors, aliases, tags and tag handles, %YAML and %TAG directives, block scalars, escapes in
quoted texts, document markers, flow collections, simple keys. The real command (``cloudwizard
recommend`` through `cloudwizard.cli.main`) reads each as an answers file in nl/fr/de; its problem
line must hold none of libyaml's English words, and must differ from the English line.

`LIBYAML` lists every problem and context libyaml's scanner and parser can report (from its
scanner.c and parser.c; the reader's "control characters are not allowed" has a message of its
own): each must be one of the parts `diagnostic_text` translates, with a translation in each catalog.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudwizard.cli import main
from cloudwizard.engine import diagnostic_text
from cloudwizard.engine.i18n import gettext_for

#: A broken answers file per family of libyaml's problems.
BROKEN: dict[str, str] = {
    "anchor": "a: &\n",
    "alias": "a: *\n",
    "verbatim tag": "a: !<foo\n",
    "undefined tag handle": "a: !e!x 1\n",
    "tag URI escape": "a: !<%zz> 1\n",
    "unknown directive": "%FOO bar\n---\na: 1\n",
    "directive name": "%\n---\na: 1\n",
    "duplicate %YAML": "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "incompatible %YAML": "%YAML 2.0\n---\na: 1\n",
    "%YAML version": "%YAML x\n---\na: 1\n",
    "%TAG directive": "%TAG !x\n---\na: 1\n",
    "block scalar indentation": "a: |0\n  x\n",
    "block scalar header": "a: |x\n  x\n",
    "escape": 'a: "\\x4"\n',
    "unknown escape": 'a: "\\q"\n',
    "document marker in a quoted text": 'a: "x\n---\n"\n',
    "flow mapping": "{a: 1, ? b\n",
    "flow sequence": "[a, b",
    "block mapping": "a: 1\n? b\n- c\n",
    "mapping value": "a: b: c\n",
    "tab": "a:\n\tb: 1\n",
    "simple key": "a\nb: 1\n'c\n",
}

#: libyaml's problems and contexts (scanner.c, parser.c).
LIBYAML: tuple[str, ...] = (
    "block sequence entries are not allowed in this context", "could not find expected ':'",
    "could not find expected directive name", "did not find URI escaped octet", "did not find expected '!'",
    "did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected '-' indicator",
    "did not find expected <document start>", "did not find expected alphabetic or numeric character",
    "did not find expected comment or line break", "did not find expected digit or '.' character",
    "did not find expected hexdecimal number", "did not find expected key", "did not find expected node content",
    "did not find expected tag URI", "did not find expected version number", "did not find expected whitespace",
    "did not find expected whitespace or line break", "did not find the expected '>'",
    "found a tab character where an indentation space is expected", "found an incorrect leading UTF-8 octet",
    "found an incorrect trailing UTF-8 octet", "found an indentation indicator equal to 0",
    "found character that cannot start any token", "found duplicate %TAG directive",
    "found duplicate %YAML directive", "found extremely long version number", "found incompatible YAML document",
    "found invalid Unicode character escape code", "found undefined tag handle", "found unexpected ':'",
    "found unexpected document indicator", "found unexpected end of stream",
    "found unexpected non-alphabetical character", "found unknown directive name", "found unknown escape character",
    "mapping keys are not allowed in this context", "mapping values are not allowed in this context",
    "while parsing a %TAG directive", "while parsing a block collection", "while parsing a block mapping",
    "while parsing a block node", "while parsing a flow mapping", "while parsing a flow node",
    "while parsing a flow sequence", "while parsing a node", "while parsing a quoted scalar", "while parsing a tag",
    "while parsing a tag directive", "while scanning a %TAG directive", "while scanning a %YAML directive",
    "while scanning a block scalar", "while scanning a directive", "while scanning a plain scalar",
    "while scanning a quoted scalar", "while scanning a simple key", "while scanning a tag",
    "while scanning a tag directive", "while scanning an alias", "while scanning an anchor",
    "while scanning for the next token",
)
LANGS = ("nl", "fr", "de")


def _problem(path: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The problem line ``cloudwizard recommend`` prints for `path` in `lang`."""
    assert main(["recommend", "--lang", lang, "--format", "text", str(path)]) != 0
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith(f"{path}:")]
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize("family", sorted(BROKEN))
def test_every_family_is_said_in_the_language(family: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.cwanswers.yaml"
    path.write_text(BROKEN[family], encoding="utf-8")
    english = _problem(path, "en", capsys)
    assert "YAML syntax error" in english, english  # the file breaks the parser, as meant
    for lang in LANGS:
        said = _problem(path, lang, capsys)
        assert said != english, (lang, said)
        for words in (*LIBYAML, "YAML syntax error", "while ", "did not find", "found ", "expected", "error:"):
            assert words not in said, (lang, words, said)


def test_every_libyaml_message_has_a_translation() -> None:
    parts = set(diagnostic_text._SYNTAX_PARTS)
    assert not [m for m in LIBYAML if m not in parts]
    for lang in LANGS:
        _ = gettext_for(lang)
        assert not [m for m in LIBYAML if _(m) == m], lang


@pytest.mark.parametrize(("lang", "said"), [("fr", "le fichier fait 1,9 Mo"), ("de", "die Datei ist 1,9 MB"),
                                            ("nl", "het bestand is 1,9 MB"), ("en", "the file is 1.9 MB")])
def test_a_file_size_is_written_as_the_language_writes_decimals(lang: str, said: str) -> None:
    """Blind check: "1.9 Mo" in French, "1.9 MB" in German."""
    from cloudwizard.engine.diagnostic_text import translate

    assert translate("the file is 1.9 MB; the limit is 1 MB", lang).startswith(said)
