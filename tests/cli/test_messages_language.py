"""The command line's own messages speak the session's language (issue 11: no English word remains).

Found in review: ``schema -o FILE`` said "wrote FILE", ``influence`` said its refusals and its
progress in English, and a broken questionnaire given to ``recommend``/``ask``/``influence``/the app
printed its problems in English whatever ``--lang`` said. Each path is run in English and in
nl/fr/de: every line of the translated output differs from the English one, keeps its
``FILE:LINE:COL`` place, and holds none of the English words its English line was made of.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from cloudwizard import cli
from cloudwizard.cli import main

LANGS = ("nl", "fr", "de")

#: Words of the English messages that are not also French, Dutch or German words.
ENGLISH = re.compile(r"\b(the|wrote|has|errors?|nothing|was|run|must|got|most|for|of|give|fewer|missing|unknown|"
                     r"key|did|you|mean|not|available|this|build|large|cost|grows|square|choices|samples?)\b",
                     re.IGNORECASE)
#: A problem line: its place, then the rest.
PLACE = re.compile(r"^(bad\.yaml:\d+:\d+): (.*)$")

BROKEN = ("format: 1\nsections:\n  - id: s\n    title: {en: S}\n    questions:\n"
          "      - id: q1\n        kind: bogus\n")


def _wide(path: Path, n: int) -> Path:
    """A valid questionnaire of `n` yes/no questions (3 × n questions and choices): too large for many samples."""
    lines = ["format: 1", "id: wide", "version: '1'", "languages: [en]", "fallback_language: en",
             "title: {en: Wide}", "sections:", "  - id: s", "    title: {en: S}", "    questions:"]
    for i in range(n):
        lines += [f"      - id: q{i}", "        type: yesno", f"        label: {{en: Question {i}}}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _words(text: str) -> str:
    """`text` without what is not language: the file's name, quoted ids, options and numbers."""
    text = re.sub(r"[«“„][^»”“]*[»”“]", "", text)
    return re.sub(r"(--\w+|\S*\.(yaml|json)|\[\w+\]|\d[\d.,\u00a0 ]*)", "", text)


def _stderr(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[str]:
    main(argv)
    return capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_message_is_left(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "a.yaml").write_text("answers: {}\n", encoding="utf-8")
    wide = str(_wide(tmp_path / "wide.yaml", 1_500).name)
    runs = {
        "schema -o": ["--lang", "{lang}", "schema", "-o", "schema.json"],
        "recommend, broken questionnaire": ["recommend", "--lang", "{lang}", "--questionnaire", "bad.yaml", "a.yaml"],
        "ask, broken questionnaire": ["ask", "--lang", "{lang}", "--questionnaire", "bad.yaml"],
        "app, broken questionnaire": ["--lang", "{lang}", "--questionnaire", "bad.yaml"],
        "influence, broken questionnaire": ["--lang", "{lang}", "influence", "--questionnaire", "bad.yaml"],
        "influence --samples 0": ["--lang", "{lang}", "influence", "--samples", "0"],
        "influence, too many samples given": ["--lang", "{lang}", "influence", "--questionnaire", wide,
                                              "--samples", "5000"],
        "influence, too many by default": ["--lang", "{lang}", "influence", "--questionnaire", wide],
    }
    for name, argv in runs.items():
        english = _stderr(capsys, [a.format(lang="en") for a in argv])
        shown = _stderr(capsys, [a.format(lang=lang) for a in argv])
        assert english and len(shown) == len(english), (name, shown)
        for en_line, line in zip(english, shown, strict=True):
            assert line != en_line, (name, line)
            en_place, place = PLACE.match(en_line), PLACE.match(line)
            if en_place is not None:  # FILE:LINE:COL kept, the same place as in English
                assert place is not None and place.group(1) == en_place.group(1), (name, line)
            assert ENGLISH.search(_words(en_line)), (name, en_line)  # the check sees English words at all
            left = ENGLISH.findall(_words(line))
            assert not left, (name, line, left)
    assert (tmp_path / "schema.json").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_the_influence_progress_speaks_the_language(lang: str) -> None:
    en, shown = io.StringIO(), io.StringIO()
    cli._InfluenceProgress(en, clock=lambda: 0.0)(1_200, 10_000)
    cli._InfluenceProgress(shown, clock=lambda: 0.0, lang=lang)(1_200, 10_000)
    assert "12 % (1,200 of 10,000 samples)" in en.getvalue()
    assert shown.getvalue() != en.getvalue()
    assert not ENGLISH.findall(_words(shown.getvalue())), shown.getvalue()
    assert "12" in shown.getvalue() and "1" in shown.getvalue()


@pytest.mark.parametrize(("lang", "usage"), [("de", "Aufruf: cloudwizard recommend"), ("nl", "Gebruik: cloudwizard recommend"),
                                             ("fr", "cloudwizard recommend"), ("en", "usage: cloudwizard recommend")])
def test_a_pdf_without_a_file_shows_the_commands_own_usage_in_the_language(
        lang: str, usage: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Found blind: ``recommend --format pdf`` without ``-o`` printed the English usage of the whole program."""
    answers = Path(__file__).resolve().parents[2] / "questionnaires" / "examples" / "answers-sme.yaml"
    assert main(["recommend", "--lang", lang, "--answers", str(answers), "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert usage in err and "{ask,recommend" not in err
    if lang != "en":
        assert "usage:" not in err
