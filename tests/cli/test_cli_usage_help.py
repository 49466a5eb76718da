"""``--help`` speaks the session's language: the option texts, not only argparse's headings (issue 11).

``cloudwizard --lang fr recommend --help`` reads as French from its first line to its last; each
English help text of the parsers (the option texts, the descriptions, the command list) is looked
for in the French, Dutch and German help of every command, and none may be found.
"""

from __future__ import annotations

import argparse
import io
import re
from contextlib import redirect_stderr, redirect_stdout

import pytest

from cloudwizard import cli

COMMANDS = cli.COMMANDS


def _help(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert cli.main([*args, "--help"]) == 0
    return out.getvalue()


def _parsers() -> dict[str, argparse.ArgumentParser]:
    """The app's parser (key "") and each command's, as built in English."""
    app, commands = cli.build_parsers()
    sub = next(a for a in commands._actions if isinstance(a, argparse._SubParsersAction))
    return {"": app, **sub.choices}


def _english_texts(parser: argparse.ArgumentParser) -> list[str]:
    """Every text a user reads in `parser`'s help, in English: description, option helps, the command list."""
    texts = [parser.description or "", *(parser.epilog or "").splitlines()]
    texts += [a.help for a in parser._actions if a.help and a.help != argparse.SUPPRESS]
    return [" ".join(t.split()) for t in texts if t.strip()]


def _phrases(text: str) -> list[str]:
    """Runs of three or more words of letters in `text` ("answer the questionnaire in the terminal")."""
    runs = re.findall(r"[A-Za-z']+(?: [A-Za-z']+){2,}", text)
    return [r for r in runs if not r.startswith("CloudWizard")]


@pytest.mark.parametrize("lang", ["fr", "nl", "de"])
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_no_english_help_text_is_left(lang: str, command: str) -> None:
    english = _english_texts(_parsers()[command])
    assert english, command
    shown = " ".join(_help("--lang", lang, *([command] if command else [])).replace("\u00a0", " ").split())
    left = [p for text in english for p in _phrases(text) if p in shown]
    assert not left, f"{lang} {command or 'cloudwizard'} --help keeps English: {left}"
    for option in ("--help", *(o for a in _parsers()[command]._actions for o in a.option_strings)):
        assert option in shown  # the options themselves are what is typed: unchanged


@pytest.mark.parametrize("command", COMMANDS)
def test_the_language_may_come_before_the_command_or_after_it(command: str) -> None:
    before = _help("--lang", "de", command)
    assert before.startswith(f"Aufruf: cloudwizard {command}"), before[:80]
    if command in ("ask", "recommend", "validate", "evaluate"):  # the commands that take --lang themselves
        assert _help(command, "--lang", "de") == before
        assert _help("--lang=de", command) == before


def test_french_help_keeps_french_punctuation_and_names_the_formats() -> None:
    text = _help("--lang", "fr", "recommend")
    assert text.startswith("utilisation\u00a0: cloudwizard recommend")
    assert "arguments positionnels\u00a0:\n" in text and "options\u00a0:\n" in text
    assert "[-o FICHIER]" in text and "par défaut\u00a0: celle du fichier de réponses" in text
    for suffix in (".pdf", ".md", ".html", ".txt", ".json"):
        assert suffix in text
    app = _help("--lang", "fr")
    assert "conseil pour un fichier de réponses, en PDF, Markdown, HTML, Texte ou JSON" in " ".join(app.split())


def test_english_help_reads_as_before() -> None:
    text = " ".join(_help("recommend").split())
    assert "usage: cloudwizard recommend" in text
    assert "the answers file (the same as ANSWERS_FILE)" in text
    assert "write the report here instead of to standard output" in text
    assert "[-o FILE]" in text and "[--questionnaire FILE]" in text
    app = " ".join(_help().split())
    assert "recommend advice for an answers file, as PDF, Markdown, HTML, Text or JSON" in app
    assert "--version show program's version number and exit" in app


def test_the_manual_page_gives_both_forms_of_recommend() -> None:
    import importlib.util

    from .ptyterm import REPO

    spec = importlib.util.spec_from_file_location("make_manpage", REPO / "packaging" / "make_manpage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = module.manpage()
    section = page.split(".SS recommend\n", 1)[1].split(".PP", 1)[0]
    assert "[\\fIoptions\\fR] \\fIANSWERS_FILE\\fR" in section  # cloudwizard recommend FILE
    assert "[\\fIoptions\\fR] \\fB\\-\\-answers\\fR \\fIFILE\\fR" in section  # … or --answers FILE
    assert "cloudwizard recommend mine.cwanswers.yaml" in page.split(".SH EXAMPLES", 1)[1]
