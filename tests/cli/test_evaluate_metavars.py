"""The placeholders of the usage lines and help (ANSWERS_FILE, FILE, CASES, N) are in the language.

`cloudwizard --help` and every command's ``--help`` (the real parser, `cloudwizard.cli.main`) in
nl/fr/de: the English placeholders must not remain, the language's must be there, the same in the
usage line, in the option list and in the help text that names another argument ("the same as
ANSWERS_FILE"). The man page (English) names the answers file as the English parser does.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from cloudwizard.cli import COMMANDS, main

REPO = Path(__file__).resolve().parents[2]
PLACEHOLDERS = {
    "nl": {"ANSWERS_FILE": "ANTWOORDBESTAND", "FILE": "BESTAND", "CASES": "CASUSSEN"},
    "fr": {"ANSWERS_FILE": "FICHIER_RÉPONSES", "FILE": "FICHIER", "CASES": "CAS"},
    "de": {"ANSWERS_FILE": "ANTWORTDATEI", "FILE": "DATEI", "CASES": "FÄLLE"},
}


def _status(args: list[str]) -> int | str | None:
    """`main`'s exit status for `args`, returned or raised (argparse's help and usage errors exit)."""
    try:
        return main(args)
    except SystemExit as stop:
        return stop.code


def _help(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert _status(args) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", sorted(PLACEHOLDERS))
def test_no_english_placeholder_in_any_help(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--lang", lang, "--help"], *([command, "--lang", lang, "--help"] for command in COMMANDS)):
        text = _help(args, capsys)
        for english in PLACEHOLDERS[lang]:
            assert not re.search(rf"\b{english}\b", text), (args, english, text)


@pytest.mark.parametrize("lang", sorted(PLACEHOLDERS))
def test_the_placeholders_agree(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    said = PLACEHOLDERS[lang]
    app = _help(["--lang", lang, "--help"], capsys)
    assert f"[{said['ANSWERS_FILE']}]" in app  # the usage line
    assert re.search(rf"^  {said['ANSWERS_FILE']}\s", app, re.MULTILINE)  # the list of arguments
    rec = _help(["recommend", "--lang", lang, "--help"], capsys)
    assert f"[{said['ANSWERS_FILE']}]" in " ".join(rec.split())
    assert f"--answers {said['FILE']}" in rec
    assert f"{said['ANSWERS_FILE']})" in " ".join(rec.split())  # "(the same as …)" names the argument as shown
    ev = _help(["evaluate", "--lang", lang, "--help"], capsys)
    assert f"[{said['CASES']} ...]" in " ".join(ev.split())


@pytest.mark.parametrize("lang", sorted(PLACEHOLDERS))
def test_a_missing_answers_file_is_named_in_the_language(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _status(["recommend", "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert f"{PLACEHOLDERS[lang]['ANSWERS_FILE']} (--answers)" in err and "ANSWERS_FILE" not in err


def test_the_man_page_names_the_answers_file_as_the_english_help() -> None:
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import make_manpage
    finally:
        sys.path.remove(str(REPO / "packaging"))
    page = make_manpage.manpage()
    assert "[\\fIoptions\\fR] [\\fIANSWERS_FILE\\fR]" in page
    assert "[\\fIoptions\\fR] \\fIANSWERS_FILE\\fR\n.br" in page
    assert "[\\fIoptions\\fR] \\fB\\-\\-answers\\fR \\fIFILE\\fR" in page
