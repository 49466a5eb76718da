"""Usage errors speak the session's language (issue 11, item 6), and ``recommend`` takes the answers file
as a plain argument as well as with ``--answers``.

Each case runs the real program in a child process, as a user would, with a French system locale, so
that ``--lang`` on the command line is seen to win over it (and the locale to count without it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SME = REPO / "questionnaires" / "examples" / "answers-sme.yaml"
NBSP = "\u00a0"


def _run(*args: str, lang_env: str = "fr_BE.UTF-8", cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["LANG"] = lang_env
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run([sys.executable, "-m", "cloudwizard", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120, check=False)


# (language, the "usage" heading, the "error" word, "… are required: …", "invalid choice" with the quotes)
SAID = {
    "nl": ("Gebruik: ", "fout: ", "deze argumenten zijn verplicht: ANTWOORDBESTAND", "ongeldige keuze: “docx”",
           "onbekende argumenten: --bogus"),
    "fr": (f"utilisation{NBSP}: ", f"erreur{NBSP}: ", f"les arguments suivants sont obligatoires{NBSP}: FICHIER_RÉPONSES",
           f"choix non valide{NBSP}: «{NBSP}docx{NBSP}»", f"arguments non reconnus{NBSP}: --bogus"),
    "de": ("Aufruf: ", "Fehler: ", "diese Argumente sind erforderlich: ANTWORTDATEI", "ungültige Auswahl: „docx“",
           "unbekannte Argumente: --bogus"),
    "en": ("usage: ", "error: ", "the following arguments are required: ANSWERS_FILE",
           "invalid choice: “docx”", "unrecognized arguments: --bogus"),
}


@pytest.mark.parametrize("lang", sorted(SAID))
def test_usage_errors_in_the_language_of_lang(lang: str) -> None:
    usage, error, required, invalid, unknown = SAID[lang]
    missing = _run("recommend", "--lang", lang)
    assert missing.returncode == 2, missing.stderr
    assert missing.stderr.startswith(usage + "cloudwizard recommend")
    assert f"cloudwizard recommend{NBSP if lang == 'fr' else ''}: {error}{required}" in missing.stderr
    assert "--answers" in missing.stderr  # the option that gives it is named too
    bad = _run("recommend", f"--lang={lang}", "--format", "docx", str(SME))
    assert bad.returncode == 2
    assert "--format" in bad.stderr and invalid in bad.stderr, bad.stderr
    assert "pdf" in bad.stderr.split(invalid, 1)[1]  # the choices follow
    extra = _run("recommend", "--lang", lang, "--bogus", str(SME))
    assert extra.returncode == 2 and unknown in extra.stderr, extra.stderr
    if lang != "en":
        assert "the following" not in missing.stderr and "usage:" not in missing.stderr
        assert "ANSWERS_FILE" not in missing.stderr  # the placeholder is in the language too


@pytest.mark.parametrize(("env", "said"), [("nl_BE.UTF-8", "deze argumenten zijn verplicht: BESTAND"),
                                           ("de_DE.UTF-8", "diese Argumente sind erforderlich: DATEI"),
                                           ("fr_BE.UTF-8", f"les arguments suivants sont obligatoires{NBSP}: FICHIER")])
def test_without_lang_the_system_language(env: str, said: str) -> None:
    proc = _run("validate", lang_env=env)
    assert proc.returncode == 2 and said in proc.stderr, proc.stderr


def test_help_headings_translated() -> None:
    proc = _run("recommend", "--lang", "de", "--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith("Aufruf: ") and "Positionsargumente:" in proc.stdout and "Optionen:" in proc.stdout
    assert "diese Hilfe zeigen und beenden" in proc.stdout and "ANTWORTDATEI" in proc.stdout
    assert "ANSWERS_FILE" not in proc.stdout  # in the usage line and in "(wie ANTWORTDATEI)" alike
    assert "(wie ANTWORTDATEI)" in proc.stdout


def test_recommend_takes_the_answers_file_as_an_argument() -> None:
    plain = _run("recommend", "--lang", "en", "--format", "markdown", str(SME))
    option = _run("recommend", "--lang", "en", "--format", "markdown", "--answers", str(SME))
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout == option.stdout and plain.stdout.startswith("# CloudWizard advice")
    both = _run("recommend", "--lang", "en", "--format", "markdown", "--answers", str(SME), str(SME))
    assert both.returncode == 0 and both.stdout == plain.stdout  # the same file twice is fine


def test_two_different_answers_files_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(SME.read_text(encoding="utf-8"), encoding="utf-8")
    proc = _run("recommend", "--lang", "nl", "--answers", str(other), str(SME))
    assert proc.returncode == 2
    assert f"er zijn twee antwoordenbestanden gegeven, {SME} en --answers {other}; geef er één" in proc.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_with_the_answers_file_as_an_argument(tmp_path: Path) -> None:
    proc = _run("recommend", "--lang", "fr", "--format", "pdf", "-o", "x.pdf", str(SME), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "x.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Page 1 sur" in text or "Page 1 de" in text, text[:500]


# -- values in an answers file's problems are quoted as the language quotes ---------------------------

QUOTED = {"nl": "“gratis” is hier geen keuze", "fr": f"«{NBSP}gratis{NBSP}» n’est pas un choix ici",
          "de": "„gratis“ ist hier keine Antwortmöglichkeit"}


@pytest.mark.parametrize("lang", sorted(QUOTED))
def test_answers_file_values_in_the_language_quotes(lang: str, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(SME.read_text(encoding="utf-8").replace("budget: monthly", "budget: gratis"),
                       encoding="utf-8")
    proc = _run("recommend", "--lang", lang, "--format", "markdown", str(answers))
    assert proc.returncode == 1
    assert QUOTED[lang] in proc.stderr, proc.stderr
    assert "'gratis'" not in proc.stderr
