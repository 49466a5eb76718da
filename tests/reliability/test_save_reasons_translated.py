"""A report or answers file that cannot be written says why in one sentence, in the session's language.

Blind check (session 21): ``recommend --lang nl -o /dev/full`` printed "het rapport kon niet worden
opgeslagen: Could not save /dev/full: it is a device, not a regular file; choose a file name. It was
left as it is.. Een eerder bestand is ongewijzigd." The English sentence of the engine's error went
into the translated one; in English "is unchanged" came twice. A folder of the name, a named pipe
and a folder that takes no new files (/proc) read the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cloudwizard.engine.atomicio import SaveError, write_atomic
from cloudwizard.engine.diagnostic_text import save_reason

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "questionnaires" / "examples" / "answers-sme.yaml"

REASON = {  # the target, then the reason in each language
    "folder": {"en": "there is a folder of that name; choose another name", "nl": "er is een map met die naam",
               "fr": "un dossier porte ce nom", "de": "es gibt einen Ordner mit diesem Namen"},
    "fifo": {"en": "it is a named pipe (FIFO), not a regular file", "nl": "geen gewoon bestand",
             "fr": "pas un fichier ordinaire", "de": "keine gewöhnliche Datei"},
    "device": {"en": "it is a device, not a regular file", "nl": "het is een apparaat",
               "fr": "c’est un périphérique", "de": "es ist ein Gerät"},
}
PREVIOUS = {"en": "The previous file, if any, is unchanged.", "nl": "ongewijzigd", "fr": "inchangé",
            "de": "unverändert"}


def _target(kind: str, tmp_path: Path) -> Path:
    if kind == "folder":
        (tmp_path / "report.md").mkdir()
        return tmp_path / "report.md"
    if kind == "fifo":
        os.mkfifo(tmp_path / "report.md")
        return tmp_path / "report.md"
    if not Path("/dev/full").is_char_device():
        pytest.skip("needs /dev/full")
    return Path("/dev/full")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
@pytest.mark.parametrize("kind", list(REASON))
def test_recommend_says_why_once_in_the_language(kind: str, lang: str, tmp_path: Path) -> None:
    target = _target(kind, tmp_path)
    proc = subprocess.run([sys.executable, "-m", "cloudwizard", "recommend", "--lang", lang, "-o", str(target),
                           str(ANSWERS)], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "LC_ALL": "C.UTF-8"}, check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert REASON[kind][lang] in line and PREVIOUS[lang] in line
    assert line.count(PREVIOUS[lang]) == 1 and ".." not in line
    if lang != "en":
        assert "Could not save" not in line and "regular file" not in line and "It was left" not in line


def test_a_folder_that_takes_no_new_file_is_not_called_missing(tmp_path: Path) -> None:
    """/proc is there but makes no files: "the folder does not exist" was wrong."""
    if not Path("/proc/version").is_file():
        pytest.skip("needs a /proc that takes no new files")
    with pytest.raises(SaveError) as caught:
        write_atomic("/proc/version", "text")
    assert caught.value.kind == "not_created"
    assert save_reason(caught.value, "nl") == "in die map kan geen nieuw bestand worden gemaakt"
    assert save_reason(caught.value, "en") == "a new file cannot be made in that folder"


def test_every_kind_has_a_translated_reason() -> None:
    for kind in ("fifo", "socket", "device", "special", "not_created", "pdf"):
        err = SaveError(5, "Could not save x: …", reason="why", kind=kind)
        for lang in ("nl", "fr", "de"):
            said = save_reason(err, lang)
            assert said and said != save_reason(err, "en"), (kind, lang)
