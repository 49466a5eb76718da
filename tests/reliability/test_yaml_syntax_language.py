"""A YAML syntax error is said wholly in the session's language, at its FILE:LINE:COL (issue #11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cloudwizard import cli

HEAD = 'cloudwizard_answers: 1\nquestionnaire: {id: cloudwizard, version: "1"}\nanswers:\n'
BROKEN = {
    "unclosed_list": HEAD + "  org_apps: [office, files\n",
    "unclosed_mapping": HEAD + "  x: {a: 1\n",
    "tab": HEAD + "\torg_apps: [office]\n",
    "bad_indent": HEAD + "  a: 1\n b: 2\n",
    "unclosed_quote": HEAD + '  notes: "open\n',
    "colon": HEAD + "  notes: a: b\n",
}
#: PyYAML's English words that must not be left in a translated line.
ENGLISH = re.compile(r"did not find|expected|while (parsing|scanning)|starts at line|not allowed|found |column")
LINE = re.compile(r"^(?P<place>[^\n]*?:\d+:\d+): (?P<rest>.*)$")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    cli.main(list(args))
    out = capsys.readouterr()
    return [m.group() for m in map(LINE.match, out.err.splitlines() + out.out.splitlines()) if m]


@pytest.mark.parametrize("name", sorted(BROKEN))
@pytest.mark.parametrize("command", ["recommend", "validate"])
def test_a_syntax_error_is_said_in_the_language_at_its_place(name: str, command: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(BROKEN[name], encoding="utf-8")
    args = ["--answers", str(path)] if command == "recommend" else [str(path)]
    english = _run(capsys, command, *args, "--lang", "en")
    assert english and "YAML syntax error" in english[0], english
    place = LINE.match(english[0])["place"]  # type: ignore[index]
    for lang in ("nl", "fr", "de"):
        shown = _run(capsys, command, *args, "--lang", lang)
        assert shown and LINE.match(shown[0])["place"] == place, (lang, shown)  # type: ignore[index]
        assert "YAML syntax error" not in shown[0] and not ENGLISH.search(shown[0]), (lang, shown[0])
        assert "','" not in shown[0], shown[0]  # the language's quotes, not typewriter ones
