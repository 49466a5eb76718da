"""Problems in an answers file are told in the session's language (--lang, else the file's), each at
FILE:LINE:COL, and a problem with the whole file (no such file) without a made-up position (issue 13).
"""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from cloudwizard import cli
from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.diagnostic_text import MESSAGES, is_known, translate
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load
from tests.cli.ptyterm import Terminal, flat

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
BAD = REPO / "tests" / "data" / "bad" / "answers"
BAD_FILES = sorted(p for p in BAD.iterdir() if not p.name.startswith("."))

# Two located problems and a readable language: what a person gets wrong by hand.
BROKEN = """\
cloudwizard_answers: 1
questionnaire: {id: example, version: '1.0'}
language: LANG
answers:
  audience: business
  staff: 12
  sensitivity: 9
  colour: blue
"""
SAID = {  # the question named by its text (its id stays in the [reference])
    "nl": ("fout", "antwoord op “Hoe gevoelig zijn ze?”: 9 is hoger dan het maximum 5", "onbekende vraag “colour”"),
    "fr": ("erreur\u00a0", "réponse à «\u00a0Quelle est leur sensibilité\u202f?\u00a0»\u00a0: 9 dépasse le maximum 5",
           "question inconnue «\u00a0colour\u00a0»"),
    "de": ("Fehler", "Antwort auf „Wie sensibel sind sie?“: 9 liegt über dem Maximum 5", "unbekannte Frage „colour“"),
    "en": ("error", "answer to “How sensitive is it?”: 9 is above the maximum 5", "unknown question “colour”"),
}


def _cli(*args: str) -> tuple[int, list[str]]:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        status = cli.main(list(args))
    return status, err.getvalue().splitlines()


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_every_problem_of_the_bad_answers_corpus_is_translated(path: Path) -> None:
    report = read_answers(path, load(EXAMPLE)).report
    for d in report:
        assert is_known(d.message), d.message  # a new message needs an entry in MESSAGES
        for lang in ("nl", "fr", "de"):
            said = translate(d.message, lang)
            if not d.message.startswith("YAML syntax error: did not find"):  # PyYAML's own words stay
                assert said != d.message, (lang, d.message)


def test_every_message_id_is_in_every_catalog() -> None:
    for lang in ("nl", "fr", "de"):
        _ = gettext_for(lang)
        assert [m for m in MESSAGES if _(m) == m] == [], lang


def test_values_are_kept_and_english_words_translated() -> None:
    message = "answer to 'notes': expected text, got a list"
    assert translate(message, "de") == "Antwort auf „notes“: Text erwartet, gefunden: eine Liste"
    assert translate("this is a named pipe (FIFO), not a regular file; only regular files are read", "fr") == \
        "c’est un tube nommé (FIFO), pas un fichier ordinaire\u202f; seuls les fichiers ordinaires sont lus"
    assert translate("something new", "nl") == "something new"  # unknown: left as it is, not garbled


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_a_missing_file_has_no_made_up_position(lang: str, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    status, err = _cli("recommend", "--answers", str(missing), "--lang", lang)
    assert status == 1
    severity = SAID[lang][0]
    assert err[0] == f"{missing}: {severity}: {translate('no such file', lang)}"
    assert ":0:0" not in "\n".join(err)
    # it does not exist: not "it was left unchanged", as if there were a file
    assert err[1] == "cloudwizard: " + gettext_for(lang)("{path}: this answers file does not exist; nothing was "
                                                         "run").format(path=missing)


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_the_file_language_is_the_session_language_without_lang(lang: str, tmp_path: Path) -> None:
    broken = tmp_path / "a.yaml"
    broken.write_text(BROKEN.replace("LANG", lang), encoding="utf-8")
    status, err = _cli("recommend", "--answers", str(broken), "--questionnaire", str(EXAMPLE))
    severity, range_error, unknown = SAID[lang]
    assert status == 1
    assert err[:2] == [f"{broken}:7:16: {severity}: {range_error} [sensitivity]",
                       f"{broken}:8:3: {severity}: {unknown} [colour]"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")
@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_ask_answers_tells_the_problems_in_the_session_language(lang: str, columns: int, tmp_path: Path) -> None:
    broken = tmp_path / "a.yaml"
    broken.write_text(BROKEN.replace("LANG", "en"), encoding="utf-8")  # --lang wins over the file's
    before = broken.read_bytes()
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--answers", str(broken), "--lang", lang],
                    columns=columns, cwd=tmp_path)
    assert term.wait() == 1
    severity, range_error, unknown = SAID[lang]
    screen = flat(term.screen)  # wrapped to the terminal at word boundaries, further lines indented
    assert flat(f"{broken}:7:16: {severity}: {range_error} [sensitivity]") in screen
    assert flat(f"{broken}:8:3: {severity}: {unknown} [colour]") in screen
    assert broken.read_bytes() == before  # left unchanged


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="needs /dev/full")
@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "cloudwizard: kan niet naar de standaarduitvoer schrijven: "),
    ("fr", "cloudwizard: impossible d’écrire sur la sortie standard\u00a0: "),
    ("de", "cloudwizard: kann nicht in die Standardausgabe schreiben: "),
    ("en", "cloudwizard: cannot write to standard output: "),
])
def test_a_full_standard_output_is_said_in_the_session_language(lang: str, said: str) -> None:
    import subprocess

    answers = REPO / "questionnaires" / "examples" / "answers-sme.yaml"
    with open("/dev/full", "w", encoding="utf-8") as full:
        proc = subprocess.run([sys.executable, "-m", "cloudwizard", "recommend", "--answers", str(answers),
                               "--lang", lang, "--format", "markdown"], stdout=full, stderr=subprocess.PIPE,
                              text=True, cwd=REPO, timeout=120, check=False, env={"PATH": "/usr/bin:/bin",
                                                                                  "LANG": "C.UTF-8"})
    assert proc.returncode == 1
    assert proc.stderr == said + gettext_for(lang)("the disk is full") + "\n"


def test_a_report_that_cannot_be_saved_is_said_in_the_session_language(tmp_path: Path) -> None:
    answers = REPO / "questionnaires" / "examples" / "answers-sme.yaml"
    target = tmp_path / "no-such-folder" / "advice.md"
    status, err = _cli("recommend", "--answers", str(answers), "--lang", "de", "-o", str(target))
    assert status == 1
    assert err[-1] == (f"cloudwizard: {target}: der Bericht konnte nicht gespeichert werden: der Ordner existiert "
                       "nicht. Eine vorherige Datei bleibt unverändert.")
