"""``cloudwizard evaluate --json`` tells the problems of the case files in the session's language.

The real command (`cloudwizard.cli.main`) on a folder with a broken case file (a YAML syntax error)
and one with an unknown key and missing keys: the lines on standard error and the ``errors`` of the
JSON are in nl/fr/de (their words, the severity with the language's colon), as ``evaluate`` without
``--json`` says them, and none of the English message ids remain.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cloudwizard.cli import main

#: What each language says for "error", "unknown key … in a case file" and "missing key".
SAID = {
    "nl": ("fout: ", "onbekende sleutel", "ontbreekt"),
    "fr": ("erreur\u00a0: ", "inconnue dans un fichier de cas", "manque"),
    "de": ("Fehler: ", "in einer Falldatei", "fehlt"),
}
ENGLISH = ("error:", "unknown key", "missing key", "YAML syntax error", "in a case file", "did not find")


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    (tmp_path / "broken.case.yaml").write_text("id: broken\ntitle: [1, 2\n", encoding="utf-8")
    (tmp_path / "odd.case.yaml").write_text("id: odd\nbogus: 1\n", encoding="utf-8")
    return tmp_path


def _evaluate(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["evaluate", *args])
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.mark.parametrize("lang", sorted(SAID))
def test_json_problems_in_the_language(lang: str, cases: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _evaluate(["--json", "--lang", lang, str(cases)], capsys)
    assert status == 1
    data = json.loads(out)
    errors = data["errors"]
    assert len(errors) >= 3, errors
    lines = err.strip().splitlines()
    assert sorted(lines) == sorted(errors)  # the same lines on standard error as in the JSON
    severity, unknown, missing = SAID[lang]
    text = "\n".join(errors)
    assert all(severity in e for e in errors), errors
    assert unknown in text and missing in text, text
    for word in ENGLISH:
        assert word not in text, (word, text)
    _, plain, _ = _evaluate(["--lang", lang, str(cases)], capsys)
    assert all(e in plain for e in lines)  # as the text report says them


def test_json_problems_in_english(cases: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _evaluate(["--json", "--lang", "en", str(cases)], capsys)
    assert status == 1
    text = "\n".join(json.loads(out)["errors"])
    assert "error: unknown key “bogus” in a case file" in text and "YAML syntax error" in text
    assert "error: unknown key “bogus” in a case file" in err
